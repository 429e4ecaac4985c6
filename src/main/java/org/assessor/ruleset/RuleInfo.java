package org.assessor.ruleset;

import java.io.Serializable;
import java.util.List;

/**
 * What a policy team needs to know about one rule, read once from its DRL when the rules are compiled: its identity
 * (package and name), its id, kind, statement and reason from its metadata, its layer, and where it is written
 * ({@code start}/{@code end} are character offsets into its file). The one model of rule metadata: compile errors,
 * lint, the engine's records, coverage, limiters and reports all read it.
 */
public record RuleInfo(String packageName, String name, String id, String kind, String statement, String reason,
                       String layer, String file, int line, int column, int start, int end, boolean salience,
                       List<String> attributes) implements Serializable {

    /** What a rule does, from its {@code @kind} metadata. */
    public static final List<String> KINDS = List.of(
            "policy",     // declares a policy value (a cut-off, a target, a tolerance)
            "judgement",  // judges a piece of evidence: makes a finding with a grade
            "cap",        // limits a statement score or the overall rating
            "limiter",    // limits a key question's rating
            "method");    // any other step of the scoring method (aggregation, banding, regime)

    public static final String LIMITER = "limiter";

    /** Identity: a rule name is unique within its package. */
    public String identity() {
        return identity(packageName, name);
    }

    public static String identity(String packageName, String name) {
        return packageName + "/" + name;
    }

    /** Where the rule starts: {@code file:line}. */
    public String where() {
        return file + ":" + line;
    }

    /** A stand-in for a rule the catalogue does not know (never expected: every compiled rule is described). */
    static RuleInfo unknown(String packageName, String name) {
        return new RuleInfo(packageName, name, name, "method", "", "", "", "?", 0, 0, 0, 0, false, List.of());
    }
}
