package org.assessor.facts;

/** A measured value from the evidence; {@code better} ("higher" or "lower") comes from the measures catalogue. */
public record Metric(String evidenceId, String statement, String category, String measure, double value,
                     String unit, String better, String period) implements Fact {
    public String key() { return "evidence/" + evidenceId; }

    /** The value with its unit, as a person writes it: "53.3%", "18 months". */
    public String shown() { return Numbers.withUnit(value, unit); }
}
