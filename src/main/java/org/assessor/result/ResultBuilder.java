package org.assessor.result;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assessor.engine.Evaluation;
import org.assessor.evidence.EvidenceFile;
import org.assessor.facts.BandRating;
import org.assessor.facts.CategoryScore;
import org.assessor.facts.ComputedRating;
import org.assessor.facts.EvidenceBase;
import org.assessor.facts.EvidenceScore;
import org.assessor.facts.Fact;
import org.assessor.facts.Finding;
import org.assessor.facts.KeyQuestion;
import org.assessor.facts.KeyQuestionRating;
import org.assessor.facts.KeyQuestionScore;
import org.assessor.facts.NotScored;
import org.assessor.facts.OverallCap;
import org.assessor.facts.OverallRating;
import org.assessor.facts.OverallScore;
import org.assessor.facts.Numbers;
import org.assessor.facts.Point;
import org.assessor.facts.PolicyValue;
import org.assessor.facts.RatingCap;
import org.assessor.facts.Regime;
import org.assessor.facts.ScoreCap;
import org.assessor.facts.StatementInScope;
import org.assessor.facts.StatementScore;
import org.assessor.result.Result;
import org.assessor.result.Result.*;
import org.assessor.ruleset.RuleInfo;

/** Turns the facts an evaluation left in its session into the explained {@link Result}; it judges nothing itself. */
public final class ResultBuilder {
    public static final String ENGINE = "Drools 10.2.0 (classic DRL, KnowledgeBuilder)";
    public static final String VERSION = "0.1.0";

    private final Evaluation ev;
    private final Sentences say;
    private boolean withGraph = true;

    public ResultBuilder(Evaluation ev) {
        this.ev = ev;
        this.say = new Sentences(ev.rules().framework().maxScore());
    }

    /** Leaves the derivation graph out (empty), for a result read only for its scores and ratings. */
    public ResultBuilder withoutGraph() {
        withGraph = false;
        return this;
    }

    public Result build() {
        Regime regime = ev.all(Regime.class).stream().findFirst().orElse(new Regime("none", "no regime rule fired"));
        var in = ev.input();
        var a = in.assessment();
        var provenance = new Provenance(in.file(), in.digest(), ev.rules().dir(), ev.rules().digest(),
                ev.rules().framework().version(), ENGINE, VERSION, regime.id(), regime.reason(), in.policyChanges());
        var fwk = ev.rules().framework();
        var type = fwk.serviceTypes().get(a.serviceType());
        var scope = fwk.scopes().get(a.scope());
        var assessment = new AssessmentView(a.provider(), a.serviceType(), type == null ? a.serviceType() : type.name(),
                a.scope(), scope == null ? a.scope() : scope.name(), a.assessmentDate().toString(), a.trustLevel(),
                say.regime(regime.id(), regime.reason()));
        List<KeyQuestionView> kqs = ev.all(KeyQuestion.class).stream()
                .sorted(Comparator.comparingInt(KeyQuestion::order)).map(this::keyQuestion).toList();
        var fw = ev.rules().framework();
        var scale = new ScaleView(fw.minScore(), fw.maxScore(), fw.notRated());
        var grouping = new GroupingView(fw.groupingTerm(), fw.groupingTermPlural());
        return new Result(provenance, assessment, scale, grouping, kqs, overall(), unjudged(), firingsById(),
                withGraph ? graph() : new Graph(List.of(), List.of()));
    }

    private KeyQuestionView keyQuestion(KeyQuestion kq) {
        var score = first(KeyQuestionScore.class, KeyQuestionScore::keyQuestion, kq.id());
        var band = first(BandRating.class, BandRating::keyQuestion, kq.id());
        var computed = first(ComputedRating.class, ComputedRating::keyQuestion, kq.id());
        var rating = first(KeyQuestionRating.class, KeyQuestionRating::keyQuestion, kq.id());
        List<CapView> caps = of(RatingCap.class, RatingCap::keyQuestion, kq.id()).stream()
                .map(c -> cap(c.rating(), c.ruleId(), own(c.reason()), band != null && c.rank() < band.rank())).toList();
        List<StatementView> statements = of(StatementInScope.class, StatementInScope::keyQuestion, kq.id()).stream()
                .sorted(Comparator.comparingInt(StatementInScope::order)).map(this::statement).toList();
        int thin = (int) statements.stream().filter(s -> s.thinEvidence() != null).count();
        return new KeyQuestionView(kq.id(), kq.name(), kq.inScope(), score != null,
                score == null ? null : new ScoreView(score.sum(), score.max(), score.statements(), score.raw(),
                        score.shown(), score.rounding(), say.score(score.sum(), score.max(), score.statements(),
                        score.raw(), score.shown()), say.roundingNote(score.raw(), score.shown(), score.rounding(),
                        roundingSource(score.rounding()))),
                band == null ? null : new BandView(band.rating(), band.cutOff(), band.boundary(),
                        say.band(band.rating(), score == null ? 0 : score.raw(), band.cutOff(), band.source(),
                                band.boundary())),
                caps, computed == null ? null : computed.rating(),
                rating == null ? null : new RatingView(rating.rating(), rating.rank(), rating.basis(), own(rating.detail()),
                        say.rating(rating.rating(), rating.basis(), own(rating.detail()),
                                computed == null ? null : computed.rating())),
                statements, thin);
    }

