package org.assessor.govern;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a person may do in the workbench. Each role may do what the one before it may, and more: a viewer reads and
 * exports; an analyst also runs dry runs and the tests and proposes changes; an approver also approves or rejects
 * proposals (never their own) and reads the audit trail; an admin may do all of that. People are added and removed
 * with {@code assessor users}, on the machine, not through the workbench.
 */
public enum Role {
    VIEWER, ANALYST, APPROVER, ADMIN;

    /** The role's name as the users file and the pages write it: {@code viewer}, {@code analyst} … */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** The role a word names, or IllegalArgumentException naming the words allowed. */
    public static Role of(String word) {
        for (Role r : values()) if (r.word().equals(word)) return r;
        throw new IllegalArgumentException("expected a role, one of " + words() + "; found '" + word + "'");
    }

    public static String words() {
        return Arrays.stream(values()).map(Role::word).collect(Collectors.joining(", "));
    }
}
