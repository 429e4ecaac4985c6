package org.assessor.facts;

/** The rating a key question had before this assessment. */
public record PreviousRating(String keyQuestion, String rating, int rank) implements Given {
    public String key() { return "previous-rating/" + keyQuestion; }
}
