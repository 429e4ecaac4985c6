package org.assessor.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assessor.engine.Derivation;
import org.assessor.engine.Evaluation;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.facts.Assessment;
import org.assessor.facts.BandRange;
import org.assessor.facts.BandRating;
import org.assessor.facts.Benchmark;
import org.assessor.facts.Breach;
import org.assessor.facts.CategoryApplies;
import org.assessor.facts.CategoryScore;
import org.assessor.facts.Comparison;
import org.assessor.facts.ComputedRating;
import org.assessor.facts.Corroboration;
import org.assessor.facts.EvidenceBase;
import org.assessor.facts.EvidenceScore;
import org.assessor.facts.Fact;
import org.assessor.facts.Finding;
import org.assessor.facts.FrameworkRegime;
import org.assessor.facts.KeyQuestion;
import org.assessor.facts.KeyQuestionRating;
import org.assessor.facts.KeyQuestionScore;
import org.assessor.facts.Metric;
import org.assessor.facts.NotScored;
import org.assessor.facts.Numbers;
import org.assessor.facts.Observation;
import org.assessor.facts.OverallCandidate;
import org.assessor.facts.OverallCap;
import org.assessor.facts.OverallRating;
import org.assessor.facts.OverallScore;
import org.assessor.facts.PartialAssessment;
import org.assessor.facts.Point;
import org.assessor.facts.PolicyValue;
import org.assessor.facts.PreviousRating;
import org.assessor.facts.RatingCap;
import org.assessor.facts.RatingCounts;
import org.assessor.facts.RatingLevel;
import org.assessor.facts.RecordedRating;
import org.assessor.facts.RecordedScore;
import org.assessor.facts.Regime;
import org.assessor.facts.ScoreCap;
import org.assessor.facts.ScoreLevel;
import org.assessor.facts.ScoreScale;
import org.assessor.facts.ScopeStatements;
import org.assessor.facts.StatementInScope;
import org.assessor.facts.StatementScore;
import org.assessor.facts.ThinEvidence;
import org.assessor.facts.Unit;
import org.assessor.facts.Unjudged;
import org.assessor.ruleset.RuleSet;

/**
 * The same-result baseline, for the benchmark and its equality test only (never used for a real result): today's
 * rules (rules/evidence, rules/method, rules/well-led) written by hand in plain Java over the same input facts. It
 * derives the same facts with the same texts and rule ids, records for each the rule that would have made it and the
 * keys of the facts that rule's match bound (the facts of its patterns and those gathered by collectList, as
 * {@link org.assessor.engine.DerivationRecorder} records them), counts firings as the engine fires them, and returns
 * an {@link Evaluation} that {@link org.assessor.result.ResultBuilder} turns into a result. Every number the rules
 * read from the register, the framework's score levels or rating levels is read here from the same facts.
 *
 * <p>It mirrors the rules as they are, the provider framework's and the local authority framework's
 * (rules/frameworks/local-authority/, the rules a rule set lacks are not fired); it is not general over rule edits.
 * Several places follow the engine's order of firing rather than the rules' meaning, because the derivation graph and
 * the firing counts show it. Drools 10 ranks the rules of one layer by their place in their own file (a tie between
 * files going to the rule compiled first: rules/method, then rules/evidence, then rules/well-led or a framework's
 * own), fires the highest-ranked rule with a match, and after each firing lets a higher-ranked rule that has gained
 * a match go first; within one rule, the order of its matches follows how Drools joins its patterns (an accumulate,
 * or a join given its tuples at once, takes them last first). So:
 * <ul>
 * <li>a fact several matches would make is made by the engine's first match, the others only counting as firings: a
 * corroboration by a measured value with more than one finding on its side (its first finding), a point of a
 * measured value with two findings of one sort and grade (its last finding);</li>
 * <li>one measured value's findings are made in the engine's order (its own benchmarks last given first, the
 * indicator counts and a framework's own evidence rules between the benchmark rules of the same place);</li>
 * <li>the thin-evidence cap (M-STMT-14) is found after a statement's evidence score and statement score were made,
 * and a category's cap by its independent sources (M-CAT-04) after the category's evidence score, so the engine
 * makes them again, counting the earlier firings;</li>
 * <li>a council's uncapped overall candidate (LA-OVR-03) is made before any overall cap, and withdrawn when one
 * comes; a breach cap (M-OVR-P1, overall layer) comes after the council's candidate and its overall rating were
 * made (key-question layer), so the engine's second pass over the layers makes them again; a partial assessment
 * not rated (LA-OVR-07, -08) withdraws the candidate LA-OVR-03 or -06 had made before it;</li>
 * <li>a council's theme-means percentage (LA-OVR-02) adds the themes' percentages in the order its collectList
 * gathers them, last first, which decides the last bits of the raw value.</li>
 * </ul>
 */
public final class SameResultBaseline {
    private static final List<String> AVERAGES = List.of("national-average", "peer-average", "organisation-average");
    private static final List<String> TARGETS = List.of("target", "parity");

    private final RuleSet rules;
    private final Map<String, String> identities = new HashMap<>();

    public SameResultBaseline(RuleSet rules) {
        this.rules = rules;
        for (var r : rules.rules()) identities.put(r.id(), r.identity());
    }

    /** Evaluates one loaded assessment as the rules do. */
    public Evaluation evaluate(LoadedAssessment input) {
        return new Run(input).evaluate();
    }

    /** A derived fact with what its rule's match bound (facts, or collections of facts). */
    private record Made(String rule, Object[] premises) {}

    /** One evaluation: the input facts indexed, then each layer in the order the engine fires them. */
    private final class Run {
        private final LoadedAssessment input;
        private final Map<Object, Made> derived = new LinkedHashMap<>(); // equal facts are one fact, as insertLogical
        private final Map<String, Integer> firings = new TreeMap<>();

        // the input
        private Assessment assessment;
        private ScoreScale scale;
        private final Map<String, PolicyValue> policy = new HashMap<>();
        private final List<PolicyValue> policies = new ArrayList<>();
        private final Map<String, List<PolicyValue>> policiesFor = new HashMap<>(); // by what they apply to
        private final Map<String, ScoreLevel> scoreLevels = new HashMap<>();
        private final List<RatingLevel> ratingLevels = new ArrayList<>();
        private final Map<String, RatingLevel> ratingById = new HashMap<>();
        private final List<KeyQuestion> keyQuestions = new ArrayList<>();
        private final List<StatementInScope> statements = new ArrayList<>();
        private final List<FrameworkRegime> frameworkRegimes = new ArrayList<>();
        private final List<CategoryApplies> categories = new ArrayList<>();
        private ScopeStatements scopeStatements;
        private final List<Metric> metrics = new ArrayList<>();
        private final List<Benchmark> benchmarks = new ArrayList<>();
        private final List<Observation> observations = new ArrayList<>();
        private final Map<String, List<Observation>> observationsOf = new HashMap<>(); // by statement
        private final Map<String, List<Metric>> metricsOf = new HashMap<>(); // by statement
        private final Map<String, PreviousRating> previous = new HashMap<>();
        private final Map<String, RecordedScore> recordedScores = new HashMap<>();
        private final Map<String, RecordedRating> recordedRatings = new HashMap<>();
        private final List<Breach> breaches = new ArrayList<>();

        // derived, indexed as the later layers read them
        private Regime regime;
        private final List<BandRange> bandRanges = new ArrayList<>();
        private final Map<String, List<Benchmark>> benchmarksOf = new HashMap<>();
        private final List<Finding> findings = new ArrayList<>(); // in the order the engine makes them
        private final Map<String, List<Finding>> findingsOfEvidence = new HashMap<>();
        private final Map<String, List<Corroboration>> corroborationsOf = new HashMap<>();
        private final Map<String, StatementScore> statementScores = new LinkedHashMap<>();
        private final Map<String, KeyQuestionScore> kqScores = new HashMap<>();
        private final Map<String, KeyQuestionRating> kqRatings = new LinkedHashMap<>();

        Run(LoadedAssessment input) {
            this.input = input;
            for (Object f : input.facts()) {
                if (f instanceof Metric m) {
                    metrics.add(m);
                    metricsOf.computeIfAbsent(m.statement(), k -> new ArrayList<>()).add(m);
                } else if (f instanceof Benchmark b) {
                    benchmarks.add(b);
                    benchmarksOf.computeIfAbsent(b.evidenceId(), k -> new ArrayList<>()).add(b);
                } else if (f instanceof Observation o) {
                    observations.add(o);
                    observationsOf.computeIfAbsent(o.statement(), k -> new ArrayList<>()).add(o);
                } else if (f instanceof PolicyValue p) {
                    policy.put(p.id(), p);
                    policies.add(p);
                    policiesFor.computeIfAbsent(p.appliesTo(), k -> new ArrayList<>()).add(p);
                } else if (f instanceof StatementInScope s) {
                    statements.add(s);
                } else if (f instanceof KeyQuestion k) {
                    keyQuestions.add(k);
                } else if (f instanceof ScoreLevel l) {
                    scoreLevels.put(l.id(), l);
                } else if (f instanceof RatingLevel l) {
                    ratingLevels.add(l);
                    ratingById.put(l.id(), l);
                } else if (f instanceof FrameworkRegime r) {
                    frameworkRegimes.add(r);
                } else if (f instanceof CategoryApplies c) {
                    categories.add(c);
                } else if (f instanceof ScopeStatements n) {
                    scopeStatements = n;
                } else if (f instanceof PreviousRating p) {
                    previous.put(p.keyQuestion(), p);
                } else if (f instanceof RecordedScore r) {
                    recordedScores.put(r.statement(), r);
                } else if (f instanceof RecordedRating r) {
                    recordedRatings.put(r.keyQuestion(), r);
                } else if (f instanceof Breach b) {
                    breaches.add(b);
                } else if (f instanceof Assessment a) {
                    assessment = a;
                } else if (f instanceof ScoreScale s) {
                    scale = s;
                }
            }
        }

        Evaluation evaluate() {
            policyLayer();
            evidenceLayer();
            weighingLayer();
            statementLayer();
            keyQuestionLayer();
            overallLayer();
            return evaluation();
        }

        /** A rule fires and makes a fact; an equal fact already made keeps its first derivation (insertLogical). */
        private <T> T fire(String id, T fact, Object... premises) {
            count(id);
            derived.putIfAbsent(fact, new Made(identity(id), premises));
            return fact;
        }

