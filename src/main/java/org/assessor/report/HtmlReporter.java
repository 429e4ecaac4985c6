package org.assessor.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assessor.explain.Explanation;
import org.assessor.explain.Sensitivity;
import org.assessor.result.RegisterValues;
import org.assessor.result.Result;
import org.assessor.result.Result.FindingView;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;

/**
 * Renders an {@link Explanation} as HTML: {@link #body} is the report itself (a fragment any page can embed, with the
 * stylesheet {@link #css}); {@link #render} wraps the two in one self-contained page (inline CSS and SVG, no network,
 * no script but a one-line print helper). Mustache escapes every value, so evidence text can never become markup.
 */
public final class HtmlReporter {
    private static final String FOLDER = "org/assessor/report/";
    private static final MustacheFactory MUSTACHE = new DefaultMustacheFactory(FOLDER);
    private static final Mustache BODY = MUSTACHE.compile("body.mustache");
    private static final Mustache PAGE = MUSTACHE.compile("report.mustache");
    private static final String CSS = resource("report.css");

    record Body(String provider, String scope, String serviceType, String date, String regimeReason,
                String overallLabel, String overall, String overallClass, String overallScore, String overallWhy,
                String overallRounding, List<String> overallCaps, List<Kq> keyQuestions, List<Unjudged> unjudged, String rulesDigest,
                String fixtureDigest, String engine, String framework, String fixture, String regime, String ids,
                String grouping, String groupings) {
        /** The grouping level's word as a column heading: "Key question", "Theme". */
        public String groupingHeading() {
            return capitalised(grouping);
        }

        /** The grouping level's plural as a caption: "Key questions", "Themes". */
        public String groupingTitle() {
            return capitalised(groupings);
        }

        // A list in a section is iterated, and its size (even 0) is truthy: these say whether to show a heading.
        public boolean anyOverallCaps() {
            return !overallCaps.isEmpty();
        }

        public boolean anyUnjudged() {
            return !unjudged.isEmpty();
        }
    }

    record Page(String title, String css, String body) {}

    record Kq(String anchor, String name, String shown, String rating, String ratingClass, String basis,
              String scored, int thinCount, String arithmetic, String rounding, String band, boolean boundary, List<String> limiters,
              String judgement, String thin, Chart chart, List<Stmt> statements, List<String> changes,
              List<String> metrics) {
        public boolean anyMetrics() {
            return !metrics.isEmpty();
        }
    }

    record Chart(int width, int height, List<Bar> bars, List<Tick> ticks) {}

    record Bar(int x, int y, int width, int height, String label, String score, int labelY, int scoreY, String cls) {
        public int cx() {
            return x + width / 2;
        }
    }

    record Tick(int y, String label) {}

    record Stmt(String anchor, String name, String score, String basis, String detail, String scoreClass,
                List<String> arithmetic, List<String> register, List<Find> findings, String missing, String thin,
                String robustness) {
        public boolean anyRegister() {
            return !register.isEmpty();
        }
    }

    record Find(String anchor, int grade, String evidenceId, String category, String summary, String rule,
                String reason, List<String> register, String section, String quote) {
        public boolean anyRegister() {
            return !register.isEmpty();
        }
    }

    record Unjudged(String id, String statement, String quote, String reason) {}

    /** The report stylesheet, rating colour classes included ({@code .r0}–{@code .r4}, {@code .s0}–{@code .s4}). */
    public static String css() {
        return CSS;
    }

    /** How a register id is shown beside a number: the id alone, or with the value in force ({@link #withRegister}). */
    private final java.util.function.BiFunction<String, String, String> registerText;

    /** A reporter that names the register rows behind each number by id. */
    public HtmlReporter() {
        this((id, date) -> id);
    }

    private HtmlReporter(java.util.function.BiFunction<String, String, String> registerText) {
        this.registerText = registerText;
    }

