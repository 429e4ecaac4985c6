package org.assessor.facts;

/** A key-question rating set by recorded professional judgement, departing from the computed one. */
public record RecordedRating(String keyQuestion, String rating, int rank, String reason, String by) implements Given {
    public String key() { return "recorded-rating/" + keyQuestion; }
}
