package org.assessor.facts;

import org.kie.api.runtime.rule.RuleContext;

/** A limit on a rating (a limiter or a breach cap): the rating may be no better than {@code rating}. */
public record RatingCap(String keyQuestion, String rating, int rank, String ruleId, String reason) implements Fact {
    public String key() { return "rating-cap/" + keyQuestion + "/" + ruleId; }

    /** A cap set by the rule now firing. */
    public static RatingCap by(RuleContext rule, String keyQuestion, RatingLevel level, String reason) {
        return by(RuleIds.of(rule), keyQuestion, level, reason);
    }

    /** A cap set by the rule with this id (for code outside a rule). */
    public static RatingCap by(String ruleId, String keyQuestion, RatingLevel level, String reason) {
        return new RatingCap(keyQuestion, level.name(), level.rank(), ruleId, reason);
    }
}
