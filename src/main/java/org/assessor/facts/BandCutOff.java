package org.assessor.facts;

/**
 * Where a band starts: a percentage at or above {@code from} is in band {@code rank} (the rating's rank), as set by
 * the register value named in {@code source}.
 */
public record BandCutOff(int rank, double from, String source) implements Fact {
    public String key() { return "band-cut-off/" + rank; }
}
