package org.assessor.facts;

/** The score the evidence gives a statement before any cap: the banded percentage of {@code sum} out of the top score × {@code count}. */
public record EvidenceBase(String statement, int score, int sum, int count, double percent) implements Fact {
    public String key() { return "evidence-base/" + statement; }

    /** The base score of {@code count} grades (or category scores) adding to {@code sum}, in {@code band}. */
    public static EvidenceBase of(String statement, BandRange band, Number sum, Number count, int max) {
        return new EvidenceBase(statement, band.rank(), sum.intValue(), count.intValue(), Numbers.percent(sum, count, max));
    }
}
