package org.assessor.facts;

/** Where a band starts: a percentage at or above {@code from} is in band {@code rank} (4 Outstanding … 1 Inadequate). */
public record BandCutOff(int rank, double from) implements Fact {
    public String key() { return "band-cut-off/" + rank; }
}
