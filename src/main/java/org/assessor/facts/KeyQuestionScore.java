package org.assessor.facts;

/** A key question's percentage: {@code sum} of statement scores out of {@code max}, raw and as displayed. */
public record KeyQuestionScore(String keyQuestion, int sum, int max, int statements, double raw, int shown,
                               String rounding) implements Fact {
    public String key() { return "key-question-score/" + keyQuestion; }
}
