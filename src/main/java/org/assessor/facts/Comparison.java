package org.assessor.facts;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A metric read against one of its benchmarks. {@code gapPercent} is the relative gap in the direction that is
 * better for the measure: +5 means 5% better than the benchmark, -5 means 5% worse.
 */
public record Comparison(String evidenceId, String statement, String category, String kind, String label,
                         double value, double benchmark, String unit, double gapPercent, String policy) implements Fact {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public String key() {
        return "comparison/" + evidenceId + "/" + kind + "/" + Numbers.plain(benchmark) + "/" + Integer.toHexString(label.hashCode());
    }

    /** Compares a metric with a benchmark; a zero benchmark uses the absolute difference as the gap. */
    public static Comparison of(Metric m, Benchmark b) {
        // Decimal arithmetic, so a value exactly on a tolerance (45 against 50 is exactly 10% worse) stays on it.
        BigDecimal diff = BigDecimal.valueOf(m.value()).subtract(BigDecimal.valueOf(b.value()));
        BigDecimal gap = b.value() == 0 ? diff.multiply(HUNDRED)
                : diff.divide(BigDecimal.valueOf(Math.abs(b.value())), MathContext.DECIMAL64).multiply(HUNDRED);
        if ("lower".equals(m.better())) gap = gap.negate();
        return new Comparison(m.evidenceId(), m.statement(), m.category(), b.kind(), b.label(),
                m.value(), b.value(), m.unit(), gap.doubleValue(), b.policy());
    }

    /**
     * A sentence such as "53.3% against 56.06% (national average, 2023): 4.9% worse"; a register value is cited after
     * the judgement, as {@link #describe(String)} shows.
     */
    public String describe() {
        String direction = gapPercent > 0 ? "better" : gapPercent < 0 ? "worse" : "no different";
        String size = gapPercent == 0 ? "" : Numbers.rounded(Math.abs(gapPercent), 1) + "% ";
        String against = Numbers.withUnit(value, unit) + " against " + Numbers.withUnit(benchmark, unit);
        return policy.isEmpty() ? against + " (" + label + "): " + size + direction : against + ": " + size + direction;
    }

    /** The comparison with the rules' judgement of it, and for a register value where it is set and why. */
    public String describe(String judgement) {
        return describe() + ", " + judgement + (policy.isEmpty() ? "" : " — " + label);
    }
}
