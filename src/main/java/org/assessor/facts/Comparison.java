package org.assessor.facts;

/**
 * A metric read against one of its benchmarks. {@code gapPercent} is the relative gap in the direction that is
 * better for the measure: +5 means 5% better than the benchmark, -5 means 5% worse.
 */
public record Comparison(String evidenceId, String statement, String category, String kind, String label,
                         double value, double benchmark, String unit, double gapPercent) implements Fact {
    public String key() { return "comparison/" + evidenceId + "/" + kind + "/" + Numbers.plain(benchmark); }

    /** Compares a metric with a benchmark; a zero benchmark uses the absolute difference as the gap. */
    public static Comparison of(Metric m, Benchmark b) {
        double sign = "lower".equals(m.better()) ? -1 : 1;
        double diff = m.value() - b.value();
        double gap = b.value() == 0 ? diff * 100 : diff / Math.abs(b.value()) * 100;
        return new Comparison(m.evidenceId(), m.statement(), m.category(), b.kind(), b.label(),
                m.value(), b.value(), m.unit(), sign * gap);
    }

    /** A sentence such as "53.3% against 56.06% (national average, 2023): 4.9% worse". */
    public String describe() {
        String direction = gapPercent > 0 ? "better" : gapPercent < 0 ? "worse" : "no different";
        String size = gapPercent == 0 ? "" : Numbers.rounded(Math.abs(gapPercent), 1) + "% ";
        return Numbers.withUnit(value, unit) + " against " + Numbers.withUnit(benchmark, unit)
                + " (" + label + "): " + size + direction;
    }
}