        /** A firing whose fact the engine later withdraws (counted, not kept). */
        private void count(String id) {
            firings.merge(identity(id), 1, Integer::sum);
        }

        /** Whether the rule set has the rule (each framework's rule set has its own rules beside the shared ones). */
        private boolean has(String id) {
            return identities.containsKey(id);
        }

        private String identity(String id) {
            String identity = identities.get(id);
            if (identity == null) throw new IllegalStateException("the rules have no rule " + id + " for the baseline to mirror");
            return identity;
        }

        private double number(String id) {
            PolicyValue p = policy.get(id);
            if (p == null) throw new IllegalStateException("the register has no value " + id + " in force");
            return p.number();
        }

        private ScoreLevel level(String id) {
            ScoreLevel l = scoreLevels.get(id);
            if (l == null) throw new IllegalStateException("the framework has no score level " + id);
            return l;
        }

        private RatingLevel rating(String id) {
            RatingLevel l = ratingById.get(id);
            if (l == null) throw new IllegalStateException("the framework has no rating " + id);
            return l;
        }

        private RatingLevel ratingOfRank(int rank) {
            for (RatingLevel l : ratingLevels) if (l.rank() == rank) return l;
            return null;
        }

        /** The bands (M-REG-01's ranges) the percentage falls in: one, unless the register's cut-offs overlap. */
        private List<BandRange> bands(double percent) {
            List<BandRange> out = new ArrayList<>(1);
            for (BandRange b : bandRanges) if (b.holds(percent)) out.add(b);
            return out;
        }

        // ---- policy (rules/method/register.drl, regime.drl) ----

        private void policyLayer() {
            for (RatingLevel l : ratingLevels) {
                for (PolicyValue p : policiesFor.getOrDefault("rating:" + l.id(), List.of())) {
                    if (!p.kind().equals("cut-off")) continue;
                    List<PolicyValue> next = new ArrayList<>();
                    for (RatingLevel above : ratingLevels) {
                        if (above.rank() <= l.rank()) continue;
                        for (PolicyValue q : policiesFor.getOrDefault("rating:" + above.id(), List.of())) {
                            if (q.kind().equals("cut-off")) next.add(q);
                        }
                    }
                    bandRanges.add(fire("M-REG-01", BandRange.upTo(l.rank(), p.number(), next, p.where()), l, p, next));
                }
            }
            regimes();
        }

        /**
         * M-REGIME-01 to M-REGIME-04: the regime the fixture states, else the framework's only regime, else the one
         * of its two that the assessment's date falls in against the register's regime date.
         */
        private void regimes() {
            if (assessment.regime() != null) {
                regime = fire("M-REGIME-03", new Regime(assessment.regime(), "the fixture states the regime"), assessment);
                return;
            }
            PolicyValue from = policy.get("regime.statement-from");
            if (from != null) {
                for (FrameworkRegime f : frameworkRegimes) {
                    if (!f.id().equals("statement") || !"from".equals(f.applies())) continue;
                    if (!assessment.regimeDate().isBefore(LocalDate.parse(from.text()))) {
                        regime = fire("M-REGIME-01", new Regime("statement", assessment.regimeDateSource() + ", on or after "
                                + from.text() + assessment.otherDateSide(from.text())), f, from, assessment);
                    }
                }
                for (FrameworkRegime f : frameworkRegimes) {
                    if (!f.id().equals("evidence-category") || !"before".equals(f.applies())) continue;
                    if (assessment.regimeDate().isBefore(LocalDate.parse(from.text()))) {
                        regime = fire("M-REGIME-02", new Regime("evidence-category", assessment.regimeDateSource()
                                + ", before " + from.text() + assessment.otherDateSide(from.text())), f, from, assessment);
                    }
                }
            }
            for (FrameworkRegime f : frameworkRegimes) {
                if (f.applies() != null) continue;
                regime = fire("M-REGIME-04", new Regime(f.id(), "the framework is assessed under this regime only ("
                        + f.source() + ")"), f, assessment);
            }
        }

        // ---- evidence (rules/evidence/*.drl, rules/well-led/*.drl) ----

        /**
         * The evidence layer in the engine's order of firing: Drools ranks its rules by their place in their own file,
         * a tie going to the rule compiled first (rules/evidence before rules/well-led and the framework's own rules),
         * so the benchmark rules, the indicator counts and a framework's own evidence rules take turns: place 0 of each
         * file (EV-BM-01, EV-IND-01, WL-PAC-03 or LA-SG-01), then place 1, then place 2, then the rest of
         * benchmarks.drl; a register benchmark (EV-REG-01 to -03, places 10 to 12) is judged as it is made. What the
         * order decides is the order of one measured value's findings, which the corroborations (EV-OB-08, -09) and
         * the points (points.drl) name the first or the last of. The engine matches each measured value (in order)
         * with its own benchmarks last given first. Corroboration (EV-OB-00, -10, -08, -09) is found after.
         */
        private void evidenceLayer() {
            List<Object[]> pairs = new ArrayList<>();
            for (Metric m : metrics) {
                List<Benchmark> lastFirst = new ArrayList<>(benchmarksOf.getOrDefault(m.evidenceId(), List.of()));
                java.util.Collections.reverse(lastFirst);
                for (Benchmark b : lastFirst) {
                    if (!b.kind().equals("out-of")) pairs.add(new Object[] {m, b});
                }
            }
            List<Compared> given = compared(pairs);
            Shares indicators = new Shares("indicators-worse.significant-share", // rules/evidence/indicator-counts.drl
                    m -> m.unit().equals("count") && m.better().equals("lower"),
                    "EV-IND-", " worse than the national average", " worse than the national average");
            Shares liberty = !has("LA-SG-01") ? null : new Shares("dols.backlog.significant-share", // LA safeguarding.drl
                    m -> m.statement().equals("safeguarding") && m.measure().equals("dols.applications-not-completed-at-year-end"),
                    "LA-SG-", " not completed at the year's end", " left undecided at the year's end");
            boolean segments = has("WL-PAC-03");
            List<String> segmentRules = List.of("WL-PAC-03", "WL-PAC-02", "WL-PAC-04");
            for (int place = 0; place < 3; place++) {
                judge(BENCHMARK_RULES.get(place), given);
                indicators.judge(place + 1);
                if (segments) oversightSegments(segmentRules.get(place));
                if (liberty != null) liberty.judge(place + 1);
            }
            for (String rule : BENCHMARK_RULES.subList(3, BENCHMARK_RULES.size())) judge(rule, given);
            judge(compared(registerBenchmarks("EV-REG-01", List.of("target", "limit"), "target")));
            judge(compared(registerBenchmarks("EV-REG-02", List.of("parity"), "parity")));
            judge(compared(registerBenchmarks("EV-REG-03", List.of("national-average"), "national-average")));
            corroborate();
        }

        private List<Object[]> registerBenchmarks(String rule, List<String> kinds, String kind) {
            List<Object[]> made = new ArrayList<>();
            for (Metric m : metrics) {
                boolean own = false;
                for (Benchmark b : benchmarksOf.getOrDefault(m.evidenceId(), List.of())) {
                    if (b.kind().equals(kind) && b.origin().equals(Benchmark.EVIDENCE)) own = true;
                }
                if (own) continue;
                for (PolicyValue p : policiesFor.getOrDefault("measure:" + m.measure(), List.of())) {
                    if (kinds.contains(p.kind())) {
                        Benchmark b = fire(rule, Benchmark.from(m.evidenceId(), kind, p), m, p);
                        made.add(new Object[] {m, b});
                    }
                }
            }
            return made;
        }

        /** A measured value with one of its benchmarks, and the gap the benchmark rules compare (computed once). */
        private record Compared(Metric m, Benchmark b, double gap) {
            Finding finding(String rule, ScoreLevel grade, String judgement) {
                return Finding.of(rule, Comparison.of(m, b), grade.score(), judgement);
            }

            Finding neutral(String rule, ScoreLevel grade, String judgement) {
                return Finding.neutral(rule, Comparison.of(m, b), grade.score(), judgement);
            }
        }

        private List<Compared> compared(List<Object[]> pairs) {
            List<Compared> out = new ArrayList<>(pairs.size());
            for (Object[] mb : pairs) {
                Metric m = (Metric) mb[0];
                Benchmark b = (Benchmark) mb[1];
                out.add(new Compared(m, b, b.gapFor(m)));
            }
            return out;
        }

        /** The benchmark rules in the order of rules/evidence/benchmarks.drl. */
        private static final List<String> BENCHMARK_RULES = List.of("EV-BM-01", "EV-BM-02", "EV-BM-03", "EV-BM-10",
                "EV-BM-04", "EV-BM-05", "EV-BM-06", "EV-BM-07", "EV-BM-08", "EV-BM-09");

        /** EV-BM-01 to EV-BM-10, rule by rule as the engine fires them on these comparisons. */
        private void judge(List<Compared> compared) {
            for (String rule : BENCHMARK_RULES) judge(rule, compared);
        }

        /**
         * One benchmark rule (EV-BM-01 to EV-BM-10) over the comparisons; each matches the measured value and the
         * benchmark, and words its finding with their comparison. EV-BM-03's finding is a neutral reading.
         */
        private void judge(String rule, List<Compared> compared) {
            double sig = number("benchmark.significant-gap");
            double sim = number("benchmark.similar-within");
            PolicyValue pSig = policy.get("benchmark.significant-gap");
            PolicyValue pSim = policy.get("benchmark.similar-within");
            ScoreLevel significant = level("significant-shortfalls");
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            ScoreLevel exceptional = level("exceptional");
            for (Compared x : compared) {
                boolean average = AVERAGES.contains(x.b().kind());
                boolean target = TARGETS.contains(x.b().kind());
                boolean previous = x.b().kind().equals("previous");
                double gap = x.gap();
                switch (rule) {
                    case "EV-BM-01" -> {
                        if (average && gap <= -sig) {
                            finding(x.finding(rule, significant, "much worse than the average"), pSig, x.m(), x.b(),
                                    significant);
                        }
                    }
                    case "EV-BM-02" -> {
                        if (average && gap > -sig && gap < -sim) {
                            finding(x.finding(rule, some, "worse than the average"), pSig, pSim, x.m(), x.b(), some);
                        }
                    }
                    case "EV-BM-03" -> {
                        if (average && gap >= -sim && gap <= sim) {
                            finding(x.neutral(rule, good, "similar to the average"), pSim, x.m(), x.b(), good);
                        }
                    }
                    case "EV-BM-10" -> {
                        if (average && gap > sim && gap < sig) {
                            finding(x.finding(rule, good, "better than the average"), pSig, pSim, x.m(), x.b(), good);
                        }
                    }
                    case "EV-BM-04" -> {
                        if (average && gap >= sig) {
                            finding(x.finding(rule, exceptional, "much better than the average"), pSig, x.m(), x.b(),
                                    exceptional);
                        }
                    }
                    case "EV-BM-05" -> {
                        if (target && gap <= -sig) {
                            finding(x.finding(rule, significant, "a significant shortfall against it"), pSig, x.m(), x.b(),
                                    significant);
                        }
                    }
                    case "EV-BM-06" -> {
                        if (target && gap > -sig && gap < 0) {
                            finding(x.finding(rule, some, "a shortfall against it"), pSig, x.m(), x.b(), some);
                        }
                    }
                    case "EV-BM-07" -> {
                        if (target && gap >= 0) finding(x.finding(rule, good, "meets it"), x.m(), x.b(), good);
                    }
                    case "EV-BM-08" -> {
                        if (previous && gap < -sim) finding(x.finding(rule, some, "a decline"), pSim, x.m(), x.b(), some);
                    }
                    case "EV-BM-09" -> {
                        if (previous && gap > sim) finding(x.finding(rule, good, "an improvement"), pSim, x.m(), x.b(), good);
                    }
                    default -> throw new IllegalArgumentException(rule);
                }
            }
        }

