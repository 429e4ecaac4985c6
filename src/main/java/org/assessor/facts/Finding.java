package org.assessor.facts;

import org.kie.api.runtime.rule.RuleContext;

/**
 * A judgement of one piece of evidence: the statement and category it bears on, a grade, and why; {@code against}
 * names the benchmark a measured value was judged against (empty for an observation). {@code neutral} marks a
 * measured value found similar to its benchmark: graded as a good standard, yet neither a strength nor a shortfall.
 */
public record Finding(String ruleId, String evidenceId, String statement, String category, int grade, String summary,
                      String against, boolean neutral) implements Fact {
    public String key() { return "finding/" + ruleId + "/" + evidenceId + "/" + Integer.toHexString(summary.hashCode()); }

    /** A finding made by the rule now firing. */
    public static Finding by(RuleContext rule, String evidenceId, String statement, String category, int grade,
                             String summary) {
        return by(RuleIds.of(rule), evidenceId, statement, category, grade, summary);
    }

    /** A finding made by the rule with this id (for code outside a rule, e.g. a baseline that mirrors the rules). */
    public static Finding by(String ruleId, String evidenceId, String statement, String category, int grade,
                             String summary) {
        return new Finding(ruleId, evidenceId, statement, category, grade, summary, "", false);
    }

    /** A finding on a measured value read against a benchmark, with the rules' judgement of the comparison. */
    public static Finding of(RuleContext rule, Comparison c, int grade, String judgement) {
        return of(RuleIds.of(rule), c, grade, judgement);
    }

    /** As {@link #of(RuleContext, Comparison, int, String)}, made by the rule with this id. */
    public static Finding of(String ruleId, Comparison c, int grade, String judgement) {
        return compared(ruleId, c, grade, judgement, false);
    }

    /** A measured value found similar to its benchmark: a neutral reading, graded {@code grade}. */
    public static Finding neutral(RuleContext rule, Comparison c, int grade, String judgement) {
        return compared(RuleIds.of(rule), c, grade, judgement, true);
    }

    /** As {@link #neutral(RuleContext, Comparison, int, String)}, made by the rule with this id. */
    public static Finding neutral(String ruleId, Comparison c, int grade, String judgement) {
        return compared(ruleId, c, grade, judgement, true);
    }

    private static Finding compared(String ruleId, Comparison c, int grade, String judgement, boolean neutral) {
        return new Finding(ruleId, c.evidenceId(), c.statement(), c.category(), grade, c.describe(judgement),
                c.policy().isEmpty() ? c.label() : c.kind() + " " + c.policy(), neutral);
    }
}
