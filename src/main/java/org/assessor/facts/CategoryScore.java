package org.assessor.facts;

/** An evidence category's score for a statement (evidence-category regime): grades summed over findings, banded. */
public record CategoryScore(String statement, String category, int score, int gradeSum, int findings) implements Fact {
    public String key() { return "category-score/" + statement + "/" + category; }
}
