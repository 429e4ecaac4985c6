package org.assessor.facts;

/** A key question's rating and its basis: "computed", "judgement" or "previous" (carried, not reassessed). */
public record KeyQuestionRating(String keyQuestion, String rating, int rank, String basis, String detail)
        implements Fact {
    public String key() { return "key-question-rating/" + keyQuestion; }
}
