package org.assessor.facts;

/** What the evidence scores a unit (a statement, or one of its categories): the base score after the lowest cap. */
public record EvidenceScore(String unit, String statement, String category, int score, int base, int cap) implements Fact {
    public String key() { return "evidence-score/" + unit; }

    /** The evidence score of a base under its lowest cap ({@code cap} is the scale's top when nothing caps it). */
    public static EvidenceScore of(EvidenceBase b, int cap) {
        return new EvidenceScore(b.unit(), b.statement(), b.category(), Math.min(b.score(), cap), b.score(), cap);
    }
}
