package org.assessor.facts;

/**
 * An assessment with fewer statements scored than its scope has: {@code rated} says whether the register lets its
 * overall rating be given (with this as a caveat on every page and export) or leaves it not rated.
 */
public record PartialAssessment(int scored, int total, boolean rated, String reason) implements Fact {
    public String key() { return "partial-assessment"; }
}
