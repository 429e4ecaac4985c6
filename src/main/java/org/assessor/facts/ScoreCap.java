package org.assessor.facts;

import org.kie.api.runtime.rule.RuleContext;

/** An upper limit on a unit's evidence score (a statement, or one of its categories), set by a method rule, with the reason. */
public record ScoreCap(String unit, String statement, int max, String ruleId, String reason) implements Fact {
    public String key() { return "score-cap/" + unit + "/" + ruleId + "/" + Integer.toHexString(reason.hashCode()); }

    /** A cap on a unit's base set by the rule now firing. */
    public static ScoreCap by(RuleContext rule, EvidenceBase base, int max, String reason) {
        return by(RuleIds.of(rule), base, max, reason);
    }

    /** A cap set by the rule with this id (for code outside a rule). */
    public static ScoreCap by(String ruleId, EvidenceBase base, int max, String reason) {
        return new ScoreCap(base.unit(), base.statement(), max, ruleId, reason);
    }
}
