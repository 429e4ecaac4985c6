package org.assessor.facts;

/**
 * An overall percentage, for a framework whose overall rating is banded from one percentage across the assessment
 * (a local authority's), made by that framework's own rules: {@code raw} and as {@code shown} after the register's
 * rounding; {@code method} names how it was formed (for example "equal weights", "theme means") and {@code detail}
 * gives the arithmetic in words.
 */
public record OverallScore(double raw, int shown, String rounding, String method, String detail) implements Fact {
    public String key() { return "overall-score"; }
}
