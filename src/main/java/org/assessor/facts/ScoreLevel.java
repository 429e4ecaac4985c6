package org.assessor.facts;

/**
 * A score of the framework's scale by its id ("exceptional", "good", "some-shortfalls", "significant-shortfalls"),
 * so that rules name a grade or a cap by what it means rather than by a bare number.
 */
public record ScoreLevel(String id, int score, String meaning) implements Given {
    public String key() { return "score-level/" + id; }
}
