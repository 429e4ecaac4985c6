package org.assessor.facts;

/** A rating from the framework with its rank (higher is better), so rules can compare ratings. */
public record RatingLevel(String id, String name, int rank) implements Given {
    public String key() { return "rating-level/" + id; }
}
