package org.assessor.report;

import org.assessor.result.Sentences;
import org.assessor.result.Result;
import java.io.PrintWriter;
import org.assessor.facts.Numbers;
import org.assessor.result.Result.CapView;
import org.assessor.result.Result.FindingView;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;

/** Renders a {@link Result} as a readable report for a person: scores, ratings, findings and their quotes. */
public final class TextReporter {

    public void render(Result r, PrintWriter out) {
        var a = r.assessment();
        out.println(a.provider());
        out.println(a.scope() + " · " + a.serviceType() + " · assessed " + a.assessmentDate() + " · "
                + r.provenance().regime() + " regime (" + r.provenance().regimeReason() + ")");
        for (KeyQuestionView kq : r.keyQuestions()) {
            if (kq.assessed()) keyQuestion(kq, out);
        }
        out.println();
        out.println("Overall: " + r.overall().rating() + " (" + r.overall().principle() + ": " + r.overall().detail() + ")");
        r.overall().caps().forEach(c -> out.println("  cap: " + cap(c)));
        for (KeyQuestionView kq : r.keyQuestions()) {
            if (!kq.assessed() && kq.rating() != null) {
                out.println("  " + kq.name() + ": " + kq.rating().rating() + " (" + kq.rating().detail() + ")");
            }
        }
        if (!r.unjudgedEvidence().isEmpty()) {
            out.println();
            out.println("Evidence no rule judged (" + r.unjudgedEvidence().size()
                    + "; it counts towards no score; add a rule or a benchmark to use it):");
            r.unjudgedEvidence().forEach(e -> out.println("  " + e.id() + " [" + e.statement() + ", " + e.category()
                    + "] \"" + e.quote() + "\""));
        }
        out.println();
        var p = r.provenance();
        out.println("Rules " + p.rules() + " sha256:" + p.rulesDigest().substring(0, 12) + " · fixture sha256:"
                + p.fixtureDigest().substring(0, 12) + " · " + p.engine() + " · framework " + p.frameworkVersion());
        out.flush();
    }

    private void keyQuestion(KeyQuestionView kq, PrintWriter out) {
        out.println();
        if (kq.score() == null) {
            out.println(kq.name() + ": not scored (no statement has a score)");
        } else {
            var s = kq.score();
            out.println(kq.name() + ": " + s.shown() + " out of 100 — " + (kq.rating() == null ? "no rating" : kq.rating().rating()));
            out.println("  " + s.sum() + " of " + s.max() + " (" + s.statementsScored() + " statements × 4) = "
                    + Numbers.plain(s.raw()) + "%, shown as " + s.shown() + " (rounded " + s.rounding() + ")");
            if (kq.band() != null) {
                out.println("  band: " + kq.band().rating() + " (raw " + Numbers.plain(s.raw()) + " ≥ "
                        + Numbers.plain(kq.band().cutOff()) + ")" + (kq.band().boundary()
                        ? " — BOUNDARY CASE: the raw value sits exactly on a cut-off between published bands" : ""));
            }
            kq.caps().forEach(c -> out.println("  limiter: " + cap(c)));
            if (kq.rating() != null) {
                out.println("  rating: " + kq.rating().rating() + " (" + kq.rating().basis() + "; " + kq.rating().detail()
                        + (kq.rating().basis().equals("judgement") ? "; computed: " + kq.computedRating() : "") + ")");
            }
        }
        for (StatementView st : kq.statements()) statement(st, out);
    }

    private void statement(StatementView st, PrintWriter out) {
        out.println();
        out.println("  " + st.name() + ": " + (st.score() == null ? "not scored" : st.score() + " of 4") + " ("
                + st.basis() + (st.basis().equals("assessed") ? "" : "; " + st.detail()) + ")");
        var e = st.evidence();
        if (e != null) {
            out.println("    evidence: " + Sentences.evidenceArithmetic(st));
            e.caps().forEach(c -> out.println("    cap: " + cap(c)));
            if (st.basis().equals("judgement")) out.println("    (the evidence alone gives " + e.score() + ")");
        }
        st.categories().forEach(c -> out.println("    category " + c.category() + ": " + c.score() + " (grades "
                + c.gradeSum() + " of " + (4 * c.findings()) + ")"));
        if (!st.categoriesWithoutEvidence().isEmpty()) {
            out.println("    no evidence (missing, not failing): " + String.join(", ", st.categoriesWithoutEvidence()));
        }
        for (FindingView f : st.findings()) {
            out.println("    [" + f.grade() + "] " + f.evidenceId() + " " + f.summary() + " — " + f.ruleId());
            out.println("        \"" + f.quote() + "\"");
        }
    }

    private static String cap(CapView c) {
        return c.limit() + " — " + c.reason() + " (" + c.ruleId() + (c.applied() ? ", applied" : ", does not lower it") + ")";
    }
}