    /**
     * A reporter that shows each register row behind a number with the value it had on the assessment's date, as
     * "band.good.from = 62.5 percent" (the register the result was evaluated with, what-if changes included).
     */
    public static HtmlReporter withRegister(org.assessor.ruleset.PolicyRegister register) {
        java.util.Map<String, java.util.Map<String, String>> byDate = new java.util.concurrent.ConcurrentHashMap<>();
        return new HtmlReporter((id, date) -> {
            java.util.Map<String, String> values = byDate.computeIfAbsent(date == null ? "" : date, d -> {
                java.util.Map<String, String> m = new java.util.HashMap<>();
                java.time.LocalDate on;
                try {
                    on = java.time.LocalDate.parse(d);
                } catch (java.time.format.DateTimeParseException e) {
                    return m;
                }
                register.inForceOn(on).forEach(v -> m.put(v.id(), v.text() + (v.unit().equals("percent") ? "%"
                        : v.unit().equals("count") || v.unit().equals("score") || v.unit().equals("ratio")
                        ? "" : " (" + v.unit() + ")")));
                return m;
            });
            String value = values.get(id);
            return value == null ? id : id + " = " + value;
        });
    }

    /** The report as an HTML fragment (no html, head or style), every value escaped; style it with {@link #css}. */
    public String body(Explanation x) {
        return body(x, "");
    }

    /**
     * The same, every element id and link within it starting with {@code idPrefix} (letters, digits, '-'), so two
     * reports can share one page (before and after, side by side) without sharing ids.
     */
    public String body(Explanation x, String idPrefix) {
        StringWriter out = new StringWriter();
        BODY.execute(out, model(x, idPrefix.replaceAll("[^A-Za-z0-9-]", "-")));
        return out.toString();
    }

    /** The whole page: {@link #css} and {@link #body} in one self-contained document. */
    public void render(Explanation x, PrintWriter out) {
        PAGE.execute(out, new Page(x.result().assessment().provider(), css(), body(x)));
        out.flush();
    }

    private Body model(Explanation x, String ids) {
        Result r = x.result();
        var p = r.provenance();
        var overall = r.overall();
        Anchors anchors = new Anchors(ids);
        Reg register = new Reg(RegisterValues.of(r), r.assessment().assessmentDate());
        List<Kq> kqs = new ArrayList<>();
        for (KeyQuestionView kq : r.keyQuestions()) {
            if (kq.inScope()) kqs.add(keyQuestion(x, kq, r.scale().max(), anchors, register));
        }
        List<Unjudged> unjudged = r.unjudgedEvidence().stream()
                .map(e -> new Unjudged(e.id(), e.statement(), e.quote(), e.reason())).toList();
        return new Body(r.assessment().provider(), r.assessment().scopeName(), r.assessment().serviceTypeName(),
                r.assessment().assessmentDate(), r.assessment().regimeSentence(), overall.label(), overall.rating(),
                "r" + rank(r, overall.rating()),
                overall.score() == null ? null : String.valueOf(overall.score().shown()),
                (overall.caveat() == null ? "" : "Caveat: " + overall.caveat() + ". ")
                        + (overall.score() == null ? overall.sentence()
                        : overall.score().shown() + " out of 100 (" + overall.score().sentence() + "); "
                        + overall.sentence()),
                overall.score() == null ? null : overall.score().roundingNote(),
                overall.caps().stream().map(Result.CapView::sentence).toList(), kqs, unjudged, p.rulesDigest(),
                p.fixtureDigest(), p.engine(), p.frameworkVersion(), p.fixture(), p.regime(), ids,
                r.groupingLevel() == null ? "key question" : r.groupingLevel().singular(),
                r.groupingLevel() == null ? "key questions" : r.groupingLevel().plural());
    }