        private void finding(Finding f, Object... premises) {
            boolean fresh = !derived.containsKey(f);
            fire(f.ruleId(), f, premises);
            if (fresh) {
                findings.add(f);
                findingsOfEvidence.computeIfAbsent(f.evidenceId(), k -> new ArrayList<>()).add(f);
            }
        }

        /**
         * A count read against the total the evidence gives (a benchmark of kind "out-of") and a register share, as
         * rules PREFIX01 (more than the share), PREFIX02 (some, no more than the share) and PREFIX03 (none) judge it:
         * EV-IND-01 to -03 (rules/evidence/indicator-counts.drl), LA-SG-01 to -03 (a council's safeguarding.drl).
         */
        private final class Shares {
            private final String shareId;
            private final String prefix;
            private final String worse;
            private final String none;
            private final List<Object[]> pairs = new ArrayList<>();

            Shares(String shareId, java.util.function.Predicate<Metric> applies, String prefix, String worse, String none) {
                this.shareId = shareId;
                this.prefix = prefix;
                this.worse = worse;
                this.none = none;
                for (Benchmark t : allBenchmarks()) {
                    if (!t.kind().equals("out-of") || !(t.value() > 0)) continue;
                    for (Metric m : metrics) {
                        if (m.evidenceId().equals(t.evidenceId()) && applies.test(m)) pairs.add(new Object[] {t, m});
                    }
                }
            }

            /** Rule PREFIX0{@code n} over every pair. */
            void judge(int n) {
                PolicyValue p = policy.get(shareId);
                ScoreLevel significant = level("significant-shortfalls");
                ScoreLevel some = level("some-shortfalls");
                ScoreLevel good = level("good");
                for (Object[] tm : pairs) {
                    Benchmark t = (Benchmark) tm[0];
                    Metric m = (Metric) tm[1];
                    if (n == 1 && p != null && m.value() * 100 > t.value() * p.number()) {
                        finding(Finding.by(prefix + "01", m.evidenceId(), m.statement(), m.category(), significant.score(),
                                m.shown() + " of " + Numbers.plain(t.value()) + " (" + t.label() + ")" + worse
                                        + ": more than the share in " + p.cite()), p, t, m, significant);
                    } else if (n == 2 && p != null && m.value() > 0 && m.value() * 100 <= t.value() * p.number()) {
                        finding(Finding.by(prefix + "02", m.evidenceId(), m.statement(), m.category(), some.score(),
                                m.shown() + " of " + Numbers.plain(t.value()) + " (" + t.label() + ")" + worse
                                        + ": no more than the share in " + p.cite()), p, t, m, some);
                    } else if (n == 3 && m.value() == 0) {
                        finding(Finding.by(prefix + "03", m.evidenceId(), m.statement(), m.category(), good.score(),
                                "none of " + Numbers.plain(t.value()) + " (" + t.label() + ")" + none), t, m, good);
                    }
                }
            }
        }

        private List<Benchmark> allBenchmarks() {
            List<Benchmark> all = new ArrayList<>(benchmarks);
            for (Object f : derived.keySet()) if (f instanceof Benchmark b) all.add(b);
            return all;
        }

        /**
         * EV-OB-00 and EV-OB-10, then EV-OB-08 and EV-OB-09 on every measured value's findings (rules/evidence/
         * observations.drl). A corroboration by a measured value with several findings on its side is made by its
         * first finding; the others only count as firings.
         */
        private void corroborate() {
            for (Observation o : observations) {
                if (o.direction().equals("mixed")) continue;
                for (Observation x : observationsOf.get(o.statement())) {
                    if (!x.evidenceId().equals(o.evidenceId())
                            && x.direction().equals(o.direction())
                            && x.anotherSourceThan(o)) {
                        corroboration(fire("EV-OB-00", Corroboration.of(o, x), o, x));
                    }
                }
            }
            for (Observation o : observations) {
                if (!o.direction().equals("mixed") && o.severalSpeakers()) {
                    corroboration(fire("EV-OB-10", Corroboration.within(o), o));
                }
            }
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            Map<String, List<Finding>> byEvidence = new LinkedHashMap<>();
            for (Finding f : findings) byEvidence.computeIfAbsent(f.evidenceId(), k -> new ArrayList<>()).add(f);
            for (String rule : List.of("EV-OB-08", "EV-OB-09")) {
                boolean negative = rule.equals("EV-OB-08");
                ScoreLevel level = negative ? some : good;
                for (Observation o : observations) {
                    if (!o.direction().equals(negative ? "negative" : "positive")) continue;
                    for (Metric m : metricsOf.getOrDefault(o.statement(), List.of())) {
                        for (Finding f : byEvidence.getOrDefault(m.evidenceId(), List.of())) {
                            if (negative ? f.grade() <= some.score() : f.grade() >= good.score()) {
                                Corroboration c = Corroboration.byMeasure(o.evidenceId(), m.evidenceId());
                                boolean fresh = !derived.containsKey(c);
                                fire(rule, c, level, o, m, f);
                                if (fresh) corroboration(c);
                            }
                        }
                    }
                }
            }
        }

        private void corroboration(Corroboration c) {
            List<Corroboration> of = corroborationsOf.computeIfAbsent(c.evidenceId(), k -> new ArrayList<>());
            if (!of.contains(c)) of.add(c);
        }

        /** WL-PAC-03, WL-PAC-02 or WL-PAC-04 (rules/well-led/partnerships-and-communities.drl). */
        private void oversightSegments(String rule) {
            PolicyValue some = policy.get("nof.segment.shortfalls-from");
            PolicyValue significant = policy.get("nof.segment.significant-shortfalls-from");
            ScoreLevel lSignificant = level("significant-shortfalls");
            ScoreLevel lSome = level("some-shortfalls");
            ScoreLevel lGood = level("good");
            for (Metric m : metrics) {
                if (!m.measure().equals("nhs-oversight-framework.segment")) continue;
                switch (rule) {
                    case "WL-PAC-03" -> {
                        if (significant != null && m.value() >= significant.number()) {
                            finding(Finding.by(rule, m.evidenceId(), m.statement(), m.category(), lSignificant.score(),
                                    "NHS Oversight Framework " + m.shown() + ": intensive support — " + significant.cite()),
                                    significant, m, lSignificant);
                        }
                    }
                    case "WL-PAC-02" -> {
                        if (some != null && significant != null && m.value() >= some.number()
                                && m.value() < significant.number()) {
                            finding(Finding.by(rule, m.evidenceId(), m.statement(), m.category(), lSome.score(),
                                    "NHS Oversight Framework " + m.shown() + ": receiving support to resolve concerns — "
                                            + some.cite()), some, significant, m, lSome);
                        }
                    }
                    case "WL-PAC-04" -> {
                        if (some != null && m.value() < some.number()) {
                            finding(Finding.by(rule, m.evidenceId(), m.statement(), m.category(), lGood.score(),
                                    "NHS Oversight Framework " + m.shown() + ": little or no support needed — "
                                            + some.cite()), some, m, lGood);
                        }
                    }
                    default -> throw new IllegalArgumentException(rule);
                }
            }
        }

        // ---- weighing (rules/evidence/observations.drl and rules/method/points.drl) ----

