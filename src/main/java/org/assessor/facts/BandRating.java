package org.assessor.facts;

/**
 * The rating band a key question's raw percentage falls in; {@code boundary} marks a raw value on a cut-off, and
 * {@code source} names the register value that set the cut-off.
 */
public record BandRating(String keyQuestion, String rating, int rank, boolean boundary, double cutOff, String source)
        implements Fact {
    public String key() { return "band/" + keyQuestion; }
}