    /**
     * The rank of a rating by name, as the key questions' ratings give it; failing that, from the derivation graph,
     * where each band's range is derived from its rating level ({@code band-range/<rank>} from
     * {@code rating-level/<id>}, the id being the name in lower case with hyphens). 0 for no rating.
     */
    private static int rank(Result r, String rating) {
        for (KeyQuestionView kq : r.keyQuestions()) {
            if (kq.rating() != null && kq.rating().rating().equals(rating)) return kq.rating().rank();
        }
        String level = "rating-level/" + rating.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        for (Result.Edge e : r.derivation().edges()) {
            if (e.fact().startsWith("band-range/") && e.premises().contains(level)) {
                try {
                    return Integer.parseInt(e.fact().substring("band-range/".length()));
                } catch (NumberFormatException notARank) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private Kq keyQuestion(Explanation x, KeyQuestionView kq, int max, Anchors anchors, Reg register) {
        var s = kq.score();
        List<String> limiters = x.limiters().stream().filter(l -> l.keyQuestion().equals(kq.id()))
                .map(Explanation.Limiter::sentence).toList();
        String thin = kq.thinStatements() + " of " + kq.statements().size() + " statements rest on thin evidence";
        String judgement = kq.rating() != null && kq.rating().basis().equals("judgement")
                ? kq.rating().detail() + " (the method computes " + kq.computedRating() + ")" : "none recorded";
        List<String> changes = new ArrayList<>();
        if (x.codings() != null) {
            x.codings().keyQuestions().stream().filter(k -> k.keyQuestion().equals(kq.id()))
                    .forEach(k -> changes.add("coding and cutting of the evidence: " + k.sentence()));
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
        String anchor = anchors.unique("kq-" + kq.id());
        List<Stmt> statements = kq.statements().stream().map(st -> statement(x, st, max, anchors, register)).toList();
        return new Kq(anchor, kq.name(), s == null ? "–" : String.valueOf(s.shown()),
                kq.rating() == null ? x.result().scale().notRated() : kq.rating().rating(),
                "r" + (kq.rating() == null ? 0 : kq.rating().rank()),
                kq.rating() == null ? "" : kq.rating().basis(),
                (s == null ? 0 : s.statementsScored()) + " of " + kq.statements().size(), kq.thinStatements(),
                s == null ? "no statement has a score" : s.sentence(), s == null ? null : s.roundingNote(),
                kq.band() == null ? "" : kq.band().sentence(), kq.band() != null && kq.band().boundary(),
                limiters, judgement, thin, chart(kq.statements(), max), statements, changes, metrics);
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

    private Stmt statement(Explanation x, StatementView st, int max, Anchors anchors, Reg register) {
        List<String> arithmetic = new ArrayList<>();
        var e = st.evidence();
        if (e != null) {
            arithmetic.add(st.arithmetic());
            e.caps().forEach(c -> arithmetic.add("cap: " + c.sentence()));
        }
        st.categories().forEach(c -> arithmetic.add("category " + c.sentence()));
        String anchor = anchors.unique("statement-" + st.id());
        List<Find> findings = st.findings().stream().map(f -> finding(f, anchors, register)).toList();
        String missing = st.missingSentence();
        return new Stmt(anchor, st.name(), st.score() == null ? "not scored" : st.score() + " of " + max,
                st.scoreSentence(), st.basis().equals("assessed") ? null : st.detail(),
                cls(st.score() == null ? 0 : st.score()), arithmetic, register.statement(st.id()),
                findings, missing, st.thinEvidence(), x.codings() == null ? null : x.codings().statements().stream()
                        .filter(r -> r.statement().equals(st.id())).map(r -> r.sentence()).findFirst().orElse(null));
    }

    /** The register rows behind a result's numbers, as this reporter shows them. */
    private final class Reg {
        private final RegisterValues values;
        private final String date;

        Reg(RegisterValues values, String date) {
            this.values = values;
            this.date = date;
        }

        List<String> statement(String id) {
            return values.behindStatement(id).stream().map(v -> registerText.apply(v, date)).toList();
        }

        List<String> finding(FindingView f) {
            return values.behind(f).stream().map(v -> registerText.apply(v, date)).toList();
        }
    }

    private Find finding(FindingView f, Anchors anchors, Reg register) {
        return new Find(anchors.unique("finding-" + f.evidenceId() + "-" + f.ruleId()), f.grade(), f.evidenceId(),
                f.category(), f.summary(), f.ruleRef(), f.ruleReason(), register.finding(f), f.section(),
                f.quote());
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReporter.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + FOLDER + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
