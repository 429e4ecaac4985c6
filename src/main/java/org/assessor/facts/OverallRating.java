package org.assessor.facts;

/** The overall rating, the principle that set it, and in plain words how. */
public record OverallRating(String rating, int rank, String principle, String detail) implements Fact {
    public String key() { return "overall-rating"; }
}