    private CapView cap(String limit, String ruleId, String reason, boolean applied) {
        return new CapView(limit, ruleId, reason, applied, say.cap(limit, reason, ruleId, applied));
    }

    private StatementView statement(StatementInScope s) {
        String id = s.statement();
        var score = first(StatementScore.class, StatementScore::statement, id);
        var notScored = first(NotScored.class, NotScored::statement, id);
        var base = first(EvidenceBase.class, EvidenceBase::unit, id);
        var evScore = first(EvidenceScore.class, EvidenceScore::unit, id);
        var thin = first(org.assessor.facts.ThinEvidence.class, org.assessor.facts.ThinEvidence::statement, id);
        List<Point> points = of(Point.class, Point::statement, id);
        List<Finding> found = of(Finding.class, Finding::statement, id);
        EvidenceScoreView evidence = null;
        String arithmetic = null;
        List<CategoryView> categories = of(CategoryScore.class, CategoryScore::statement, id).stream()
                .map(c -> new CategoryView(c.category(), c.score(), c.base(), say.category(c.category(), c.score(),
                        c.base()))).toList();
        if (base != null && evScore != null) {
            List<CapView> caps = of(ScoreCap.class, ScoreCap::unit, id).stream()
                    .map(c -> cap("at most " + c.max(), c.ruleId(), own(c.reason()), c.max() < base.score())).toList();
            PointsView tally = tally(points);
            evidence = new EvidenceScoreView(evScore.score(), base.score(), own(base.reason()), caps, tally);
            arithmetic = categories.isEmpty()
                    ? say.evidence(tally, found.size(), own(base.reason()), base.score(), evScore.score())
                    : say.byCategories(own(base.reason()), base.score(), evScore.score());
        }
        List<FindingView> findings = found.stream()
                .sorted(Comparator.comparingInt(Finding::grade).thenComparing(Finding::evidenceId)
                        .thenComparing(Finding::ruleId))
                .map(f -> finding(f, points)).toList();
        Set<String> withEvidence = categoriesWithEvidence().getOrDefault(id, Set.of());
        List<String> missing = ev.all(org.assessor.facts.CategoryApplies.class).stream()
                .map(org.assessor.facts.CategoryApplies::category).filter(c -> !withEvidence.contains(c)).toList();
        String basis = score == null ? "not scored" : score.basis();
        var names = ev.rules().framework().categories();
        return new StatementView(id, s.name(), score == null ? null : score.score(), basis,
                own(score != null ? score.detail() : notScored != null ? notScored.reason() : "no rule scored it"),
                say.statementScore(score == null ? null : score.score(), basis),
                evidence, arithmetic, categories, findings, missing,
                say.missing(missing.stream().map(c -> names.containsKey(c) ? names.get(c).name() : c).toList()),
                thin == null ? null : own(thin.reason()));
    }

    /** A statement's points counted by sort (material shortfalls by topic), with its topics and sources. */
    private static PointsView tally(List<Point> points) {
        Set<String> materialTopics = new java.util.TreeSet<>();
        Set<String> topics = new java.util.TreeSet<>();
        Set<String> sources = new java.util.TreeSet<>();
        Map<String, Set<String>> bySort = new java.util.HashMap<>();
        for (Point p : points) {
            if (!p.sort().equals("noted")) {
                topics.add(p.topic());
                sources.addAll(p.sources());
            }
            if (p.sort().equals("material-shortfall")) materialTopics.add(p.topic());
            bySort.computeIfAbsent(p.sort(), k -> new java.util.HashSet<>()).add(p.evidenceId());
        }
        java.util.function.Function<String, Integer> n = sort -> bySort.getOrDefault(sort, Set.of()).size();
        return new PointsView(materialTopics.size(), n.apply("minor-shortfall"), n.apply("neutral"),
                n.apply("description"), n.apply("result"), n.apply("exceptional"), n.apply("noted"), topics.size(),
                List.copyOf(sources));
    }

    private FindingView finding(Finding f, List<Point> points) {
        RuleInfo rule = ev.rules().ruleById(f.ruleId());
        EvidenceFile.Item item = ev.input().items().get(f.evidenceId());
        String point = points.stream().filter(p -> p.evidenceId().equals(f.evidenceId()) && p.grade() == f.grade()
                        && p.sort().equals("neutral") == f.neutral())
                .map(p -> p.sort().replace('-', ' ')).findFirst().orElse("");
        // The rule's name stays as the rules have it (its identity); what a reader reads is in the framework's words.
        return new FindingView(f.ruleId(), rule == null ? f.ruleId() : rule.name(), rule == null ? "" : own(rule.reason()),
                f.grade(), f.summary(), f.evidenceId(), f.category(), item == null ? "" : item.source().section(),
                item == null ? "" : item.source().quote(), f.against(),
                own(rule == null ? f.ruleId() : rule.name()) + " [" + f.ruleId() + "]", point);
    }

