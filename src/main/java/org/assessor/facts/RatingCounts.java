package org.assessor.facts;

/** How many key questions hold each rating: the input to the overall rating principles. */
public record RatingCounts(int outstanding, int good, int requiresImprovement, int inadequate, int rated, int total)
        implements Fact {
    public String key() { return "rating-counts"; }
}
