package org.assessor.result;

import java.util.List;
import org.assessor.facts.Numbers;

/**
 * The plain-English sentences of a result, written once here when the result is built, so that the text report, the
 * explanation and the HTML page say the same thing in the same words. {@code max} is the framework's highest score.
 * The words are defined in docs/glossary.md. Every percentage is written as a person writes it
 * ({@link Numbers#writtenPercent}); the exact value is a field of the result beside the sentence. One instance makes
 * one result's sentences, in reading order (the rounding note is said once).
 */
final class Sentences {
    private final int max;
    /** Whether this result's rounding note has been given: it is said once, where it first matters. */
    private boolean roundingNoted;

    Sentences(int max) {
        this.max = max;
    }

    /** "statements scored directly, because the assessment is dated 2025-07-17, on or after 2024-12-02". */
    String regime(String id, String reason) {
        String how = switch (id) {
            case "statement" -> "statements scored directly";
            case "evidence-category" -> "statements scored through their evidence categories";
            default -> "no scoring regime";
        };
        return how + ", because " + reason;
    }

    /**
     * "equal weights: 21 of 36 (9 statements × 4) = 58.33%, shown as 58", or "theme means: the mean of the 4 themes'
     * percentages (Working with people 50%, …) = 59.38%, shown as 59".
     */
    String overallScore(String method, boolean byGroup, int sum, int outOf, int statements, List<String> groups,
                        String groupsTerm, double raw, int shown) {
        String how = byGroup
                ? "the mean of the " + groups.size() + " " + groupsTerm + "' percentages (" + String.join(", ", groups) + ")"
                : sum + " of " + outOf + " (" + Numbers.count(statements, "statement") + " × " + max + ")";
        return method + ": " + how + " = " + Numbers.writtenPercent(raw) + ", shown as " + shown;
    }

    /** "14 of 32 (8 statements × 4) = 43.75%, shown as 44"; "8 of 12 (3 statements × 4) = 66.67%, shown as 67". */
    String score(int sum, int outOf, int statements, double raw, int shown) {
        return sum + " of " + outOf + " (" + Numbers.count(statements, "statement") + " × " + max + ") = "
                + Numbers.writtenPercent(raw) + ", shown as " + shown;
    }

    /**
     * "62.5 shows as 62: halves round to the even number (display.rounding, register row 6)": said once in a result,
     * beside the first percentage whose shown number the rounding mode decides (a raw value exactly a half; for a mode
     * that does not round to the nearest, any fraction), and null everywhere else. {@code source} names the register
     * row that sets the mode.
     */
    String roundingNote(double raw, int shown, String mode, String source) {
        boolean decides = Numbers.isHalf(raw) || (!mode.startsWith("HALF_") && raw != Math.rint(raw));
        if (roundingNoted || !decides) return null;
        roundingNoted = true;
        String how = switch (mode) {
            case "HALF_EVEN" -> "halves round to the even number";
            case "HALF_UP" -> "halves round up";
            case "HALF_DOWN" -> "halves round down";
            case "UP" -> "any fraction rounds up";
            case "DOWN" -> "any fraction is dropped";
            default -> "rounded " + mode.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
        return Numbers.written(raw) + " shows as " + shown + ": " + how + " (" + (source == null ? mode : source) + ")";
    }

    /**
     * "Requires improvement: 43.75% is at least the cut-off 37.5% (band.x, register row 4)": the numbers the reader sees
     * ({@link Numbers#atLeastCutOff}), with a boundary case marked.
     */
    String band(String rating, double raw, double cutOff, String source, boolean boundary) {
        return rating + ": " + Numbers.atLeastCutOff(raw, cutOff) + " (" + source + ")" + (boundary ? " — a boundary "
                + "case: the raw value sits exactly on a cut-off between two published bands" : "");
    }

    /** "at most 2: 3 findings graded 1 (significant shortfalls) — does not lower it [M-STMT-03]". */
    String cap(String limit, String reason, String ruleId, boolean applied) {
        return limit + ": " + reason + " — " + (applied ? "applied" : "does not lower it") + " [" + ruleId + "]";
    }

    /** A rating and how it was reached, by its basis (computed, judgement, previous). */
    String rating(String rating, String basis, String detail, String computed) {
        return switch (basis) {
            case "computed" -> rating + ", from " + detail;
            case "judgement" -> rating + ", by professional judgement " + detail + " (the method computes " + computed + ")";
            default -> rating + ": " + detail;
        };
    }

    /** A statement's score and its basis: "1 of 4, scored from the evidence". */
    String statementScore(Integer score, String basis) {
        String how = switch (basis) {
            case "assessed" -> "scored from the evidence";
            case "judgement" -> "set by professional judgement";
            case "carried" -> "carried from the previous rating";
            default -> basis;
        };
        return score == null ? "not scored" : score + " of " + max + ", " + how;
    }

    /** "evidence categories with no evidence (missing is not failing): Observation; Outcomes". */
    String missing(List<String> categoryNames) {
        return categoryNames.isEmpty() ? null
                : "evidence categories with no evidence (missing is not failing): " + String.join("; ", categoryNames);
    }

    /**
     * How a statement's evidence became its base score: from its findings' grades (statement regime) or from its
     * category scores (evidence-category regime).
     */
    String evidence(Result.PointsView p, int findings, String baseReason, int base, int score) {
        List<String> parts = new java.util.ArrayList<>();
        if (p.materialShortfallTopics() > 0) {
            parts.add("material shortfalls on " + Numbers.count(p.materialShortfallTopics(), "topic"));
        }
        if (p.minorShortfalls() > 0) parts.add(Numbers.count(p.minorShortfalls(), "minor shortfall"));
        if (p.neutral() > 0) parts.add(Numbers.count(p.neutral(), "neutral reading"));
        if (p.descriptions() > 0) parts.add(Numbers.count(p.descriptions(), "description"));
        if (p.results() > 0) parts.add(Numbers.count(p.results(), "good result"));
        if (p.exceptional() > 0) parts.add(Numbers.count(p.exceptional(), "exceptional strength"));
        String weigh = parts.isEmpty() ? "" : String.join(", ", parts) + " ("
                + Numbers.count(p.topics(), "topic") + " from " + Numbers.count(p.sources().size(), "independent source")
                + ")";
        String noted = p.noted() == 0 ? "" : Numbers.count(p.noted(), "description") + " of little effect on people, noted";
        String points = weigh.isEmpty() && noted.isEmpty() ? ""
                : ": " + weigh + (weigh.isEmpty() || noted.isEmpty() ? "" : "; ") + noted;
        return Numbers.count(findings, "finding") + points + " → " + baseReason + " (base " + base + ")"
                + (score < base ? ", limited to " + score : "");
    }

    /** A statement scored through its categories: "category scores 7 of 12 = 58.33%, banded → base 2". */
    String byCategories(String baseReason, int base, int score) {
        return baseReason + " → base " + base + (score < base ? ", limited to " + score : "");
    }

    /** "processes: 3 (base 3)". */
    String category(String category, int score, int base) {
        return category + ": " + score + (score < base ? " (base " + base + ", limited)" : "");
    }

    /** "trust level: the trust-level rating is the well-led rating". */
    String overall(String principle, String detail) {
        return principle + ": " + detail;
    }
}
