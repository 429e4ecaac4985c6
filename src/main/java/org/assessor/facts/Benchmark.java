package org.assessor.facts;

/**
 * A value a metric should be read against: a national average, a target, a previous value, and so on.
 * {@code origin} is "evidence" when the fixture gives it, "policy" when a rule supplies a named policy value.
 */
public record Benchmark(String evidenceId, String kind, double value, String label, String origin) implements Fact {
    public static final String EVIDENCE = "evidence";
    public static final String POLICY = "policy";

    public String key() {
        return "benchmark/" + evidenceId + "/" + kind + "/" + Numbers.plain(value) + "/" + Integer.toHexString(label.hashCode());
    }
}
