package org.assessor.facts;

/** An evidence category's score for a statement (evidence-category regime), weighed from its points as a statement's are. */
public record CategoryScore(String statement, String category, int score, int base) implements Fact {
    public String key() { return "category-score/" + statement + "/" + category; }
}
