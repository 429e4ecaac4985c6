package org.assessor.facts;

/**
 * A measured value from the evidence. {@code measure} is its id in the measures catalogue, or empty for a measure the
 * catalogue lacks that the evidence names ({@code name}) and says which way is better for; {@code better} ("higher" or
 * "lower") comes from the catalogue otherwise.
 */
public record Metric(String evidenceId, String statement, String category, String measure, String name, double value,
                     String unit, String better, String period) implements Given {
    public String key() { return "evidence/" + evidenceId; }

    /** The value with its unit, as a person writes it: "53.3%", "18 months". */
    public String shown() { return Numbers.withUnit(value, unit); }

    /** What the value measures, as a point's topic: its measure id, or the name the evidence gives. */
    public String topic() { return measure.isEmpty() ? name : measure; }
}
