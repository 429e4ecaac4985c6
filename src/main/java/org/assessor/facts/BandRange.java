package org.assessor.facts;

/**
 * A rating band: a percentage at or above {@code from} and below {@code to} is in band {@code rank} (the rating's
 * rank); the top band has no upper end. {@code source} names the register row of its cut-off.
 */
public record BandRange(int rank, double from, double to, String source) implements Fact {
    public String key() { return "band-range/" + rank; }

    /** Whether the percentage falls in this band. */
    public boolean holds(double percent) {
        return percent >= from && percent < to;
    }

    /** The band from a cut-off up to the lowest of the cut-offs above it (none: no upper end). */
    public static BandRange upTo(int rank, double from, java.util.Collection<PolicyValue> above, String source) {
        double to = Double.POSITIVE_INFINITY;
        for (PolicyValue p : above) to = Math.min(to, p.number());
        return new BandRange(rank, from, to, source);
    }
}
