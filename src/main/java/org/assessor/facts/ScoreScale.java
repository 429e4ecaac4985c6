package org.assessor.facts;

/** The framework's score scale for statements and grades: every score is from {@code min} to {@code max}. */
public record ScoreScale(int min, int max) implements Given {
    public String key() { return "score-scale"; }
}