    private OverallView overall() {
        var o = ev.all(OverallRating.class).stream().findFirst().orElse(null);
        List<CapView> caps = ev.all(OverallCap.class).stream()
                .map(c -> cap(c.rating(), c.ruleId(), own(c.reason()), o != null && o.rank() > 0 && c.rank() <= o.rank()))
                .toList();
        String label = ev.rules().framework().overallLabel(ev.input().assessment().scope());
        var s = ev.all(OverallScore.class).stream().findFirst().orElse(null);
        OverallScoreView score = null;
        if (s != null) {
            var fw = ev.rules().framework();
            List<String> groups = new ArrayList<>();
            ev.all(KeyQuestion.class).stream().sorted(Comparator.comparingInt(KeyQuestion::order)).forEach(k -> {
                var kqs = first(KeyQuestionScore.class, KeyQuestionScore::keyQuestion, k.id());
                if (kqs != null) groups.add(k.name() + " " + Numbers.writtenPercent(kqs.raw()));
            });
            score = new OverallScoreView(s.raw(), s.shown(), s.rounding(), s.method(), say.overallScore(s.method(),
                    s.byGroup(), s.sum(), s.outOf(), s.statements(), groups, fw.groupingTermPlural(), s.raw(), s.shown()),
                    say.roundingNote(s.raw(), s.shown(), s.rounding(), roundingSource(s.rounding())));
        }
        var partial = ev.all(org.assessor.facts.PartialAssessment.class).stream().findFirst().orElse(null);
        String caveat = partial != null && partial.rated() ? partial.reason() : null;
        if (o == null) {
            String none = "no overall rating rule applied";
            return new OverallView(label, ev.rules().framework().notRated(), "none", none, caps, say.overall("none", none),
                    score, caveat);
        }
        return new OverallView(label, o.rating(), own(o.principle()), own(o.detail()), caps,
                say.overall(own(o.principle()), own(o.detail())), score, caveat);
    }

    /** Text a rule wrote, in the framework's own words ({@link org.assessor.ruleset.Framework#inOwnWords}). */
    private String own(String text) {
        return ev.rules().framework().inOwnWords(text);
    }

    /** Where the register sets the rounding mode: "display.rounding, register row 6" (the row whose unit is rounding). */
    private String roundingSource(String mode) {
        return ev.all(PolicyValue.class).stream().filter(p -> "rounding".equals(p.unit()) && mode.equals(p.text()))
                .map(PolicyValue::where).findFirst().orElse(null);
    }

    private List<EvidenceView> unjudged() {
        Set<String> judged = ev.all(Finding.class).stream().map(Finding::evidenceId).collect(Collectors.toSet());
        Map<String, String> reasons = new java.util.HashMap<>();
        ev.all(org.assessor.facts.Unjudged.class).forEach(u -> reasons.put(u.evidenceId(), own(u.reason())));
        return ev.input().items().values().stream().filter(i -> !judged.contains(i.id()))
                .map(i -> new EvidenceView(i.id(), i.statement(), i.category(), i.source().section(),
                        i.source().quote(), reasons.getOrDefault(i.id(), "no rule judged it")))
                .sorted(Comparator.comparing(EvidenceView::id)).toList();
    }

    private Map<String, Integer> firingsById() {
        Map<String, Integer> out = new TreeMap<>();
        ev.firings().forEach((rule, n) -> out.merge(ev.rules().rule(rule).id(), n, Integer::sum));
        return out;
    }

    private Graph graph() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < ev.facts().size(); i++) {
            Object f = ev.facts().get(i);
            if (f instanceof Fact) nodes.add(new Node(ev.keys().get(i), f.getClass().getSimpleName()));
        }
        List<Edge> edges = ev.derivations().stream().map(d -> {
            RuleInfo rule = ev.rules().rule(d.rule());
            return new Edge(d.fact(), rule.id(), rule.name(), d.premises());
        }).toList();
        return new Graph(nodes, edges);
    }

    private final Map<Class<?>, Map<String, ? extends List<?>>> grouped = new java.util.HashMap<>();
    private Map<String, Set<String>> categoriesWithEvidence;

    /** The facts of a type whose key field has the value, grouped once per type (facts stay in key order). */
    @SuppressWarnings("unchecked")
    private <T> List<T> of(Class<T> type, java.util.function.Function<T, String> field, String value) {
        var groups = (Map<String, List<T>>) grouped.computeIfAbsent(type, t -> ev.all(type).stream()
                .collect(Collectors.groupingBy(field)));
        return groups.getOrDefault(value, List.of());
    }

    private <T> T first(Class<T> type, java.util.function.Function<T, String> field, String value) {
        List<T> found = of(type, field, value);
        return found.isEmpty() ? null : found.get(0);
    }

    private Map<String, Set<String>> categoriesWithEvidence() {
        if (categoriesWithEvidence == null) {
            categoriesWithEvidence = ev.input().items().values().stream().collect(Collectors.groupingBy(
                    EvidenceFile.Item::statement, Collectors.mapping(EvidenceFile.Item::category, Collectors.toSet())));
        }
        return categoriesWithEvidence;
    }
}