        /**
         * The weighing layer in the engine's order of firing. Drools ranks the rules of a layer by their place in their
         * own file, a tie between two files going to the rule compiled first (rules/method before rules/evidence), and
         * after every firing lets a higher-ranked rule with a match go first. So the observation rules (EV-OB-01 to -07,
         * places 4 to 10 of observations.drl) and the points rules (M-PT-01 to -11, places 0 to 10 of points.drl)
         * interleave: each observation's finding is made a point at once (M-PT-02, -03, -05, -11, -06, -08 rank above
         * the observation rule that made it), and the measured values' points come at their rules' ranks. An
         * accumulate rule (EV-OB-01, -02, -06, -07) takes its observations last first; EV-OB-03, -04 and -05 take them
         * in order. The order decides which finding an equal point's derivation names: the first. The units (M-PT-10,
         * M-PT-12) match a statement, and a category, that has a point ("exists"): one firing each, naming no point.
         */
        private void weighingLayer() {
            PolicyValue need = policy.get("observation.corroborating-sources");
            ScoreLevel significant = level("significant-shortfalls");
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            ScoreLevel exceptional = level("exceptional");
            List<Observation> lastFirst = new ArrayList<>(observations);
            java.util.Collections.reverse(lastFirst);
            metricPoints("M-PT-01");
            metricPoints("M-PT-04");
            for (Observation o : lastFirst) { // EV-OB-01
                if (need != null && negativeAndWide(o) && corroboratingSources(o) >= need.number()) {
                    observationFinding(o, Finding.by("EV-OB-01", o.evidenceId(), o.statement(), o.category(),
                            significant.score(), o.theme() + " (" + o.coding() + "; corroborated by " + corroboratedBy(o)
                                    + ")"), o, need, significant);
                }
            }
            for (Observation o : lastFirst) { // EV-OB-02
                if (need != null && negativeAndWide(o) && corroboratingSources(o) < need.number()) {
                    observationFinding(o, Finding.by("EV-OB-02", o.evidenceId(), o.statement(), o.category(), some.score(),
                            o.theme() + " (" + o.coding() + "; not corroborated)"), need, o, some);
                }
            }
            for (Observation o : observations) { // EV-OB-03
                if (o.direction().equals("negative") && (!o.extent().equals("widespread") || o.impact().equals("low"))) {
                    observationFinding(o, Finding.by("EV-OB-03", o.evidenceId(), o.statement(), o.category(), some.score(),
                            plain(o)), o, some);
                }
            }
            metricPoints("M-PT-07");
            for (Observation o : observations) { // EV-OB-04
                if (o.direction().equals("mixed") && !o.impact().equals("low")) {
                    observationFinding(o, Finding.by("EV-OB-04", o.evidenceId(), o.statement(), o.category(), some.score(),
                            plain(o)), o, some);
                }
            }
            for (Observation o : observations) { // EV-OB-05
                if (o.direction().equals("mixed") && o.impact().equals("low")) {
                    observationFinding(o, Finding.by("EV-OB-05", o.evidenceId(), o.statement(), o.category(), good.score(),
                            plain(o)), o, good);
                }
            }
            metricPoints("M-PT-09");
            for (Observation o : lastFirst) { // EV-OB-06
                if (need != null && strongPositive(o) && corroboratingSources(o) >= need.number()) {
                    observationFinding(o, Finding.by("EV-OB-06", o.evidenceId(), o.statement(), o.category(),
                            exceptional.score(), o.theme() + " (" + o.coding() + "; corroborated by " + corroboratedBy(o)
                                    + ")"), o, need, exceptional);
                }
            }
            for (Observation o : lastFirst) { // EV-OB-07
                if (need != null && o.direction().equals("positive")
                        && (!strongPositive(o) || corroboratingSources(o) < need.number())) {
                    observationFinding(o, Finding.by("EV-OB-07", o.evidenceId(), o.statement(), o.category(), good.score(),
                            plain(o)), o, need, good);
                }
            }
            units();
        }

        /**
         * M-PT-10 (the statement regime): a unit for each statement in scope with a point; M-PT-12 (the
         * evidence-category regime): a unit for each statement in scope and category that applies with a point of
         * that category.
         */
        private void units() {
            if (regime == null) return;
            if (regime.id().equals("statement")) {
                for (StatementInScope s : statements) {
                    if (points.stream().noneMatch(p -> p.statement().equals(s.statement()))) continue;
                    Unit u = fire("M-PT-10", new Unit(regime.unit(s.statement(), ""), s.statement(), ""), regime, s);
                    units.putIfAbsent(u.id(), u);
                }
            } else if (regime.id().equals("evidence-category")) {
                for (StatementInScope s : statements) {
                    for (CategoryApplies c : categories) {
                        if (points.stream().noneMatch(p -> p.statement().equals(s.statement())
                                && p.category().equals(c.category()))) continue;
                        Unit u = fire("M-PT-12", new Unit(regime.unit(s.statement(), c.category()), s.statement(),
                                c.category()), regime, s, c);
                        units.putIfAbsent(u.id(), u);
                    }
                }
            }
        }

        private static boolean negativeAndWide(Observation o) {
            return o.direction().equals("negative") && o.extent().equals("widespread") && !o.impact().equals("low");
        }

        private static boolean strongPositive(Observation o) {
            return o.direction().equals("positive") && !o.kind().equals("arrangement") && o.extent().equals("widespread")
                    && o.impact().equals("high");
        }

        private static String plain(Observation o) {
            return o.theme() + " (" + o.coding() + ")";
        }

        /** How many distinct sources the observation's corroborations add (Point.distinct of their sources). */
        private int corroboratingSources(Observation o) {
            List<List<String>> sources = new ArrayList<>();
            for (Corroboration c : corroborationsOf.getOrDefault(o.evidenceId(), List.of())) sources.add(c.sources());
            return Point.distinct(sources).size();
        }

        /** The ids of the items that corroborate the observation, sorted, as the rules word them. */
        private String corroboratedBy(Observation o) {
            Set<String> ids = new TreeSet<>();
            for (Corroboration c : corroborationsOf.getOrDefault(o.evidenceId(), List.of())) ids.add(c.by());
            return ids.toString();
        }

        // ---- points (rules/method/points.drl), fired within the weighing layer above ----

        private final List<Point> points = new ArrayList<>(); // each once, in the order the engine makes them
        private final Map<String, Unit> units = new LinkedHashMap<>(); // by id, in the order the engine makes them

        /**
         * M-PT-01, M-PT-04, M-PT-07 or M-PT-09: the points of the measured values' findings, each measured value's
         * findings last made first, over the measured values in order, or for M-PT-04 last first: so the engine
         * matches them (its findings were all made in the evidence layer; M-PT-04 joins the finding straight to the
         * measured value, the others join a score level between them, and each join Drools evaluates at once takes
         * the tuples it was given last first). Equal points (a measured value with two findings of one grade and sort)
         * are one point, made by the first match. Every points rule matches the regime.
         */
        private void metricPoints(String rule) {
            if (regime == null) return;
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            ScoreLevel exceptional = level("exceptional");
            List<Metric> inOrder = new ArrayList<>(metrics);
            if (rule.equals("M-PT-04")) java.util.Collections.reverse(inOrder);
            for (Metric m : inOrder) {
                List<Finding> lastFirst = new ArrayList<>(findingsOf(m.evidenceId()));
                java.util.Collections.reverse(lastFirst);
                for (Finding f : lastFirst) {
                    switch (rule) {
                        case "M-PT-01" -> {
                            if (f.grade() <= some.score()) {
                                point(rule, Point.of(regime, f, m, "material-shortfall"), m, some, f, regime);
                            }
                        }
                        case "M-PT-04" -> {
                            if (f.neutral()) point(rule, Point.of(regime, f, m, "neutral"), m, f, regime);
                        }
                        case "M-PT-07" -> {
                            if (f.grade() == good.score() && !f.neutral()) {
                                point(rule, Point.of(regime, f, m, "result"), m, good, f, regime);
                            }
                        }
                        case "M-PT-09" -> {
                            if (f.grade() >= exceptional.score()) {
                                point(rule, Point.of(regime, f, m, "exceptional"), m, exceptional, f, regime);
                            }
                        }
                        default -> throw new IllegalArgumentException(rule);
                    }
                }
            }
        }

        /** An observation's finding (EV-OB-01 to -07), then at once its point. */
        private void observationFinding(Observation o, Finding f, Object... premises) {
            finding(f, premises);
            observationPoints(o, f);
        }

        /** M-PT-02, M-PT-03, M-PT-05, M-PT-11, M-PT-06 and M-PT-08 on one observation's finding, in rank order. */
        private void observationPoints(Observation o, Finding f) {
            if (regime == null) return;
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            ScoreLevel exceptional = level("exceptional");
            PolicyValue low = policy.get("shortfall.material.low-impact");
            PolicyValue isolated = policy.get("shortfall.material.isolated");
            if (low != null && isolated != null && f.grade() <= some.score()) {
                if (material(o, low, isolated)) {
                    point("M-PT-02", Point.of(regime, f, o, "material-shortfall"), low, isolated, o, some, f, regime);
                } else {
                    point("M-PT-03", Point.of(regime, f, o, "minor-shortfall"), low, isolated, o, some, f, regime);
                }
            }
            boolean arrangement = o.kind().equals("arrangement");
            if (arrangement && !o.impact().equals("low") && f.grade() == good.score()) {
                point("M-PT-05", Point.of(regime, f, o, "description"), o, good, f, regime);
            }
            if (arrangement && o.impact().equals("low") && f.grade() == good.score()) {
                point("M-PT-11", Point.of(regime, f, o, "noted"), o, good, f, regime);
            }
            if (!arrangement && f.grade() == good.score()) {
                point("M-PT-06", Point.of(regime, f, o, "result"), o, good, f, regime);
            }
            if (f.grade() >= exceptional.score()) {
                point("M-PT-08", Point.of(regime, f, o, "exceptional"), o, exceptional, f, regime);
            }
        }

        /** Whether M-PT-02 (a material shortfall) rather than M-PT-03 (a minor one) reads the observation. */
        private static boolean material(Observation o, PolicyValue low, PolicyValue isolated) {
            return (!o.impact().equals("low") || low.text().equals("yes"))
                    && (!o.extent().equals("isolated") || isolated.text().equals("yes"));
        }

        private List<Finding> findingsOf(String evidenceId) {
            return findingsOfEvidence.getOrDefault(evidenceId, List.of());
        }

        private void point(String rule, Point p, Object... premises) {
            boolean fresh = !derived.containsKey(p);
            fire(rule, p, premises);
            if (fresh) points.add(p);
        }

        // ---- statement (rules/method/statement-score.drl) ----

