package org.assessor.result;

import org.assessor.facts.Numbers;
import org.assessor.result.Result.StatementView;

/** The plain-English sentences several reporters share, written once so text, explain and HTML say the same thing. */
public final class Sentences {
    private Sentences() {}

    /**
     * How a statement's evidence became its base score: from its findings' grades (statement regime) or from its
     * category scores (evidence-category regime).
     */
    public static String evidenceArithmetic(StatementView st) {
        var e = st.evidence();
        String parts = st.categories().isEmpty()
                ? e.findings() + " findings, grades " + e.gradeSum()
                : e.findings() + " category scores, total " + e.gradeSum();
        return parts + " of " + (4 * e.findings()) + " = " + Numbers.rounded(e.percent(), 2) + "% → base score " + e.base()
                + (e.score() < e.base() ? ", capped to " + e.score() : "");
    }
}
