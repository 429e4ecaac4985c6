package org.assessor.report;

import org.assessor.result.Result;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.assessor.explain.Explanation;
import org.assessor.explain.Sensitivity;
import org.assessor.result.Result.FindingView;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;

/**
 * Renders an {@link Explanation} as one self-contained HTML page (inline CSS and SVG, no network, no script but a
 * one-line print helper). Mustache escapes every value, so evidence text can never become markup.
 */
public final class HtmlReporter {
    private static final Mustache TEMPLATE =
            new DefaultMustacheFactory("org/assessor/report").compile("report.mustache");

    record Page(String provider, String scope, String serviceType, String date, String regime, String regimeReason,
                List<Kq> keyQuestions, String overallLabel, String overall, String overallWhy, List<Unjudged> unjudged,
                String rulesDigest, String fixtureDigest, String engine, String framework, String fixture) {}

    record Kq(String name, String shown, String rating, String ratingClass, String basis, String arithmetic,
              String band, boolean boundary, List<String> limiters, String judgement, String thin, Chart chart,
              List<Stmt> statements, List<String> changes, List<String> metrics) {}

    record Chart(int width, int height, List<Bar> bars, List<Tick> ticks) {}

    record Bar(int x, int y, int width, int height, String label, String score, int labelY, int scoreY, String cls) {}

    record Tick(int y, String label) {}

    record Stmt(String name, String score, String basis, String detail, String scoreClass, List<String> arithmetic,
                List<Find> findings, String missing, String thin, String robustness) {}

    record Find(int grade, String evidenceId, String category, String summary, String ruleId, String rule,
                String reason, String section, String quote) {}

    record Unjudged(String id, String statement, String quote, String reason) {}

    /** The report without its page: the HTML of its body (placeholder until the shared template lands). */
    public String body(Explanation x) {
        java.io.StringWriter w = new java.io.StringWriter();
        render(x, new PrintWriter(w));
        String s = w.toString();
        return s.substring(s.indexOf("<body>") + 6, s.indexOf("<script>"));
    }

