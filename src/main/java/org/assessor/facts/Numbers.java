package org.assessor.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting and rounding shared by rules and reports, so both write a number the same way. */
public final class Numbers {
    private Numbers() {}

    /** {@code sum} out of the top score {@code max} times {@code count}, as a percentage. */
    public static double percent(Number sum, Number count, int max) {
        return 100.0 * sum.intValue() / ((double) max * count.intValue());
    }

    /**
     * The mean of the values, summed exactly (so the order they come in, which follows the order rules fired, never
     * changes the last digit) and then rounded once to the nearest double; NaN for none.
     */
    public static double mean(java.util.Collection<? extends Number> values) {
        if (values.isEmpty()) return Double.NaN;
        BigDecimal sum = BigDecimal.ZERO;
        for (Number v : values) sum = sum.add(new BigDecimal(v.doubleValue()));
        return sum.divide(BigDecimal.valueOf(values.size()), java.math.MathContext.DECIMAL128).doubleValue();
    }

    /** A number without trailing zeros, every digit kept: 56.06, 17, 43.75. */
    public static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.valueOf(v);
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A number rounded to {@code places} decimals (half-up), without trailing zeros. */
    public static String rounded(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * A number as a person writes it, for a reader: at most two decimals (half up), trailing zeros dropped: 66.67, 43.75,
     * 62.5, 50. The exact value stays in the JSON result.
     */
    public static String written(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.valueOf(v);
        return rounded(v, 2);
    }

    /** A percentage as a person writes it: "66.67%", "43.75%", "50%" ({@link #written}). */
    public static String writtenPercent(double v) {
        return written(v) + "%";
    }

    /**
     * A percentage against the cut-off of the band it falls in, as the reader sees both: "66.67% is at least the cut-off
     * 62.5%". A value just above the cut-off that shows as it to two decimals says so.
     */
    public static String atLeastCutOff(double raw, double cutOff) {
        String seen = writtenPercent(raw);
        String cut = writtenPercent(cutOff);
        return seen + (seen.equals(cut) && raw != cutOff ? " (rounded; the raw value is just above)" : "")
                + " is at least the cut-off " + cut;
    }

    /** Whether a value lies exactly halfway between two whole numbers (62.5, 37.5), where a rounding mode decides. */
    public static boolean isHalf(double v) {
        double twice = v * 2; // exact for a double
        return twice == Math.rint(twice) && v != Math.rint(v);
    }

    /** Rounds to a whole number with the named {@link RoundingMode} (e.g. "HALF_EVEN"), exactly, from the decimal value. */
    public static int roundWhole(double v, String mode) {
        return BigDecimal.valueOf(v).setScale(0, RoundingMode.valueOf(mode)).intValueExact();
    }

    /** A count with its noun, singular or plural: "1 finding", "2 findings", "1 breach", "3 categories". */
    public static String count(Number n, String singular, String plural) {
        long v = n.longValue();
        return v + " " + (v == 1 ? singular : plural);
    }

    /** A count with a noun that takes an s in the plural: "1 statement", "2 statements". */
    public static String count(Number n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** A value with its unit as a person writes it. */
    public static String withUnit(double v, String unit) {
        String n = plain(v);
        return switch (unit) {
            case "percent" -> n + "%";
            case "count" -> n;
            case "ratio" -> n + "×";
            case "rate-per-1000" -> n + " per 1,000";
            case "segment" -> "segment " + n;
            case "months", "days" -> n + " " + (v == 1 ? unit.substring(0, unit.length() - 1) : unit);
            default -> n + " " + unit;
        };
    }
}
