package org.assessor.facts;

/** The rating the method computes for a key question: its band, lowered by any cap. */
public record ComputedRating(String keyQuestion, String rating, int rank, String detail) implements Fact {
    public String key() { return "computed-rating/" + keyQuestion; }
}
