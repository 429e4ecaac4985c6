package org.assessor.facts;

import org.kie.api.runtime.rule.RuleContext;

/** An upper limit on a statement's evidence score, set by a method rule, with the reason. */
public record ScoreCap(String statement, int max, String ruleId, String reason) implements Fact {
    public String key() { return "score-cap/" + statement + "/" + ruleId; }

    /** A cap set by the rule now firing. */
    public static ScoreCap by(RuleContext rule, String statement, int max, String reason) {
        return by(RuleIds.of(rule), statement, max, reason);
    }

    /** A cap set by the rule with this id (for code outside a rule). */
    public static ScoreCap by(String ruleId, String statement, int max, String reason) {
        return new ScoreCap(statement, max, ruleId, reason);
    }
}
