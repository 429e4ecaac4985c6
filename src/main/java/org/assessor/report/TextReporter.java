package org.assessor.report;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import org.assessor.result.Result;
import org.assessor.result.Result.FindingView;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;

/** Renders a {@link Result} as a readable report for a person: scores, ratings, findings and their quotes. */
public final class TextReporter {

    public void render(Result r, PrintWriter out) {
        var a = r.assessment();
        out.println(a.provider());
        out.println(a.scopeName() + " · " + a.serviceTypeName() + " · assessed " + a.assessmentDate());
        out.println(capitalised(a.regimeSentence()));
        for (KeyQuestionView kq : r.keyQuestions()) {
            if (kq.inScope()) keyQuestion(r, kq, out);
        }
        out.println();
        out.println(r.overall().label() + ": " + r.overall().rating() + " (" + r.overall().sentence() + ")");
        if (r.overall().score() != null) {
            out.println("  score: " + r.overall().score().shown() + " out of 100 — " + r.overall().score().sentence());
            if (r.overall().score().roundingNote() != null) {
                out.println("  rounding: " + r.overall().score().roundingNote());
            }
        }
        r.overall().caps().forEach(c -> out.println("  cap: " + c.sentence()));
        if (r.overall().caveat() != null) out.println("  caveat: " + r.overall().caveat());
        for (KeyQuestionView kq : r.keyQuestions()) {
            if (!kq.inScope() && kq.rating() != null) {
                out.println("  " + kq.name() + ": " + kq.rating().sentence());
            }
        }
        if (!r.unjudgedEvidence().isEmpty()) {
            out.println();
            out.println("Evidence no rule judged (" + r.unjudgedEvidence().size()
                    + "; it counts towards no score; add a rule or a benchmark to use it):");
            r.unjudgedEvidence().forEach(e -> {
                out.println("  " + e.id() + " [" + e.statement() + ", " + e.category() + "] \"" + e.quote() + "\"");
                out.println("    why: " + e.reason());
            });
        }
        out.println();
        var p = r.provenance();
        out.println("Rules " + p.rules() + " sha256:" + p.rulesDigest().substring(0, 12) + " · fixture sha256:"
                + p.fixtureDigest().substring(0, 12) + " · " + p.engine() + " · framework " + p.frameworkVersion());
        out.flush();
    }

    private void keyQuestion(Result r, KeyQuestionView kq, PrintWriter out) {
        out.println();
        if (kq.score() == null) {
            out.println(kq.name() + ": no statement scored" + (kq.rating() == null ? "" : " — " + kq.rating().sentence()));
        } else {
            var s = kq.score();
            out.println(kq.name() + ": " + s.shown() + " out of 100 — " + (kq.rating() == null ? "no rating" : kq.rating().rating()));
            out.println("  " + s.sentence());
            if (s.roundingNote() != null) out.println("  rounding: " + s.roundingNote());
            if (kq.band() != null) out.println("  band: " + kq.band().sentence());
            kq.caps().forEach(c -> out.println("  limiter: " + c.sentence()));
            if (kq.rating() != null) out.println("  rating: " + kq.rating().sentence());
            out.println("  statements on thin evidence: " + kq.thinStatements() + " of " + kq.statements().size());
        }
        for (StatementView st : kq.statements()) statement(st, out);
    }

    private void statement(StatementView st, PrintWriter out) {
        out.println();
        out.println("  " + st.name() + ": " + st.scoreSentence()
                + (st.basis().equals("assessed") ? "" : " (" + st.detail() + ")"));
        if (st.thinEvidence() != null) out.println("    THIN EVIDENCE: " + st.thinEvidence() + " (it cannot score exceptional)");
        var e = st.evidence();
        if (e != null) {
            out.println("    evidence: " + st.arithmetic());
            e.caps().forEach(c -> out.println("    cap: " + c.sentence()));
            if (st.basis().equals("judgement")) out.println("    (the evidence alone gives " + e.score() + ")");
        }
        st.categories().forEach(c -> out.println("    category " + c.sentence()));
        if (st.missingSentence() != null) out.println("    " + st.missingSentence());
        Set<String> quoted = new HashSet<>();
        for (FindingView f : st.findings()) {
            out.println("    [" + f.grade() + "] " + f.evidenceId() + " " + f.summary() + " — " + f.ruleRef());
            if (quoted.add(f.evidenceId())) out.println("        \"" + f.quote() + "\"");
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