    /** The report's style sheet (placeholder until the shared template lands). */
    public static String css() {
        try (var in = HtmlReporter.class.getResourceAsStream("/org/assessor/report/report.mustache")) {
            String s = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return s.substring(s.indexOf("<style>") + 7, s.indexOf("</style>"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void render(Explanation x, PrintWriter out) {
        Result r = x.result();
        var p = r.provenance();
        List<Kq> kqs = new ArrayList<>();
        for (KeyQuestionView kq : r.keyQuestions()) if (kq.inScope()) kqs.add(keyQuestion(x, kq, r.scale().max()));
        List<Unjudged> unjudged = r.unjudgedEvidence().stream()
                .map(e -> new Unjudged(e.id(), e.statement(), e.quote(), e.reason())).toList();
        var page = new Page(r.assessment().provider(), r.assessment().scopeName(), r.assessment().serviceTypeName(),
                r.assessment().assessmentDate(), p.regime(), r.assessment().regimeSentence(), kqs, r.overall().label(),
                r.overall().rating(), r.overall().score() == null ? r.overall().sentence()
                        : r.overall().score().shown() + " out of 100 (" + r.overall().score().sentence() + "); "
                        + r.overall().sentence(), unjudged, p.rulesDigest(), p.fixtureDigest(),
                p.engine(), p.frameworkVersion(), p.fixture());
        TEMPLATE.execute(out, page);
        out.flush();
    }

    private Kq keyQuestion(Explanation x, KeyQuestionView kq, int max) {
        var s = kq.score();
        List<String> limiters = x.limiters().stream().filter(l -> l.keyQuestion().equals(kq.id()))
                .map(Explanation.Limiter::sentence).toList();
        String thin = kq.thinStatements() + " of " + kq.statements().size() + " statements rest on thin evidence";
        String judgement = kq.rating() != null && kq.rating().basis().equals("judgement")
                ? kq.rating().detail() + " (the method computes " + kq.computedRating() + ")" : "none recorded";
        List<String> changes = new ArrayList<>();
        if (x.codings() != null) {
            x.codings().keyQuestions().stream().filter(k -> k.keyQuestion().equals(kq.id()))
                    .forEach(k -> changes.add("coding of observations: " + k.sentence()));
        }
        x.keyQuestions().stream().filter(k -> k.keyQuestion().equals(kq.id())).forEach(k -> {
            for (Sensitivity.RatingStep st : List.of(k.up(), k.down())) {
                changes.add(st.sentence());
                st.heldBackBy().forEach(h -> changes.add("held back on the way by " + h));
            }
        });
        List<String> metrics = new ArrayList<>();
        x.metricSummaries().stream().filter(m -> m.keyQuestion().equals(kq.id())).forEach(m -> metrics.add("In short: " + m.sentence()));
        metrics.addAll(x.metrics().stream()
                .filter(m -> m.threshold() != null && kq.statements().stream().anyMatch(st -> st.id().equals(m.statement())))
                .map(Sensitivity.MetricSensitivity::sentence).toList());
        return new Kq(kq.name(), s == null ? "–" : String.valueOf(s.shown()),
                kq.rating() == null ? x.result().scale().notRated() : kq.rating().rating(),
                "r" + (kq.rating() == null ? 0 : kq.rating().rank()),
                kq.rating() == null ? "" : kq.rating().basis(), s == null ? "no statement has a score" : s.sentence(),
                kq.band() == null ? "" : kq.band().sentence(), kq.band() != null && kq.band().boundary(),
                limiters, judgement, thin, chart(kq.statements(), max),
                kq.statements().stream().map(st -> statement(x, st, max)).toList(), changes, metrics);
    }

    private static String cls(int score) {
        return "s" + score;
    }

    private Chart chart(List<StatementView> statements, int max) {
        int barW = 56;
        int gap = 14;
        int top = 10;
        int plot = 160;
        int left = 34;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            StatementView s = statements.get(i);
            int score = s.score() == null ? 0 : s.score();
            int h = plot * score / max;
            int x = left + i * (barW + gap);
            bars.add(new Bar(x, top + plot - h, barW, h, "S" + (i + 1), s.score() == null ? "–" : String.valueOf(score),
                    top + plot + 16, top + plot - h - 4, cls(score)));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int v = 1; v <= max; v++) ticks.add(new Tick(top + plot - plot * v / max, String.valueOf(v)));
        return new Chart(left + statements.size() * (barW + gap), top + plot + 24, bars, ticks);
    }

    private Stmt statement(Explanation x, StatementView st, int max) {
        List<String> arithmetic = new ArrayList<>();
        var e = st.evidence();
        if (e != null) {
            arithmetic.add(st.arithmetic());
            e.caps().forEach(c -> arithmetic.add("cap: " + c.sentence()));
        }
        st.categories().forEach(c -> arithmetic.add("category " + c.sentence()));
        List<Find> findings = st.findings().stream().map(HtmlReporter::finding).toList();
        String missing = st.missingSentence();
        return new Stmt(st.name(), st.score() == null ? "not scored" : st.score() + " of " + max, st.scoreSentence(),
                st.basis().equals("assessed") ? null : st.detail(), cls(st.score() == null ? 0 : st.score()), arithmetic,
                findings, missing, st.thinEvidence(), x.codings() == null ? null : x.codings().statements().stream()
                        .filter(r -> r.statement().equals(st.id())).map(r -> r.sentence()).findFirst().orElse(null));
    }

    private static Find finding(FindingView f) {
        return new Find(f.grade(), f.evidenceId(), f.category(), f.summary(), f.ruleId(), f.ruleRef(), f.ruleReason(),
                f.section(), f.quote());
    }
}
