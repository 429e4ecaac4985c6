package org.assessor.facts;

import org.kie.api.runtime.rule.RuleContext;

/** A judgement of one piece of evidence: the statement and category it bears on, a grade 1–4, and why. */
public record Finding(String ruleId, String evidenceId, String statement, String category, int grade, String summary)
        implements Fact {
    public String key() { return "finding/" + ruleId + "/" + evidenceId + "/" + Integer.toHexString(summary.hashCode()); }

    /** A finding made by the rule now firing. */
    public static Finding by(RuleContext rule, String evidenceId, String statement, String category, int grade,
                             String summary) {
        return new Finding(RuleIds.of(rule), evidenceId, statement, category, grade, summary);
    }
}
