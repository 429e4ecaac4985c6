package org.assessor.result;

import org.assessor.facts.Numbers;

/**
 * The plain-English sentences of a result, written once here when the result is built, so that the text report, the
 * explanation and the HTML page say the same thing in the same words. {@code max} is the framework's highest score.
 */
final class Sentences {
    private final int max;

    Sentences(int max) {
        this.max = max;
    }

    /** "14 of 32 (8 statements × 4) = 43.75%, shown as 44 (rounded HALF_EVEN)". */
    String score(int sum, int outOf, int statements, double raw, int shown, String rounding) {
        return sum + " of " + outOf + " (" + statements + " statements × " + max + ") = " + Numbers.plain(raw)
                + "%, shown as " + shown + " (rounded " + rounding + ")";
    }

    /** "Requires improvement (raw 43.75 ≥ 37.5, cut-off band.x, register row 4)", marking a raw value on a cut-off. */
    String band(String rating, double raw, double cutOff, String source, boolean boundary) {
        return rating + " (raw " + Numbers.plain(raw) + " ≥ " + Numbers.plain(cutOff) + ", cut-off " + source + ")" + (boundary
                ? " — BOUNDARY CASE: the raw value sits exactly on a cut-off between published bands" : "");
    }

    /** "at most 2 — 3 finding(s) graded 1 (significant shortfalls) (M-STMT-03, does not lower it)". */
    String cap(String limit, String reason, String ruleId, boolean applied) {
        return limit + " — " + reason + " (" + ruleId + (applied ? ", applied" : ", does not lower it") + ")";
    }

    /** "Requires improvement (computed; computed from the band)", naming the computed rating beside a judgement. */
    String rating(String rating, String basis, String detail, String computed) {
        return rating + " (" + basis + "; " + detail + (basis.equals("judgement") ? "; computed: " + computed : "")
                + ")";
    }

    /**
     * How a statement's evidence became its base score: from its findings' grades (statement regime) or from its
     * category scores (evidence-category regime).
     */
    String evidence(boolean byCategory, int count, int sum, double percent, int base, int score) {
        String parts = byCategory ? count + " category scores, total " + sum : count + " findings, grades " + sum;
        return parts + " of " + (max * count) + " = " + Numbers.rounded(percent, 2) + "% → base score " + base
                + (score < base ? ", capped to " + score : "");
    }

    /** "processes: 3 (grades 9 of 12)". */
    String category(String category, int score, int sum, int findings) {
        return category + ": " + score + " (grades " + sum + " of " + (max * findings) + ")";
    }

    /** "trust level = well-led: the trust's well-led rating". */
    String overall(String principle, String detail) {
        return principle + ": " + detail;
    }
}
