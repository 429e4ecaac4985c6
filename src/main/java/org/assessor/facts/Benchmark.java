package org.assessor.facts;

/**
 * A value a metric should be read against: a national average, a target, a previous value, and so on.
 * {@code origin} is "evidence" when the fixture gives it, "policy" when it comes from the policy register, whose row
 * {@code policy} names (empty for evidence).
 */
public record Benchmark(String evidenceId, String kind, double value, String label, String origin, String policy)
        implements Fact {
    public static final String EVIDENCE = "evidence";
    public static final String POLICY = "policy";

    /** Made by the evidence loader and by {@link #from}; a rule makes a benchmark only with {@link #from}. */
    @GivenOnly
    public Benchmark {}

    public String key() {
        return "benchmark/" + evidenceId + "/" + kind + "/" + Numbers.plain(value) + "/" + Integer.toHexString(label.hashCode());
    }

    /** The metric's relative gap from this benchmark, in percent, in the measure's better direction (+5: 5% better). */
    public double gapFor(Metric m) {
        return Comparison.gap(m, this);
    }

    /** A benchmark the evidence gives (the loader's; not in the rule language). */
    @GivenOnly
    public static Benchmark given(String evidenceId, String kind, double value, String label) {
        return new Benchmark(evidenceId, kind, value, label, EVIDENCE, "");
    }

    /** A benchmark set by a register row, labelled with where it is set and why. */
    public static Benchmark from(String evidenceId, String kind, PolicyValue p) {
        return new Benchmark(evidenceId, kind, p.number(), p.cite(), POLICY, p.id());
    }
}
