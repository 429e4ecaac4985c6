package org.assessor.govern;

/**
 * Someone acting in the workbench: a signed-in user, or in single-user mode the local git identity. {@code login}
 * identifies them (an approver is never the proposal's author: compared by login); {@code name} and {@code email} sign
 * their git commits.
 */
public record Person(String login, String name, String email, Role role) {
    public boolean may(Role needed) {
        return role.atLeast(needed);
    }

    /** "Alice Smith <alice@example.org>", as git writes an identity. */
    public String ident() {
        return name + " <" + email + ">";
    }
}
