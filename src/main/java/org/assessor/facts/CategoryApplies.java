package org.assessor.facts;

/** An evidence category that applies to the assessment's service type. */
public record CategoryApplies(String category) implements Fact {
    public String key() { return "category-applies/" + category; }
}