        /**
         * Each unit's base (M-STMT-01, -02, -16), its caps (M-STMT-03, -17, -04, -05) and evidence score (M-STMT-06,
         * -07); in the evidence-category regime a category's late cap (M-CAT-04) and the category scores (M-CAT-01)
         * banded into each statement's base (M-CAT-03), capped and scored the same way; the statement scores
         * (M-STMT-08 to -12); thin evidence (M-STMT-13) and its late cap (M-STMT-14); evidence no rule judged
         * (M-STMT-15).
         */
        private void statementLayer() {
            Map<String, List<Point>> ofUnit = new HashMap<>();
            for (Point p : points) ofUnit.computeIfAbsent(p.unit(), k -> new ArrayList<>()).add(p);
            Map<String, StatementInScope> inScope = new HashMap<>();
            for (StatementInScope s : statements) inScope.put(s.statement(), s);
            boolean categoryRegime = regime != null && regime.id().equals("evidence-category");
            ScoreLevel exceptional = level("exceptional");
            ScoreLevel good = level("good");

            // Thin evidence is found last in the layer (M-STMT-13 comes after the statement scores in the file); its
            // cap (M-STMT-14) on a base that reaches exceptional then makes that base's evidence score again.
            Map<String, ThinEvidence> thin = thinEvidence();
            Map<String, ScoreCap> late = new HashMap<>(); // M-STMT-14's caps, by unit
            Map<String, EvidenceScore> scores = new LinkedHashMap<>(); // by unit
            Map<String, EvidenceBase> bases = bases(ofUnit);
            scoreBases(bases.values(), ofUnit, thin, late, inScope, scores);
            if (categoryRegime) {
                Map<String, EvidenceBase> ofStatements = categoryScores(scores.values());
                scoreBases(ofStatements.values(), ofUnit, thin, late, inScope, scores);
                bases.putAll(ofStatements);
            }
            for (StatementInScope s : statements) { // M-STMT-09
                RecordedScore r = recordedScores.get(s.statement());
                if (r != null) {
                    statementScores.put(s.statement(), fire("M-STMT-09", new StatementScore(s.statement(), s.keyQuestion(),
                            r.score(), "judgement", "recorded by " + r.by() + ": " + r.reason()), s, r));
                }
            }
            for (StatementInScope s : statements) { // M-STMT-10 to M-STMT-12
                if (scores.containsKey(s.statement()) || recordedScores.containsKey(s.statement())) continue;
                PreviousRating p = previous.get(s.keyQuestion());
                if (categoryRegime && p != null) {
                    RatingLevel l = ratingOfRank(p.rank());
                    if (l == null) continue;
                    for (PolicyValue v : policiesFor.getOrDefault("rating:" + l.id(), List.of())) {
                        if (v.kind().equals("score")) {
                            statementScores.put(s.statement(), fire("M-STMT-10", new StatementScore(s.statement(),
                                    s.keyQuestion(), (int) v.number(), "carried", "based on the previous rating for the key "
                                    + "question (" + p.rating() + "; " + v.where() + ")"), regime, s, p, l, v));
                        }
                    }
                } else if (regime != null && regime.id().equals("statement")) {
                    fire("M-STMT-11", new NotScored(s.statement(), s.keyQuestion(), "nothing in its evidence weighs on a "
                            + "score (no evidence judged, or only descriptions of little effect on people) and no score "
                            + "was recorded; left out of the percentage"), regime, s);
                } else if (categoryRegime) {
                    fire("M-STMT-12", new NotScored(s.statement(), s.keyQuestion(), "no evidence, no recorded score and no "
                            + "previous rating to carry"), regime, s);
                }
            }
            PolicyValue minTopics = policy.get("thin-evidence.min-topics");
            PolicyValue minSources = policy.get("thin-evidence.min-sources");
            for (ThinEvidence t : thin.values()) { // M-STMT-13: only a statement with a base of its own
                if (bases.containsKey(t.statement())) fire("M-STMT-13", t, minTopics, minSources, inScope.get(t.statement()));
            }
            for (EvidenceBase b : bases.values()) { // M-STMT-14
                ScoreCap cap = late.get(b.unit());
                if (cap != null) fire("M-STMT-14", cap, thin.get(b.unit()), exceptional, good, b);
            }
            for (Metric m : metrics) { // M-STMT-15
                if (!findingsOfEvidence.containsKey(m.evidenceId())) {
                    fire("M-STMT-15", new Unjudged(m.evidenceId(), "no benchmark in the evidence that a rule reads, and no "
                            + "target, limit or national figure in the register for measure " + m.topic()
                            + " on the assessment's date"), m);
                }
            }
        }

        /**
         * The caps (M-STMT-03, -17, -04, -05), the evidence scores (M-STMT-06, -07) and statement scores (M-STMT-08)
         * of these bases, with the late thin-evidence cap (M-STMT-14) on a whole statement's base that reaches
         * exceptional: only such a base has a unit that is a statement with thin evidence.
         */
        private void scoreBases(Collection<EvidenceBase> bases, Map<String, List<Point>> ofUnit,
                                Map<String, ThinEvidence> thin, Map<String, ScoreCap> late,
                                Map<String, StatementInScope> inScope, Map<String, EvidenceScore> scores) {
            ScoreLevel exceptional = level("exceptional");
            ScoreLevel good = level("good");
            for (EvidenceBase b : bases) {
                ThinEvidence t = thin.get(b.unit());
                if (t != null && b.score() >= exceptional.score()) {
                    late.put(b.unit(), ScoreCap.by("M-STMT-14", b, good.score(), "thin evidence: " + t.reason()));
                }
            }
            Map<String, List<ScoreCap>> caps = caps(bases, ofUnit);
            Map<String, ScoreCap> categoryCaps = categoryCaps(bases, ofUnit);
            for (EvidenceBase b : bases) {
                ScoreCap after = late.containsKey(b.unit()) ? late.get(b.unit()) : categoryCaps.get(b.unit());
                scores.put(b.unit(), evidenceScore(b, caps.getOrDefault(b.unit(), List.of()), after,
                        inScope.get(b.unit())));
            }
        }

        /**
         * M-CAT-04: in the evidence-category regime, a category's points of significant shortfalls from enough
         * independent sources cap the category at significant shortfalls. Its place in the file comes after the
         * evidence scores (M-STMT-06, -07), so the engine makes the category's evidence score first without it and
         * then again under it: it is a late cap, as M-STMT-14 is for a statement.
         */
        private Map<String, ScoreCap> categoryCaps(Collection<EvidenceBase> bases, Map<String, List<Point>> ofUnit) {
            Map<String, ScoreCap> caps = new HashMap<>();
            PolicyValue need = policy.get("category.significant-shortfalls.sources");
            if (need == null || !has("M-CAT-04")) return caps;
            ScoreLevel significant = level("significant-shortfalls");
            for (EvidenceBase b : bases) {
                if (b.category().isEmpty()) continue;
                List<Point> found = ofUnit.getOrDefault(b.unit(), List.of()).stream()
                        .filter(p -> p.grade() <= significant.score()).toList();
                Set<String> sources = sources(found);
                if (sources.size() >= need.number()) {
                    caps.put(b.unit(), fire("M-CAT-04", ScoreCap.by("M-CAT-04", b, significant.score(), "significant "
                            + "shortfalls from " + Numbers.count(sources.size(), "independent source") + " " + sources),
                            need, b, significant, found));
                }
            }
            return caps;
        }

        /**
         * The bases: M-STMT-01, M-STMT-02 and M-STMT-16, rule by rule over the units (at most one holds for each; a
         * unit of nothing but noted points has none).
         */
        private Map<String, EvidenceBase> bases(Map<String, List<Point>> ofUnit) {
            Map<String, EvidenceBase> bases = new LinkedHashMap<>();
            ScoreLevel exceptional = level("exceptional");
            ScoreLevel good = level("good");
            ScoreLevel some = level("some-shortfalls");
            PolicyValue need = policy.get("statement.exceptional.min-sources");
            if (need != null) {
                for (Unit u : units.values()) { // M-STMT-01
                    List<Point> of = ofUnit.getOrDefault(u.id(), List.of());
                    if (of.stream().noneMatch(p -> p.sort().equals("exceptional"))) continue;
                    List<Point> found = sorted(of, "result", "exceptional");
                    Set<String> sources = sources(found);
                    if (sources.size() >= need.number()) {
                        bases.put(u.id(), fire("M-STMT-01", EvidenceBase.of(u, exceptional.score(), "an exceptional standard: "
                                + "an exceptional strength, with results from " + Numbers.count(sources.size(),
                                "independent source") + " " + sources), need, u, exceptional, found));
                    }
                }
                for (Unit u : units.values()) { // M-STMT-02
                    List<Point> of = ofUnit.getOrDefault(u.id(), List.of());
                    List<Point> found = of.stream().filter(p -> !isShortfallOrNoted(p)).toList();
                    if (found.isEmpty()) continue;
                    List<Point> strengths = sorted(of, "result", "exceptional");
                    boolean anyExceptional = strengths.stream().anyMatch(p -> p.sort().equals("exceptional"));
                    if (!anyExceptional || sources(strengths).size() < need.number()) {
                        bases.put(u.id(), fire("M-STMT-02", EvidenceBase.of(u, good.score(), "a good standard: "
                                + Numbers.count(found.size(), "point") + " not a shortfall"), good, u, need, found));
                    }
                }
            }
            for (Unit u : units.values()) { // M-STMT-16
                List<Point> of = ofUnit.getOrDefault(u.id(), List.of());
                if (of.stream().anyMatch(p -> isShortfall(p)) && of.stream().allMatch(p -> isShortfallOrNoted(p))) {
                    bases.put(u.id(), fire("M-STMT-16", EvidenceBase.of(u, some.score(), "every point that weighs is a "
                            + "shortfall"), some, u));
                }
            }
            return bases;
        }

        private static boolean isShortfall(Point p) {
            return p.sort().equals("material-shortfall") || p.sort().equals("minor-shortfall");
        }

        private static boolean isShortfallOrNoted(Point p) {
            return isShortfall(p) || p.sort().equals("noted");
        }

        /** The points of these sorts, in order. */
        private static List<Point> sorted(List<Point> of, String... sorts) {
            List<String> wanted = List.of(sorts);
            return of.stream().filter(p -> wanted.contains(p.sort())).toList();
        }

        /** The distinct sources of the points, sorted (Point.distinct). */
        private static Set<String> sources(List<Point> of) {
            List<List<String>> lists = new ArrayList<>();
            for (Point p : of) lists.add(p.sources());
            return Point.distinct(lists);
        }

        /** The distinct topics of the points, sorted as the rules word them. */
        private static Set<String> topics(List<Point> of) {
            Set<String> out = new TreeSet<>();
            for (Point p : of) out.add(p.topic());
            return out;
        }

