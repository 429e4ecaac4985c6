package org.assessor.facts;

/**
 * An overall percentage, for a framework whose overall rating is banded from one percentage across the assessment
 * (a local authority's), made by that framework's own rules: {@code raw} and as {@code shown} after the register's
 * rounding. {@code method} names how it was formed ("equal weights", "theme means"); {@code byGroup} is true when it is
 * the mean of the grouping level's percentages (each key question or theme weighing the same), false when it is
 * {@code sum} of {@code outOf} over {@code statements} statements (each statement weighing the same).
 */
public record OverallScore(double raw, int shown, String rounding, String method, boolean byGroup, int sum, int outOf,
                           int statements) implements Fact {
    public String key() { return "overall-score"; }
}
