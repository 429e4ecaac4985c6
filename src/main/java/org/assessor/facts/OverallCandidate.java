package org.assessor.facts;

/** The rating a rating principle gives from the key-question counts, before any overall cap. */
public record OverallCandidate(String rating, int rank, String principle, String detail) implements Fact {
    public String key() { return "overall-candidate"; }
}
