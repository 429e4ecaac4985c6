package org.assessor.facts;

/** What the evidence scores a statement: the base score after the lowest cap. */
public record EvidenceScore(String statement, int score, int base, int cap) implements Fact {
    public String key() { return "evidence-score/" + statement; }
}
