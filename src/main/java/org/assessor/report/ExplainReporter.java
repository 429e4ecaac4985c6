package org.assessor.report;

import org.assessor.result.Result;
import java.io.PrintWriter;
import java.util.List;
import org.assessor.explain.Explanation;
import org.assessor.explain.Sensitivity;
import org.assessor.result.Result.FindingView;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;

/** Renders an {@link Explanation} as a tree from the rating down to the quoted evidence, in plain words. */
public final class ExplainReporter {
    private PrintWriter out;

    public void render(Explanation x, PrintWriter w) {
        this.out = w;
        Result r = x.result();
        out.println(r.assessment().provider() + " · " + r.assessment().scopeName() + " · assessed "
                + r.assessment().assessmentDate() + " · " + r.assessment().regimeSentence());
        for (KeyQuestionView kq : r.keyQuestions()) {
            if (!kq.inScope() || (x.keyQuestionFilter() != null && !kq.id().equals(x.keyQuestionFilter()))) continue;
            if (x.statementFilter() != null && kq.statements().stream().noneMatch(s -> s.id().equals(x.statementFilter()))) continue;
            keyQuestion(x, kq);
        }
        if (x.statementFilter() == null && x.keyQuestionFilter() == null) {
            out.println();
            out.println(r.overall().label() + ": " + r.overall().rating() + " — " + r.overall().sentence());
            if (r.overall().score() != null) {
                out.println("  score: " + r.overall().score().shown() + " out of 100 — " + r.overall().score().sentence());
                if (r.overall().score().roundingNote() != null) {
                    out.println("  rounding: " + r.overall().score().roundingNote());
                }
            }
            r.overall().caps().forEach(c -> out.println("  cap: " + c.sentence()));
            if (r.overall().caveat() != null) out.println("  caveat: " + r.overall().caveat());
        }
        out.flush();
    }

    private void keyQuestion(Explanation x, KeyQuestionView kq) {
        out.println();
        String rating = kq.rating() == null ? "no rating" : kq.rating().sentence();
        out.println(kq.name() + ": " + rating);
        if (kq.score() != null) line(1, false, "score: " + kq.score().sentence());
        if (kq.score() != null && kq.score().roundingNote() != null) line(1, false, "rounding: " + kq.score().roundingNote());
        if (kq.band() != null) line(1, false, "band: " + kq.band().sentence());
        line(1, false, "limiters and caps:");
        for (Explanation.Limiter l : x.limiters()) {
            if (l.keyQuestion().equals(kq.id())) line(2, false, l.sentence());
        }
        if (kq.rating() != null && kq.rating().basis().equals("judgement")) {
            line(1, false, "professional judgement: " + kq.rating().detail() + "; the method computes " + kq.computedRating());
        } else {
            line(1, false, "professional judgement: none recorded");
        }
        List<StatementView> shown = kq.statements().stream()
                .filter(s -> x.statementFilter() == null || s.id().equals(x.statementFilter())).toList();
        long unscored = kq.statements().stream().filter(s -> s.score() == null).count();
        line(1, false, "statements: " + (kq.statements().size() - unscored) + " scored, " + unscored
                + " not scored (left out of the percentage: missing is not failing); " + kq.thinStatements()
                + " on thin evidence");
        shown.forEach(st -> statement(x, st));
        x.keyQuestions().stream().filter(k -> k.keyQuestion().equals(kq.id())).forEach(this::sensitivity);
        if (x.codings() != null) {
            x.codings().keyQuestions().stream().filter(k -> k.keyQuestion().equals(kq.id()))
                    .forEach(k -> line(1, false, "coding and cutting of the evidence: " + k.sentence()));
        }
        List<Sensitivity.MetricSensitivity> metrics = x.metrics().stream()
                .filter(m -> shown.stream().anyMatch(s -> s.id().equals(m.statement()))).toList();
        if (!metrics.isEmpty()) {
            line(1, false, "measured values and the nearest value judged differently (re-run by the engine):");
            x.metricSummaries().stream().filter(s -> s.keyQuestion().equals(kq.id()))
                    .forEach(s -> line(2, false, "in short: " + s.sentence()));
            metrics.forEach(this::metric);
        }
    }

    private void statement(Explanation x, StatementView st) {
        line(2, false, st.name() + ": " + st.scoreSentence() + (st.basis().equals("assessed") ? "" : " — " + st.detail()));
        if (st.thinEvidence() != null) line(3, false, "thin evidence: " + st.thinEvidence() + " (it cannot score exceptional)");
        var e = st.evidence();
        if (e != null) {
            line(3, false, "arithmetic: " + st.arithmetic());
            e.caps().forEach(c -> line(3, false, "cap: " + c.sentence()));
            if (st.basis().equals("judgement")) line(3, false, "the evidence alone gives " + e.score());
        }
        st.categories().forEach(c -> line(3, false, "category " + c.sentence()));
        java.util.Set<String> quoted = new java.util.HashSet<>();
        java.util.Map<String, String> reasons = new java.util.TreeMap<>();
        for (FindingView f : st.findings()) {
            line(3, false, "finding graded " + f.grade() + " from " + f.evidenceId() + " (" + f.category() + "): "
                    + f.summary() + " — " + f.ruleRef());
            if (quoted.add(f.evidenceId())) line(4, false, "source (" + f.section() + "): \"" + f.quote() + "\"");
            reasons.put(f.ruleRef(), f.ruleReason());
        }
        if (!reasons.isEmpty()) {
            line(3, false, "why the rules judge so:");
            reasons.forEach((rule, reason) -> line(4, false, rule + ": " + reason));
        }
        if (st.missingSentence() != null) line(3, false, st.missingSentence());
        if (x.codings() != null) {
            x.codings().statements().stream().filter(r -> r.statement().equals(st.id()))
                    .forEach(r -> line(3, false, "coding: " + r.sentence()));
        }
    }

    private void sensitivity(Sensitivity.KeyQuestionSensitivity k) {
        line(1, false, "what would change the rating (statement scores re-run through the rules):");
        for (Sensitivity.RatingStep s : List.of(k.up(), k.down())) {
            line(2, false, s.sentence());
            s.heldBackBy().forEach(h -> line(3, false, "held back on the way by " + h));
        }
    }

    private void metric(Sensitivity.MetricSensitivity m) {
        line(2, false, m.sentence());
    }

    private void line(int depth, boolean last, String text) {
        out.println("  ".repeat(depth) + "- " + text);
    }
}
