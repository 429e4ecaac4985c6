package org.assessor.facts;

/** An evidence category that applies to the assessment's service type. */
public record CategoryApplies(String category) implements Given {
    public String key() { return "category-applies/" + category; }
}
