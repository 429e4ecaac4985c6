package org.assessor.facts;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A metric read against one of its benchmarks: made by the benchmark rules' consequences to word a finding (it is not
 * a fact in the session; the rules compare with {@link Benchmark#gapFor(Metric)}). {@code gapPercent} is the relative gap in the direction that is
 * better for the measure: +5 means 5% better than the benchmark, -5 means 5% worse.
 */
public record Comparison(String evidenceId, String statement, String category, String kind, String label,
                         double value, double benchmark, String unit, String better, double gapPercent, String policy) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Compares a metric with a benchmark; a zero benchmark uses the absolute difference as the gap. */
    public static Comparison of(Metric m, Benchmark b) {
        return new Comparison(m.evidenceId(), m.statement(), m.category(), b.kind(), b.label(),
                m.value(), b.value(), m.unit(), m.better(), gap(m, b), b.policy());
    }

    /**
     * The relative gap of a metric from a benchmark, in percent, in the direction that is better for the measure (+5:
     * 5% better); a zero benchmark gives the absolute difference.
     */
    public static double gap(Metric m, Benchmark b) {
        // Decimal arithmetic, so a value exactly on a tolerance (45 against 50 is exactly 10% worse) stays on it.
        BigDecimal diff = BigDecimal.valueOf(m.value()).subtract(BigDecimal.valueOf(b.value()));
        BigDecimal gap = b.value() == 0 ? diff.multiply(HUNDRED)
                : diff.divide(BigDecimal.valueOf(Math.abs(b.value())), MathContext.DECIMAL64).multiply(HUNDRED);
        if ("lower".equals(m.better())) gap = gap.negate();
        return gap.doubleValue();
    }

    /**
     * The comparison in words, gaps between percentages in percentage points: "53.3% against 56.06% (national
     * average, NHS Staff Survey 2023): 2.76 percentage points below it, 4.9% worse relative to it"; a limit is worded
     * as a limit ("3 months against 1 month: 2 months over it, 3 times the limit"). A register value's label is cited
     * after the judgement, as {@link #describe(String)} shows.
     */
    public String describe() {
        String against = Numbers.withUnit(value, unit) + " against " + Numbers.withUnit(benchmark, unit)
                + (policy.isEmpty() ? " (" + label + ")" : "");
        return against + ": " + gap();
    }

    private String gap() {
        String limitWord = kind.equals("parity") ? "parity" : "the limit";
        if (value == benchmark) return limit() ? "at " + limitWord : target() ? "meets it" : "the same as it";
        double size = Math.abs(value - benchmark);
        String amount = Numbers.rounded(size, 2);
        String d = "percent".equals(unit)
                ? amount + (Double.parseDouble(amount) == 1 ? " percentage point" : " percentage points")
                : "ratio".equals(unit) ? amount : Numbers.withUnit(Double.parseDouble(amount), unit);
        boolean above = value > benchmark;
        if (limit()) {
            if (!above) return d + " within it";
            String times = benchmark > 0 && value / benchmark >= 1.5
                    ? ", " + Numbers.rounded(value / benchmark, 1) + " times " + limitWord : "";
            return d + " over it" + times;
        }
        String where = target() ? (above ? d + " above it" : d + " short of it") : kind.equals("previous")
                ? d + (above ? " higher than before" : " lower than before") : d + (above ? " above it" : " below it");
        String relative = benchmark == 0 ? "" : ", " + Numbers.rounded(Math.abs(gapPercent), 1) + "% "
                + (gapPercent > 0 ? "better" : "worse") + " relative to it";
        return where + relative;
    }

    private boolean target() {
        return kind.equals("target") || kind.equals("parity");
    }

    /** A target for a measure where lower is better is a limit not to exceed. */
    private boolean limit() {
        return target() && "lower".equals(better);
    }

    /** The comparison with the rules' judgement of it, and for a register value where it is set and why. */
    public String describe(String judgement) {
        return describe() + ", " + judgement + (policy.isEmpty() ? "" : " — " + label);
    }
}