        /**
         * The caps found before the evidence score: M-STMT-03, M-STMT-17, M-STMT-04 and M-STMT-05, rule by rule over the
         * bases. M-STMT-17 gathers a unit's material shortfalls once and names every topic they establish.
         */
        private Map<String, List<ScoreCap>> caps(Collection<EvidenceBase> bases, Map<String, List<Point>> ofUnit) {
            Map<String, List<ScoreCap>> caps = new HashMap<>();
            ScoreLevel significant = level("significant-shortfalls");
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            ScoreLevel exceptional = level("exceptional");
            PolicyValue topicsNeeded = policy.get("statement.some-shortfalls.topics");
            if (topicsNeeded != null) {
                for (EvidenceBase b : bases) { // M-STMT-03
                    List<Point> found = sorted(ofUnit.getOrDefault(b.unit(), List.of()), "material-shortfall");
                    Set<String> topics = topics(found);
                    if (topics.size() >= topicsNeeded.number()) {
                        cap(caps, fire("M-STMT-03", ScoreCap.by("M-STMT-03", b, some.score(), "material shortfalls on "
                                + Numbers.count(topics.size(), "topic") + " " + topics), topicsNeeded, b, some, found));
                    }
                }
            }
            PolicyValue sourcesNeeded = policy.get("statement.some-shortfalls.sources");
            if (sourcesNeeded != null) {
                for (EvidenceBase b : bases) { // M-STMT-17
                    List<Point> found = sorted(ofUnit.getOrDefault(b.unit(), List.of()), "material-shortfall");
                    List<String> established = Point.established(found, sourcesNeeded.number());
                    if (!established.isEmpty()) {
                        cap(caps, fire("M-STMT-17", ScoreCap.by("M-STMT-17", b, some.score(), "material shortfalls each "
                                + "reported by at least " + Numbers.count(sourcesNeeded.number(), "independent source")
                                + ": " + established), sourcesNeeded, b, some, found));
                    }
                }
            }
            PolicyValue categoriesNeeded = policy.get("statement.corroborating-categories");
            if (categoriesNeeded != null) {
                for (EvidenceBase b : bases) { // M-STMT-04
                    List<Point> found = ofUnit.getOrDefault(b.unit(), List.of()).stream()
                            .filter(p -> p.grade() <= significant.score()).toList();
                    Set<String> categories = new TreeSet<>();
                    for (Point p : found) categories.add(p.category());
                    if (categories.size() >= categoriesNeeded.number()) {
                        cap(caps, fire("M-STMT-04", ScoreCap.by("M-STMT-04", b, significant.score(), "significant shortfalls in "
                                + Numbers.count(categories.size(), "evidence category", "evidence categories") + " "
                                + categories), categoriesNeeded, b, significant, found));
                    }
                }
            }
            for (EvidenceBase b : bases) { // M-STMT-05
                if (b.score() < exceptional.score()) continue;
                Set<String> topics = topics(sorted(ofUnit.getOrDefault(b.unit(), List.of()), "material-shortfall"));
                if (!topics.isEmpty()) {
                    cap(caps, fire("M-STMT-05", ScoreCap.by("M-STMT-05", b, good.score(), "material shortfalls on "
                            + Numbers.count(topics.size(), "topic") + " " + topics), good, exceptional, b));
                }
            }
            return caps;
        }

        private static void cap(Map<String, List<ScoreCap>> caps, ScoreCap cap) {
            List<ScoreCap> of = caps.computeIfAbsent(cap.unit(), k -> new ArrayList<>());
            if (!of.contains(cap)) of.add(cap);
        }

        /**
         * A base's evidence score (M-STMT-06 with no cap, else M-STMT-07) and, for a statement in scope with no
         * recorded score, its statement score (M-STMT-08). With a late thin-evidence cap (M-STMT-14, found after
         * both), the engine withdraws them and makes them again under every cap, counting the earlier firings.
         */
        private EvidenceScore evidenceScore(EvidenceBase b, List<ScoreCap> early, ScoreCap late, StatementInScope s) {
            boolean scored = s != null && !recordedScores.containsKey(s.statement());
            EvidenceScore first = early.isEmpty() ? EvidenceScore.of(b, scale.max())
                    : EvidenceScore.of(b, early.stream().mapToInt(ScoreCap::max).min().getAsInt());
            if (late == null) {
                if (early.isEmpty()) fire("M-STMT-06", first, b, scale);
                else fire("M-STMT-07", first, b, early);
                if (scored) statementScore("M-STMT-08", s, first);
                return first;
            }
            List<ScoreCap> all = new ArrayList<>(early);
            all.add(late);
            EvidenceScore last = EvidenceScore.of(b, all.stream().mapToInt(ScoreCap::max).min().getAsInt());
            if (early.isEmpty()) {
                count("M-STMT-06");
                if (scored) count("M-STMT-08");
                fire("M-STMT-07", last, b, all);
                if (scored) statementScore("M-STMT-08", s, last);
            } else if (last.equals(first)) {
                // Re-fired with the same score: the fact and the first firing's derivation stay.
                fire("M-STMT-07", first, b, early);
                count("M-STMT-07");
                if (scored) statementScore("M-STMT-08", s, first);
            } else {
                count("M-STMT-07");
                if (scored) count("M-STMT-08");
                fire("M-STMT-07", last, b, all);
                if (scored) statementScore("M-STMT-08", s, last);
            }
            return last;
        }

        /**
         * The evidence-category regime: each category's evidence score is its category score (M-CAT-01), and each
         * statement's category scores are added up and banded into the statement's base (M-CAT-03).
         */
        private Map<String, EvidenceBase> categoryScores(Collection<EvidenceScore> scores) {
            Map<String, List<CategoryScore>> ofStatement = new HashMap<>();
            for (EvidenceScore e : scores) {
                if (e.category().isEmpty()) continue;
                ofStatement.computeIfAbsent(e.statement(), k -> new ArrayList<>()).add(fire("M-CAT-01",
                        new CategoryScore(e.statement(), e.category(), e.score(), e.base()), regime, e));
            }
            Map<String, EvidenceBase> bases = new LinkedHashMap<>();
            int max = scale.max();
            for (StatementInScope s : statements) {
                List<CategoryScore> of = ofStatement.getOrDefault(s.statement(), List.of());
                if (of.isEmpty()) continue;
                int sum = 0;
                for (CategoryScore c : of) sum += c.score();
                for (BandRange band : bands(Numbers.percent(sum, of.size(), max))) {
                    bases.put(s.statement(), fire("M-CAT-03", EvidenceBase.ofStatement(s.statement(), band.rank(),
                            "category scores " + Numbers.plain(sum) + " of " + Numbers.plain((double) of.size() * max)
                                    + ", in the band of score " + band.rank()), regime, scale, s, of, band));
                }
            }
            return bases;
        }

        /**
         * M-STMT-13's finding for each statement with points whose points that weigh (all but noted ones) cover too
         * few topics or come from too few distinct sources. The rule also asks that the statement have a base of its
         * own (a unit of the statement regime, or its banded category scores): it is fired only for those, at its
         * place in the layer; a base of another statement never reads it.
         */
        private Map<String, ThinEvidence> thinEvidence() {
            Map<String, ThinEvidence> thin = new LinkedHashMap<>();
            PolicyValue minTopics = policy.get("thin-evidence.min-topics");
            PolicyValue minSources = policy.get("thin-evidence.min-sources");
            if (minTopics == null || minSources == null) return thin;
            Map<String, List<Point>> ofStatement = new HashMap<>();
            for (Point p : points) ofStatement.computeIfAbsent(p.statement(), k -> new ArrayList<>()).add(p);
            for (StatementInScope s : statements) {
                List<Point> of = ofStatement.get(s.statement());
                if (of == null) continue;
                List<Point> weigh = of.stream().filter(p -> !p.sort().equals("noted")).toList();
                Set<String> topics = new LinkedHashSet<>();
                for (Point p : weigh) topics.add(p.topic());
                Set<String> sources = sources(weigh);
                if (topics.size() < minTopics.number() || sources.size() < minSources.number()) {
                    thin.put(s.statement(), new ThinEvidence(s.statement(), topics.size(), sources.size(),
                            Numbers.count(topics.size(), "topic") + " from " + Numbers.count(sources.size(),
                                    "independent source") + " " + sources + "; the register asks for at least "
                                    + Numbers.plain(minTopics.number()) + " topics from "
                                    + Numbers.plain(minSources.number()) + " sources"));
                }
            }
            return thin;
        }

        private void statementScore(String rule, StatementInScope s, EvidenceScore e) {
            statementScores.put(s.statement(), fire(rule, new StatementScore(s.statement(), s.keyQuestion(), e.score(),
                    "assessed", "scored from the evidence"), s, e));
        }

        // ---- key question (rules/method/key-question.drl) ----

