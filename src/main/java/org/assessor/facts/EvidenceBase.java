package org.assessor.facts;

/** The score the evidence gives a statement before any cap: the banded percentage of {@code sum} out of the top score × {@code count}. */
public record EvidenceBase(String statement, int score, int sum, int count, double percent) implements Fact {
    public String key() { return "evidence-base/" + statement; }
}
