package org.assessor.facts;

/** A statement score recorded by an inspector as professional judgement, with the reason given. */
public record RecordedScore(String statement, int score, String reason, String by) implements Given {
    public String key() { return "recorded-score/" + statement; }
}