        private void keyQuestionLayer() {
            PolicyValue rounding = policy.get("display.rounding");
            Map<String, List<StatementScore>> ofKq = new HashMap<>();
            for (StatementScore s : statementScores.values()) {
                ofKq.computeIfAbsent(s.keyQuestion(), k -> new ArrayList<>()).add(s);
            }
            int max = scale.max();
            if (rounding != null) {
                for (KeyQuestion k : keyQuestions) {
                    List<StatementScore> scored = ofKq.getOrDefault(k.id(), List.of());
                    if (!k.inScope() || scored.isEmpty()) continue;
                    int sum = 0;
                    for (StatementScore s : scored) sum += s.score();
                    int n = scored.size();
                    double raw = 100.0 * sum / ((double) max * n);
                    kqScores.put(k.id(), fire("M-KQ-01", new KeyQuestionScore(k.id(), sum, max * n, n, raw,
                            Numbers.roundWhole(raw, rounding.text()), rounding.text()), k, rounding, scale, scored));
                }
            }
            Map<String, BandRating> bands = new LinkedHashMap<>();
            for (KeyQuestion k : keyQuestions) {
                KeyQuestionScore score = kqScores.get(k.id());
                if (score == null) continue;
                for (BandRange b : bands(score.raw())) {
                    RatingLevel level = ratingOfRank(b.rank());
                    if (level == null) continue;
                    bands.put(k.id(), fire("M-KQ-02", new BandRating(k.id(), level.name(), b.rank(),
                            score.raw() == b.from() && b.from() > 0, b.from(), b.source()), score, b, level));
                }
            }
            RatingLevel outstanding = rating("outstanding");
            RatingLevel good = rating("good");
            RatingLevel ri = rating("requires-improvement");
            Map<String, List<RatingCap>> caps = new HashMap<>();
            PolicyValue cascade = policy.get("limiters.cascade");
            ScoreLevel significant = level("significant-shortfalls");
            ScoreLevel some = level("some-shortfalls");
            if (cascade != null) {
                for (BandRating b : bands.values()) {
                    if (!(b.rank() == good.rank() || (b.rank() == outstanding.rank() && cascade.text().equals("yes")))) continue;
                    List<StatementScore> low = ofKq.getOrDefault(b.keyQuestion(), List.of()).stream()
                            .filter(s -> s.score() <= significant.score()).toList();
                    if (low.isEmpty()) continue;
                    caps.computeIfAbsent(b.keyQuestion(), k -> new ArrayList<>()).add(fire("M-KQ-03",
                            RatingCap.by("M-KQ-03", b.keyQuestion(), ri, Numbers.count(low.size(), "statement") + " scored "
                                    + significant.score() + " (significant shortfalls)"),
                            good, outstanding, cascade, b, significant, ri, low));
                }
            }
            for (BandRating b : bands.values()) {
                if (b.rank() != outstanding.rank()) continue;
                List<StatementScore> low = ofKq.getOrDefault(b.keyQuestion(), List.of()).stream()
                        .filter(s -> s.score() <= some.score()).toList();
                if (low.isEmpty()) continue;
                caps.computeIfAbsent(b.keyQuestion(), k -> new ArrayList<>()).add(fire("M-KQ-04",
                        RatingCap.by("M-KQ-04", b.keyQuestion(), good, Numbers.count(low.size(), "statement") + " scored "
                                + some.score() + " or lower (shortfalls)"), outstanding, b, some, good, low));
            }
            for (KeyQuestion k : keyQuestions) {
                if (!k.inScope()) continue;
                List<Breach> of = breaches.stream().filter(b -> b.keyQuestion().equals(k.id())).toList();
                if (of.isEmpty()) continue;
                caps.computeIfAbsent(k.id(), x -> new ArrayList<>()).add(fire("M-KQ-05", RatingCap.by("M-KQ-05", k.id(), ri,
                        Numbers.count(of.size(), "breach", "breaches") + " of regulations: " + Breach.describe(of)), k, ri, of));
            }
            Map<String, ComputedRating> computed = new LinkedHashMap<>();
            for (BandRating b : bands.values()) {
                List<RatingCap> of = caps.getOrDefault(b.keyQuestion(), List.of());
                if (of.isEmpty()) {
                    computed.put(b.keyQuestion(), fire("M-KQ-06", new ComputedRating(b.keyQuestion(), b.rating(), b.rank(),
                            "the band"), b));
                } else {
                    int lowest = of.stream().mapToInt(RatingCap::rank).min().getAsInt();
                    RatingLevel level = ratingOfRank(Math.min(b.rank(), lowest));
                    if (level == null) continue;
                    computed.put(b.keyQuestion(), fire("M-KQ-07", new ComputedRating(b.keyQuestion(), level.name(),
                            level.rank(), level.rank() < b.rank() ? "the band, lowered by a cap"
                                    : "the band (caps do not lower it)"), b, level, of));
                }
            }
            for (ComputedRating c : computed.values()) {
                if (recordedRatings.containsKey(c.keyQuestion())) continue;
                kqRatings.put(c.keyQuestion(), fire("M-KQ-08", new KeyQuestionRating(c.keyQuestion(), c.rating(), c.rank(),
                        "computed", c.detail()), c));
            }
            for (KeyQuestion k : keyQuestions) {
                RecordedRating j = recordedRatings.get(k.id());
                if (j == null || !k.inScope()) continue;
                kqRatings.put(k.id(), fire("M-KQ-09", new KeyQuestionRating(k.id(), j.rating(), j.rank(), "judgement",
                        "recorded by " + j.by() + ": " + j.reason()), j, k));
            }
            for (KeyQuestion k : keyQuestions) {
                PreviousRating p = previous.get(k.id());
                if (p == null || k.inScope()) continue;
                kqRatings.put(k.id(), fire("M-KQ-10", new KeyQuestionRating(k.id(), p.rating(), p.rank(), "previous",
                        "not reassessed: the previous rating is kept"), k, p));
            }
            for (KeyQuestion k : keyQuestions) {
                PreviousRating p = previous.get(k.id());
                if (p == null || !k.inScope() || kqScores.containsKey(k.id()) || recordedRatings.containsKey(k.id())) continue;
                kqRatings.put(k.id(), fire("M-KQ-11", new KeyQuestionRating(k.id(), p.rating(), p.rank(), "previous",
                        "in scope, but no statement was scored: the previous rating is kept"), k, p));
            }
            if (has("LA-OVR-01")) councilOverall();
        }

        // ---- a council's overall score and rating (rules/frameworks/local-authority/overall.drl) ----

        private OverallCandidate councilCandidate;
        private OverallScore councilScore;
        private BandRange councilBand;
        private final List<OverallCap> overallCaps = new ArrayList<>();
        private OverallCandidate partialCandidate; // LA-OVR-08's

        private void councilOverall() {
            councilScoreAndCaps();
            partialAssessment();
        }

        /**
         * LA-OVR-07: a council with fewer statements scored than its framework's scope has is a partial assessment,
         * rated or not as the register says; LA-OVR-08: one not rated has the candidate "Not rated". LA-OVR-07 comes
         * after LA-OVR-03, -06, -04 and -05 in the file, so those have fired by the time it withdraws their candidate.
         */
        private void partialAssessment() {
            PolicyValue rated = policy.get("overall.partial.rated");
            if (!has("LA-OVR-07") || rated == null || scopeStatements == null) return;
            int n = statementScores.size();
            int total = scopeStatements.count();
            if (n >= total) return;
            boolean yes = rated.text().equals("yes");
            PartialAssessment p = fire("LA-OVR-07", new PartialAssessment(n, total, yes, "a partial assessment: " + n
                    + " of the framework's " + total + " quality statements scored" + (yes
                    ? ", rated on those alone (overall.partial.rated yes)"
                    : ", so not rated overall (overall.partial.rated no)")), rated, scopeStatements);
            if (!yes) {
                partialCandidate = fire("LA-OVR-08", new OverallCandidate("Not rated", 0, "partial assessment",
                        p.reason()), p);
            }
        }

        private void councilScoreAndCaps() {
            PolicyValue means = policy.get("overall.aggregation.theme-means");
            PolicyValue rounding = policy.get("display.rounding");
            List<StatementScore> scores = List.copyOf(statementScores.values());
            int max = scale.max();
            if (means != null && rounding != null && !scores.isEmpty()) {
                if (means.text().equals("no")) {
                    int sum = 0;
                    for (StatementScore st : scores) sum += st.score();
                    int n = scores.size();
                    double raw = 100.0 * sum / ((double) max * n);
                    councilScore = fire("LA-OVR-01", new OverallScore(raw, Numbers.roundWhole(raw, rounding.text()),
                            rounding.text(), "equal weights", false, sum, max * n, n), means, rounding, scale, scores);
                } else if (means.text().equals("yes")) {
                    // The themes' KeyQuestionScores (M-KQ-01), their percentages' mean summed exactly, as LA-OVR-02 does.
                    List<KeyQuestionScore> themes = List.copyOf(kqScores.values());
                    if (!themes.isEmpty()) {
                        int sumAll = themes.stream().mapToInt(KeyQuestionScore::sum).sum();
                        int outOf = themes.stream().mapToInt(KeyQuestionScore::max).sum();
                        int scored = themes.stream().mapToInt(KeyQuestionScore::statements).sum();
                        double raw = Numbers.mean(themes.stream().map(KeyQuestionScore::raw).toList());
                        councilScore = fire("LA-OVR-02", new OverallScore(raw, Numbers.roundWhole(raw, rounding.text()),
                                rounding.text(), "theme means", true, sumAll, outOf, scored), means, rounding, themes);
                    }
                }
            }
            if (councilScore == null) return;
            List<BandRange> in = bands(councilScore.raw());
            if (in.isEmpty()) return;
            councilBand = in.get(0);
            PolicyValue limiters = policy.get("overall.limiters");
            PolicyValue cascade = policy.get("limiters.cascade");
            RatingLevel good = rating("good");
            RatingLevel outstanding = rating("outstanding");
            RatingLevel ri = rating("requires-improvement");
            ScoreLevel significant = level("significant-shortfalls");
            ScoreLevel some = level("some-shortfalls");
            if (limiters != null && limiters.text().equals("yes") && cascade != null) {
                BandRange b = councilBand;
                if (b.rank() == good.rank() || (b.rank() == outstanding.rank() && cascade.text().equals("yes"))) {
                    List<StatementScore> low = scores.stream().filter(st -> st.score() <= significant.score()).toList();
                    if (!low.isEmpty()) {
                        overallCaps.add(fire("LA-OVR-04", new OverallCap(ri.name(), ri.rank(), "LA-OVR-04",
                                Numbers.count(low.size(), "statement") + " scored " + significant.score()
                                        + " (significant shortfalls); the provider limiters apply (overall.limiters yes)"),
                                limiters, cascade, good, outstanding, councilScore, b, significant, low, ri));
                    }
                }
            }
            if (limiters != null && limiters.text().equals("yes") && councilBand.rank() == outstanding.rank()) {
                List<StatementScore> low = scores.stream().filter(st -> st.score() <= some.score()).toList();
                if (!low.isEmpty()) {
                    overallCaps.add(fire("LA-OVR-05", new OverallCap(good.name(), good.rank(), "LA-OVR-05",
                            Numbers.count(low.size(), "statement") + " scored " + some.score() + " or lower (shortfalls);"
                                    + " the provider limiters apply (overall.limiters yes)"),
                            limiters, outstanding, councilScore, councilBand, some, low, good));
                }
            }
        }

        /**
         * LA-OVR-03 or LA-OVR-06 on the council's own caps (LA-OVR-04, -05: the key-question layer), then again once
         * the breach cap of M-OVR-P1 (the overall layer) is known: the engine's second pass over the layers withdraws
         * a candidate the breach cap makes stale (LA-OVR-03's, or LA-OVR-06's on a less strict cap), with the overall
         * rating M-OVR-05 or -06 had already made from it, and makes the candidate under the breach cap.
         */
        private OverallCandidate councilCandidate(List<OverallCap> councilCaps, OverallCap breachCap) {
            if (partialCandidate != null) return notRated(councilCaps);
            if (councilScore == null || councilBand == null || !assessment.trustLevel()) return null;
            if (ratingOfRank(councilBand.rank()) == null) return null;
            OverallCandidate first;
            if (councilCaps.isEmpty()) {
                first = uncapped();
                if (breachCap == null) return fire("LA-OVR-03", first, assessment, councilScore, councilBand,
                        ratingOfRank(councilBand.rank()));
                count("LA-OVR-03");
            } else {
                // LA-OVR-03 fired before the first cap was made (its rule comes first), and its candidate was withdrawn.
                count("LA-OVR-03");
                int lowest = councilCaps.stream().mapToInt(OverallCap::rank).min().getAsInt();
                if (breachCap == null || breachCap.rank() >= lowest) {
                    List<OverallCap> all = new ArrayList<>(councilCaps);
                    if (breachCap != null) all.add(breachCap); // of the same rank: LA-OVR-06 fires for it too
                    return capped(all);
                }
                first = null;
                for (OverallCap cap : councilCaps) {
                    if (cap.rank() != lowest) continue;
                    count("LA-OVR-06");
                    first = capped(cap);
                }
                if (first == null) return null;
            }
            count(first.rank() > 0 ? "M-OVR-05" : "M-OVR-06"); // the overall rating made from the stale candidate
            return capped(List.of(breachCap));
        }

        /**
         * A partial assessment not rated (LA-OVR-08's candidate): LA-OVR-03, and LA-OVR-06 on the lowest of the
         * council's own caps, had fired before LA-OVR-07 withdrew their candidates (counted, not kept); the breach cap
         * of the overall layer finds them blocked.
         */
        private OverallCandidate notRated(List<OverallCap> councilCaps) {
            if (councilScore != null && councilBand != null && assessment.trustLevel()
                    && ratingOfRank(councilBand.rank()) != null) {
                count("LA-OVR-03");
                if (!councilCaps.isEmpty()) {
                    int lowest = councilCaps.stream().mapToInt(OverallCap::rank).min().getAsInt();
                    for (OverallCap cap : councilCaps) {
                        if (cap.rank() == lowest && capped(cap) != null) count("LA-OVR-06");
                    }
                }
            }
            return partialCandidate;
        }

        private OverallCandidate uncapped() {
            BandRange b = councilBand;
            return new OverallCandidate(ratingOfRank(b.rank()).name(), b.rank(), "the overall band",
                    "the overall percentage " + Numbers.atLeastCutOff(councilScore.raw(), b.from()) + " (" + b.source()
                            + ")" + boundary());
        }

        private String boundary() {
            double raw = councilScore.raw();
            BandRange b = councilBand;
            return raw == b.from() && b.from() > 0
                    ? " — a boundary case: the raw value sits exactly on a cut-off between two published bands" : "";
        }

        /** The candidate LA-OVR-06 makes from one cap, or null when no rating has that rank. */
        private OverallCandidate capped(OverallCap cap) {
            BandRange b = councilBand;
            RatingLevel band = ratingOfRank(b.rank());
            RatingLevel level = ratingOfRank(Math.min(b.rank(), cap.rank()));
            if (level == null) return null;
            return new OverallCandidate(level.name(), level.rank(),
                    level.rank() < b.rank() ? "the overall band, lowered by a cap" : "the overall band (caps do not lower it)",
                    "the overall percentage " + Numbers.atLeastCutOff(councilScore.raw(), b.from()) + " (" + b.source()
                            + "), in the " + band.name() + " band" + boundary());
        }

        /** LA-OVR-06 for each of the caps of the lowest rank (equal candidates: the first makes it). */
        private OverallCandidate capped(List<OverallCap> caps) {
            int lowest = caps.stream().mapToInt(OverallCap::rank).min().getAsInt();
            OverallCandidate out = null;
            for (OverallCap cap : caps) {
                if (cap.rank() != lowest) continue;
                OverallCandidate c = capped(cap);
                if (c == null) continue;
                out = fire("LA-OVR-06", c, assessment, councilScore, councilBand, ratingOfRank(councilBand.rank()), cap,
                        ratingOfRank(c.rank()));
            }
            return out;
        }

        // ---- overall (rules/method/overall.drl) ----

        private void overallLayer() {
            OverallCandidate candidate = null;
            if (assessment.trustLevel()) {
                KeyQuestionRating r = kqRatings.get("well-led");
                if (r != null) {
                    candidate = fire("M-OVR-01", new OverallCandidate(r.rating(), r.rank(), "trust level",
                            "the trust-level rating is the well-led rating"), assessment, r);
                }
            } else {
                RatingLevel o = rating("outstanding");
                RatingLevel g = rating("good");
                RatingLevel ri = rating("requires-improvement");
                RatingLevel i = rating("inadequate");
                List<KeyQuestionRating> all = List.copyOf(kqRatings.values());
                int no = 0;
                int ng = 0;
                int nri = 0;
                int ni = 0;
                for (KeyQuestionRating r : all) {
                    if (r.rank() == o.rank()) no++;
                    if (r.rank() == g.rank()) ng++;
                    if (r.rank() == ri.rank()) nri++;
                    if (r.rank() == i.rank()) ni++;
                }
                RatingCounts c = fire("M-OVR-02", new RatingCounts(no, ng, nri, ni, all.size(), keyQuestions.size()),
                        assessment, o, g, ri, i, all);
                candidate = overallCandidate(c);
            }
            List<OverallCap> councilCaps = List.copyOf(overallCaps); // LA-OVR-04, -05 (the key-question layer)
            OverallCap breachCap = null;
            if (!breaches.isEmpty()) {
                RatingLevel l = rating("requires-improvement");
                breachCap = fire("M-OVR-P1", new OverallCap(l.name(), l.rank(), "M-OVR-P1", Numbers.count(breaches.size(),
                        "breach", "breaches") + " of regulations: " + Breach.describe(breaches)), l, breaches);
                overallCaps.add(breachCap);
            }
            if (has("LA-OVR-03")) {
                OverallCandidate council = councilCandidate(councilCaps, breachCap);
                if (council != null) candidate = council;
            }
            if (candidate == null) return;
            if (overallCaps.isEmpty()) {
                fire("M-OVR-04", new OverallRating(candidate.rating(), candidate.rank(), candidate.principle(),
                        candidate.detail()), candidate);
            } else if (candidate.rank() > 0) {
                int lowest = overallCaps.stream().mapToInt(OverallCap::rank).min().getAsInt();
                RatingLevel l = ratingOfRank(Math.min(candidate.rank(), lowest));
                if (l != null) {
                    fire("M-OVR-05", new OverallRating(l.name(), l.rank(), candidate.principle()
                            + (l.rank() < candidate.rank() ? ", capped by principle 1" : ""), candidate.detail()),
                            candidate, l, overallCaps);
                }
            } else {
                fire("M-OVR-06", new OverallRating(candidate.rating(), 0, candidate.principle(), candidate.detail()),
                        candidate);
            }
        }

        /** The rating principles (M-OVR-03, P6, P5, GAP1, P3, P4): at most one applies. */
        private OverallCandidate overallCandidate(RatingCounts c) {
            OverallCandidate out = null;
            if (c.rated() < c.total()) {
                out = fire("M-OVR-03", new OverallCandidate("Not rated", 0, "incomplete", (c.total() - c.rated()) + " of "
                        + c.total() + " key questions have no rating, assessed or previous"), c);
            }
            if (c.rated() != c.total()) return out;
            PolicyValue inadequate = policy.get("overall.inadequate.at-least");
            PolicyValue manyRi = policy.get("overall.requires-improvement.at-least");
            PolicyValue manyOutstanding = policy.get("overall.outstanding.at-least");
            PolicyValue mostRi = policy.get("overall.good.requires-improvement-at-most");
            if (inadequate != null && c.inadequate() >= inadequate.number()) {
                RatingLevel l = rating("inadequate");
                out = fire("M-OVR-P6", new OverallCandidate(l.name(), l.rank(), "principle 6", c.inadequate()
                        + " key questions Inadequate"), inadequate, c, l);
            }
            if (inadequate != null && manyRi != null && c.inadequate() < inadequate.number()
                    && c.requiresImprovement() >= manyRi.number()) {
                RatingLevel l = rating("requires-improvement");
                out = fire("M-OVR-P5", new OverallCandidate(l.name(), l.rank(), "principle 5", c.requiresImprovement()
                        + " key questions Requires improvement, " + c.inadequate() + " Inadequate"), inadequate, manyRi, c, l);
            }
            if (inadequate != null && manyRi != null && c.inadequate() > 0 && c.inadequate() < inadequate.number()
                    && c.requiresImprovement() < manyRi.number()) {
                RatingLevel l = rating("requires-improvement");
                out = fire("M-OVR-GAP1", new OverallCandidate(l.name(), l.rank(), "gap: one Inadequate", c.inadequate()
                        + " key question(s) Inadequate: not Good (principle 4 needs none), not Inadequate (principle 6 needs"
                        + " more)"), inadequate, manyRi, c, l);
            }
            if (manyOutstanding != null && c.outstanding() >= manyOutstanding.number() && c.requiresImprovement() == 0
                    && c.inadequate() == 0) {
                RatingLevel l = rating("outstanding");
                out = fire("M-OVR-P3", new OverallCandidate(l.name(), l.rank(), "principle 3", c.outstanding()
                        + " Outstanding and " + c.good() + " Good"), manyOutstanding, c, l);
            }
            if (mostRi != null && manyOutstanding != null && c.inadequate() == 0 && c.requiresImprovement() <= mostRi.number()
                    && (c.outstanding() < manyOutstanding.number() || c.requiresImprovement() > 0)) {
                RatingLevel l = rating("good");
                out = fire("M-OVR-P4", new OverallCandidate(l.name(), l.rank(), c.outstanding() >= manyOutstanding.number()
                        ? "principle 4 (gap: Outstanding key questions with a Requires improvement)" : "principle 4",
                        c.outstanding() + " Outstanding, " + c.good() + " Good, " + c.requiresImprovement()
                                + " Requires improvement"), mostRi, manyOutstanding, c, l);
            }
            return out;
        }

        // ---- the evaluation, as Evaluator assembles it ----

        private Evaluation evaluation() {
            Map<Object, String> keys = new IdentityHashMap<>();
            List<Map.Entry<String, Object>> keyed = new ArrayList<>(input.facts().size() + derived.size());
            for (Object f : input.facts()) keyed.add(Map.entry(key(keys, f), f));
            for (Object f : derived.keySet()) keyed.add(Map.entry(key(keys, f), f));
            keyed.sort(Map.Entry.comparingByKey());
            List<Object> facts = new ArrayList<>(keyed.size());
            List<String> factKeys = new ArrayList<>(keyed.size());
            for (var e : keyed) {
                facts.add(e.getValue());
                factKeys.add(e.getKey());
            }
            List<Derivation> derivations = new ArrayList<>(derived.size());
            for (var e : keyed) {
                Made m = derived.get(e.getValue());
                if (m == null) continue;
                Set<String> premises = new TreeSet<>();
                for (Object p : m.premises()) addKeys(keys, premises, p);
                derivations.add(new Derivation(e.getKey(), m.rule(), List.copyOf(premises)));
            }
            return new Evaluation(rules, input, facts, factKeys, derivations, firings);
        }

        private static String key(Map<Object, String> keys, Object fact) {
            return keys.computeIfAbsent(fact, f -> f instanceof Fact k ? k.key() : f.toString());
        }

        private static void addKeys(Map<Object, String> keys, Set<String> out, Object o) {
            if (o instanceof Fact) {
                out.add(key(keys, o));
            } else if (o instanceof Collection<?> list) {
                for (Object e : list) addKeys(keys, out, e);
            }
        }
    }
}
