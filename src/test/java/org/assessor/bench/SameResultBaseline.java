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
import org.assessor.facts.StatementInScope;
import org.assessor.facts.StatementScore;
import org.assessor.facts.ThinEvidence;
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
 * Three places follow the engine's order of
 * firing rather than the rules' meaning, because the derivation graph and the firing counts show it:
 * <ul>
 * <li>a fact several matches would make (a corroboration by a measured value with more than one finding) is made by
 * the first match, in the order the engine makes findings; the others only count as firings;</li>
 * <li>the thin-evidence cap (M-STMT-14) is found after a statement's evidence score and statement score were made,
 * so the engine makes them again, counting the earlier firings;</li>
 * <li>a council's uncapped overall candidate (LA-OVR-03) is made before any overall cap, and withdrawn when one
 * comes.</li>
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
        private final List<CategoryApplies> categories = new ArrayList<>();
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
                } else if (f instanceof CategoryApplies c) {
                    categories.add(c);
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
            if (assessment.regime() == null) {
                PolicyValue from = policy.get("regime.statement-from");
                if (from != null) {
                    LocalDate date = LocalDate.parse(from.text());
                    regime = assessment.regimeDate().isBefore(date)
                            ? fire("M-REGIME-02", new Regime("evidence-category", assessment.regimeDateSource() + ", before "
                                    + from.text()), from, assessment)
                            : fire("M-REGIME-01", new Regime("statement", assessment.regimeDateSource() + ", on or after "
                                    + from.text()), from, assessment);
                }
            } else {
                regime = fire("M-REGIME-03", new Regime(assessment.regime(), "the fixture states the regime"), assessment);
            }
        }

        // ---- evidence (rules/evidence/*.drl, rules/well-led/*.drl) ----

        private void evidenceLayer() {
            Map<String, Metric> metricById = new HashMap<>();
            for (Metric m : metrics) metricById.put(m.evidenceId(), m);
            // The evidence's own benchmarks are compared and judged first, then each register rule's benchmarks.
            List<Object[]> given = new ArrayList<>();
            for (Benchmark b : benchmarks) {
                Metric m = metricById.get(b.evidenceId());
                if (m != null && !b.kind().equals("out-of")) given.add(new Object[] {m, b});
            }
            judge(compared(given));
            judge(compared(registerBenchmarks("EV-REG-01", List.of("target", "limit"), "target")));
            judge(compared(registerBenchmarks("EV-REG-02", List.of("parity"), "parity")));
            judge(compared(registerBenchmarks("EV-REG-03", List.of("national-average"), "national-average")));
            indicatorCounts();
            corroborate();
            int before = findings.size();
            if (has("WL-PAC-03")) oversightSegments();
            if (has("LA-SG-01")) liberty();
            corroborateByMetrics(findings.subList(before, findings.size()));
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

        /**
         * EV-BM-01 to EV-BM-09, rule by rule as the engine fires them; each matches the measured value and the
         * benchmark, and words its finding with their comparison.
         */
        private void judge(List<Compared> compared) {
            double sig = number("benchmark.significant-gap");
            double sim = number("benchmark.similar-within");
            PolicyValue pSig = policy.get("benchmark.significant-gap");
            PolicyValue pSim = policy.get("benchmark.similar-within");
            ScoreLevel significant = level("significant-shortfalls");
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            ScoreLevel exceptional = level("exceptional");
            for (Compared x : compared) {
                if (AVERAGES.contains(x.b().kind()) && x.gap() <= -sig) {
                    finding(x.finding("EV-BM-01", significant, "much worse than the average"), pSig, x.m(), x.b(), significant);
                }
            }
            for (Compared x : compared) {
                if (AVERAGES.contains(x.b().kind()) && x.gap() > -sig && x.gap() < -sim) {
                    finding(x.finding("EV-BM-02", some, "worse than the average"), pSig, pSim, x.m(), x.b(), some);
                }
            }
            for (Compared x : compared) {
                if (AVERAGES.contains(x.b().kind()) && x.gap() >= -sim && x.gap() < sig) {
                    finding(x.finding("EV-BM-03", good, "similar to or better than the average"), pSig, pSim, x.m(), x.b(), good);
                }
            }
            for (Compared x : compared) {
                if (AVERAGES.contains(x.b().kind()) && x.gap() >= sig) {
                    finding(x.finding("EV-BM-04", exceptional, "much better than the average"), pSig, x.m(), x.b(), exceptional);
                }
            }
            for (Compared x : compared) {
                if (TARGETS.contains(x.b().kind()) && x.gap() <= -sig) {
                    finding(x.finding("EV-BM-05", significant, "a significant shortfall against it"), pSig, x.m(), x.b(),
                            significant);
                }
            }
            for (Compared x : compared) {
                if (TARGETS.contains(x.b().kind()) && x.gap() > -sig && x.gap() < 0) {
                    finding(x.finding("EV-BM-06", some, "a shortfall against it"), pSig, x.m(), x.b(), some);
                }
            }
            for (Compared x : compared) {
                if (TARGETS.contains(x.b().kind()) && x.gap() >= 0) {
                    finding(x.finding("EV-BM-07", good, "meets it"), x.m(), x.b(), good);
                }
            }
            for (Compared x : compared) {
                if (x.b().kind().equals("previous") && x.gap() < -sim) {
                    finding(x.finding("EV-BM-08", some, "a decline"), pSim, x.m(), x.b(), some);
                }
            }
            for (Compared x : compared) {
                if (x.b().kind().equals("previous") && x.gap() > sim) {
                    finding(x.finding("EV-BM-09", good, "an improvement"), pSim, x.m(), x.b(), good);
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

        /** EV-IND-01 to EV-IND-03 (rules/evidence/indicator-counts.drl). */
        private void indicatorCounts() {
            shareOfTotal("indicators-worse.significant-share",
                    m -> m.unit().equals("count") && m.better().equals("lower"),
                    "EV-IND-", " worse than the national average", " worse than the national average");
        }

        /**
         * A count read against the total the evidence gives (a benchmark of kind "out-of") and a register share, as
         * rules PREFIX01 (more than the share), PREFIX02 (some, no more than the share) and PREFIX03 (none) judge it,
         * each rule over every pair before the next, as the engine fires them.
         */
        private void shareOfTotal(String shareId, java.util.function.Predicate<Metric> applies, String prefix,
                                  String worse, String none) {
            PolicyValue p = policy.get(shareId);
            ScoreLevel significant = level("significant-shortfalls");
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            List<Object[]> pairs = new ArrayList<>();
            for (Benchmark t : allBenchmarks()) {
                if (!t.kind().equals("out-of") || !(t.value() > 0)) continue;
                for (Metric m : metrics) {
                    if (m.evidenceId().equals(t.evidenceId()) && applies.test(m)) pairs.add(new Object[] {t, m});
                }
            }
            if (p != null) {
                double share = p.number();
                for (Object[] tm : pairs) {
                    Benchmark t = (Benchmark) tm[0];
                    Metric m = (Metric) tm[1];
                    if (m.value() * 100 > t.value() * share) {
                        finding(Finding.by(prefix + "01", m.evidenceId(), m.statement(), m.category(), significant.score(),
                                m.shown() + " of " + Numbers.plain(t.value()) + " (" + t.label() + ")" + worse
                                        + ": more than the share in " + p.cite()), p, t, m, significant);
                    }
                }
                for (Object[] tm : pairs) {
                    Benchmark t = (Benchmark) tm[0];
                    Metric m = (Metric) tm[1];
                    if (m.value() > 0 && m.value() * 100 <= t.value() * share) {
                        finding(Finding.by(prefix + "02", m.evidenceId(), m.statement(), m.category(), some.score(),
                                m.shown() + " of " + Numbers.plain(t.value()) + " (" + t.label() + ")" + worse
                                        + ": no more than the share in " + p.cite()), p, t, m, some);
                    }
                }
            }
            for (Object[] tm : pairs) {
                Benchmark t = (Benchmark) tm[0];
                Metric m = (Metric) tm[1];
                if (m.value() == 0) {
                    finding(Finding.by(prefix + "03", m.evidenceId(), m.statement(), m.category(), good.score(),
                            "none of " + Numbers.plain(t.value()) + " (" + t.label() + ")" + none), t, m, good);
                }
            }
        }

        private List<Benchmark> allBenchmarks() {
            List<Benchmark> all = new ArrayList<>(benchmarks);
            for (Object f : derived.keySet()) if (f instanceof Benchmark b) all.add(b);
            return all;
        }

        /** EV-OB-00, then EV-OB-08 and EV-OB-09 on the findings made so far. */
        private void corroborate() {
            for (Observation o : observations) {
                if (o.direction().equals("mixed")) continue;
                for (Observation x : observationsOf.get(o.statement())) {
                    if (!x.evidenceId().equals(o.evidenceId())
                            && x.direction().equals(o.direction())
                            && (!x.who().equals(o.who()) || !x.category().equals(o.category()))) {
                        corroboration(fire("EV-OB-00", new Corroboration(o.evidenceId(), x.evidenceId()), o, x));
                    }
                }
            }
            corroborateByMetrics(findings);
        }

        private void corroborateByMetrics(List<Finding> made) {
            if (made.isEmpty()) return;
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            Map<String, List<Finding>> byEvidence = new LinkedHashMap<>();
            for (Finding f : made) byEvidence.computeIfAbsent(f.evidenceId(), k -> new ArrayList<>()).add(f);
            for (String rule : List.of("EV-OB-08", "EV-OB-09")) {
                boolean negative = rule.equals("EV-OB-08");
                ScoreLevel level = negative ? some : good;
                for (Observation o : observations) {
                    if (!o.direction().equals(negative ? "negative" : "positive")) continue;
                    for (Metric m : metricsOf.getOrDefault(o.statement(), List.of())) {
                        for (Finding f : byEvidence.getOrDefault(m.evidenceId(), List.of())) {
                            if (negative ? f.grade() <= some.score() : f.grade() >= good.score()) {
                                Corroboration c = new Corroboration(o.evidenceId(), m.evidenceId());
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

        /** WL-PAC-03, WL-PAC-02, WL-PAC-04 (rules/well-led/partnerships-and-communities.drl), after the rest. */
        private void oversightSegments() {
            PolicyValue some = policy.get("nof.segment.shortfalls-from");
            PolicyValue significant = policy.get("nof.segment.significant-shortfalls-from");
            List<Metric> segments = metrics.stream().filter(m -> m.measure().equals("nhs-oversight-framework.segment")).toList();
            if (segments.isEmpty()) return;
            ScoreLevel lSignificant = level("significant-shortfalls");
            ScoreLevel lSome = level("some-shortfalls");
            ScoreLevel lGood = level("good");
            if (significant != null) {
                for (Metric m : segments) {
                    if (m.value() >= significant.number()) {
                        finding(Finding.by("WL-PAC-03", m.evidenceId(), m.statement(), m.category(), lSignificant.score(),
                                "NHS Oversight Framework " + m.shown() + ": intensive support — " + significant.cite()),
                                significant, m, lSignificant);
                    }
                }
            }
            if (some != null && significant != null) {
                for (Metric m : segments) {
                    if (m.value() >= some.number() && m.value() < significant.number()) {
                        finding(Finding.by("WL-PAC-02", m.evidenceId(), m.statement(), m.category(), lSome.score(),
                                "NHS Oversight Framework " + m.shown() + ": receiving support to resolve concerns — "
                                        + some.cite()), some, significant, m, lSome);
                    }
                }
            }
            if (some != null) {
                for (Metric m : segments) {
                    if (m.value() < some.number()) {
                        finding(Finding.by("WL-PAC-04", m.evidenceId(), m.statement(), m.category(), lGood.score(),
                                "NHS Oversight Framework " + m.shown() + ": little or no support needed — " + some.cite()),
                                some, m, lGood);
                    }
                }
            }
        }

        /** LA-SG-01 to LA-SG-03 (rules/frameworks/local-authority/ensuring-safety/safeguarding.drl). */
        private void liberty() {
            shareOfTotal("dols.backlog.significant-share", m -> m.statement().equals("safeguarding")
                    && m.measure().equals("dols.applications-not-completed-at-year-end"),
                    "LA-SG-", " not completed at the year's end", " left undecided at the year's end");
        }

        // ---- weighing (rules/evidence/observations.drl) ----

        private void weighingLayer() {
            PolicyValue need = policy.get("observation.corroborating-items");
            ScoreLevel significant = level("significant-shortfalls");
            ScoreLevel some = level("some-shortfalls");
            ScoreLevel good = level("good");
            ScoreLevel exceptional = level("exceptional");
            for (Observation o : observations) {
                List<Corroboration> by = corroborationsOf.getOrDefault(o.evidenceId(), List.of());
                String plain = o.theme() + " (" + o.coding() + ")";
                switch (o.direction()) {
                    case "negative" -> {
                        boolean wide = o.extent().equals("widespread") && !o.impact().equals("low");
                        if (wide && need != null && by.size() >= need.number()) {
                            finding(Finding.by("EV-OB-01", o.evidenceId(), o.statement(), o.category(), significant.score(),
                                    o.theme() + " (" + o.coding() + "; corroborated by " + sources(by) + ")"), need, o, significant);
                        } else if (wide && need != null && by.size() < need.number()) {
                            finding(Finding.by("EV-OB-02", o.evidenceId(), o.statement(), o.category(), some.score(),
                                    o.theme() + " (" + o.coding() + "; not corroborated)"), need, o, some);
                        } else if (!wide) {
                            finding(Finding.by("EV-OB-03", o.evidenceId(), o.statement(), o.category(), some.score(), plain),
                                    o, some);
                        }
                    }
                    case "mixed" -> {
                        if (!o.impact().equals("low")) {
                            finding(Finding.by("EV-OB-04", o.evidenceId(), o.statement(), o.category(), some.score(), plain),
                                    o, some);
                        } else {
                            finding(Finding.by("EV-OB-05", o.evidenceId(), o.statement(), o.category(), good.score(), plain),
                                    o, good);
                        }
                    }
                    case "positive" -> {
                        if (need == null) break;
                        boolean strong = !o.kind().equals("arrangement") && o.extent().equals("widespread")
                                && o.impact().equals("high");
                        if (strong && by.size() >= need.number()) {
                            finding(Finding.by("EV-OB-06", o.evidenceId(), o.statement(), o.category(), exceptional.score(),
                                    o.theme() + " (" + o.coding() + "; corroborated by " + sources(by) + ")"), need, o,
                                    exceptional);
                        } else {
                            finding(Finding.by("EV-OB-07", o.evidenceId(), o.statement(), o.category(), good.score(), plain),
                                    need, o, good);
                        }
                    }
                    default -> { }
                }
            }
        }

        private static String sources(List<Corroboration> by) {
            Set<String> ids = new TreeSet<>();
            for (Corroboration c : by) ids.add(c.by());
            return ids.toString();
        }

        // ---- statement (rules/method/statement-score.drl) ----

        private void statementLayer() {
            Map<String, List<Finding>> ofStatement = new HashMap<>();
            for (Finding f : findings) ofStatement.computeIfAbsent(f.statement(), k -> new ArrayList<>()).add(f);
            boolean statementRegime = regime != null && regime.id().equals("statement");
            boolean categoryRegime = regime != null && regime.id().equals("evidence-category");
            int max = scale.max();
            Map<String, EvidenceBase> bases = new LinkedHashMap<>();
            Map<String, List<ScoreCap>> caps = new HashMap<>();
            for (StatementInScope s : statements) {
                List<Finding> found = ofStatement.getOrDefault(s.statement(), List.of());
                if (statementRegime && !found.isEmpty()) {
                    int sum = 0;
                    for (Finding f : found) sum += f.grade();
                    for (BandRange band : bands(Numbers.percent(sum, found.size(), max))) {
                        bases.put(s.statement(), fire("M-STMT-01", EvidenceBase.of(s.statement(), band, sum, found.size(),
                                max), regime, scale, s, found, band));
                    }
                } else if (categoryRegime) {
                    List<CategoryScore> scores = new ArrayList<>();
                    for (CategoryApplies c : categories) {
                        List<Finding> inCategory = new ArrayList<>();
                        int sum = 0;
                        for (Finding f : found) {
                            if (!f.category().equals(c.category())) continue;
                            inCategory.add(f);
                            sum += f.grade();
                        }
                        if (inCategory.isEmpty()) continue;
                        for (BandRange band : bands(Numbers.percent(sum, inCategory.size(), max))) {
                            scores.add(fire("M-CAT-01", new CategoryScore(s.statement(), c.category(), band.rank(), sum,
                                    inCategory.size()), regime, scale, s, c, inCategory, band));
                        }
                    }
                    if (!scores.isEmpty()) {
                        int sum = 0;
                        for (CategoryScore c : scores) sum += c.score();
                        for (BandRange band : bands(Numbers.percent(sum, scores.size(), max))) {
                            bases.put(s.statement(), fire("M-CAT-03", EvidenceBase.of(s.statement(), band, sum, scores.size(),
                                    max), regime, scale, s, scores, band));
                        }
                    }
                }
            }
            // Caps found before the evidence score (M-STMT-03 to 05)
            if (statementRegime) {
                ScoreLevel significant = level("significant-shortfalls");
                ScoreLevel some = level("some-shortfalls");
                ScoreLevel good = level("good");
                ScoreLevel exceptional = level("exceptional");
                for (EvidenceBase b : bases.values()) {
                    List<Finding> low = new ArrayList<>();
                    for (Finding f : ofStatement.getOrDefault(b.statement(), List.of())) {
                        if (f.grade() <= significant.score()) low.add(f);
                    }
                    if (!low.isEmpty()) {
                        caps.computeIfAbsent(b.statement(), k -> new ArrayList<>()).add(fire("M-STMT-03",
                                ScoreCap.by("M-STMT-03", b.statement(), some.score(), Numbers.count(low.size(), "finding")
                                        + " graded " + significant.score() + " (significant shortfalls)"),
                                regime, b, significant, some, low));
                    }
                }
                PolicyValue need = policy.get("statement.corroborating-categories");
                if (need != null) {
                    for (EvidenceBase b : bases.values()) {
                        List<Finding> low = new ArrayList<>();
                        Set<String> cats = new LinkedHashSet<>();
                        for (Finding f : ofStatement.getOrDefault(b.statement(), List.of())) {
                            if (f.grade() <= significant.score()) {
                                low.add(f);
                                cats.add(f.category());
                            }
                        }
                        if (cats.size() >= need.number()) {
                            caps.computeIfAbsent(b.statement(), k -> new ArrayList<>()).add(fire("M-STMT-04",
                                    ScoreCap.by("M-STMT-04", b.statement(), significant.score(), "findings graded "
                                            + significant.score() + " in " + cats.size() + " evidence categories "
                                            + new TreeSet<>(cats)), regime, b, need, significant, low));
                        }
                    }
                }
                for (EvidenceBase b : bases.values()) {
                    if (b.score() < exceptional.score()) continue;
                    List<Finding> low = new ArrayList<>();
                    for (Finding f : ofStatement.getOrDefault(b.statement(), List.of())) {
                        if (f.grade() <= some.score()) low.add(f);
                    }
                    if (!low.isEmpty()) {
                        caps.computeIfAbsent(b.statement(), k -> new ArrayList<>()).add(fire("M-STMT-05",
                                ScoreCap.by("M-STMT-05", b.statement(), good.score(), Numbers.count(low.size(), "finding")
                                        + " graded " + some.score() + " or lower (shortfalls)"),
                                regime, exceptional, good, some, b, low));
                    }
                }
            }
            // Thin evidence (M-STMT-13) and its cap (M-STMT-14): found after the evidence and statement scores below
            PolicyValue minFindings = policy.get("thin-evidence.min-findings");
            PolicyValue minCategories = policy.get("thin-evidence.min-categories");
            Map<String, ThinEvidence> thin = new LinkedHashMap<>();
            if (minFindings != null && minCategories != null) {
                for (StatementInScope s : statements) {
                    List<Finding> found = ofStatement.getOrDefault(s.statement(), List.of());
                    Set<String> cats = new LinkedHashSet<>();
                    for (Finding f : found) cats.add(f.category());
                    int n = found.size();
                    if (n > 0 && (n < minFindings.number() || cats.size() < minCategories.number())) {
                        thin.put(s.statement(), new ThinEvidence(s.statement(), n, cats.size(), Numbers.count(n, "finding")
                                + " in " + Numbers.count(cats.size(), "evidence category", "evidence categories")
                                + "; the register asks for at least " + Numbers.plain(minFindings.number()) + " findings in "
                                + Numbers.plain(minCategories.number()) + " categories"));
                    }
                }
            }
            ScoreLevel exceptional = level("exceptional");
            ScoreLevel good = level("good");
            Map<String, EvidenceScore> scores = new HashMap<>();
            Map<String, StatementInScope> inScope = new HashMap<>();
            for (StatementInScope s : statements) inScope.put(s.statement(), s);
            for (EvidenceBase b : bases.values()) {
                String st = b.statement();
                List<ScoreCap> early = caps.getOrDefault(st, List.of());
                ThinEvidence t = thin.get(st);
                boolean late = t != null && b.score() >= exceptional.score();
                StatementInScope s = inScope.get(st);
                boolean recorded = recordedScores.containsKey(st);
                EvidenceScore first;
                if (early.isEmpty()) {
                    first = new EvidenceScore(st, b.score(), b.score(), scale.max());
                } else {
                    int lowest = early.stream().mapToInt(ScoreCap::max).min().getAsInt();
                    first = new EvidenceScore(st, Math.min(b.score(), lowest), b.score(), lowest);
                }
                if (!late) {
                    if (early.isEmpty()) fire("M-STMT-06", first, b, scale);
                    else fire("M-STMT-07", first, b, early);
                    scores.put(st, first);
                    if (s != null && !recorded) statementScore("M-STMT-08", s, first);
                    continue;
                }
                // The late cap: the first evidence score and its statement score are made, then made again.
                ScoreCap cap = ScoreCap.by("M-STMT-14", st, good.score(), "thin evidence: " + t.reason());
                List<ScoreCap> all = new ArrayList<>(early);
                all.add(cap);
                int lowest = all.stream().mapToInt(ScoreCap::max).min().getAsInt();
                EvidenceScore last = new EvidenceScore(st, Math.min(b.score(), lowest), b.score(), lowest);
                if (early.isEmpty()) {
                    count("M-STMT-06");
                    if (s != null && !recorded) count("M-STMT-08");
                    fire("M-STMT-07", last, b, all);
                    if (s != null && !recorded) statementScore("M-STMT-08", s, last);
                } else if (last.equals(first)) {
                    // Re-fired with the same score: the fact and the first firing's derivation stay.
                    fire("M-STMT-07", first, b, early);
                    count("M-STMT-07");
                    if (s != null && !recorded) statementScore("M-STMT-08", s, first);
                } else {
                    count("M-STMT-07");
                    if (s != null && !recorded) count("M-STMT-08");
                    fire("M-STMT-07", last, b, all);
                    if (s != null && !recorded) statementScore("M-STMT-08", s, last);
                }
                scores.put(st, last);
            }
            for (StatementInScope s : statements) {
                RecordedScore r = recordedScores.get(s.statement());
                if (r != null) {
                    statementScores.put(s.statement(), fire("M-STMT-09", new StatementScore(s.statement(), s.keyQuestion(),
                            r.score(), "judgement", "recorded by " + r.by() + ": " + r.reason()), s, r));
                }
            }
            for (StatementInScope s : statements) {
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
                } else if (statementRegime) {
                    fire("M-STMT-11", new NotScored(s.statement(), s.keyQuestion(), "no evidence was judged and no score was "
                            + "recorded; left out of the percentage"), regime, s);
                } else if (categoryRegime) {
                    fire("M-STMT-12", new NotScored(s.statement(), s.keyQuestion(), "no evidence, no recorded score and no "
                            + "previous rating to carry"), regime, s);
                }
            }
            for (ThinEvidence t : thin.values()) {
                fire("M-STMT-13", t, minFindings, minCategories, inScope.get(t.statement()));
            }
            for (ThinEvidence t : thin.values()) {
                EvidenceBase b = bases.get(t.statement());
                if (b != null && b.score() >= exceptional.score()) {
                    fire("M-STMT-14", ScoreCap.by("M-STMT-14", t.statement(), good.score(), "thin evidence: " + t.reason()),
                            exceptional, good, t, b);
                }
            }
            for (Metric m : metrics) {
                if (!findingsOfEvidence.containsKey(m.evidenceId())) {
                    fire("M-STMT-15", new Unjudged(m.evidenceId(), "no benchmark in the evidence that a rule reads, and no "
                            + "target, limit or national figure in the register for measure " + m.measure()
                            + " on the assessment's date"), m);
                }
            }
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

        private void councilOverall() {
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

        /** LA-OVR-03 or LA-OVR-06, once every cap is known (the breach cap of M-OVR-P1 included). */
        private OverallCandidate councilCandidate(List<OverallCap> caps) {
            if (councilScore == null || councilBand == null || !assessment.trustLevel()) return null;
            BandRange b = councilBand;
            RatingLevel band = ratingOfRank(b.rank());
            if (band == null) return null;
            double raw = councilScore.raw();
            String boundary = raw == b.from() && b.from() > 0
                    ? " — a boundary case: the raw value sits exactly on a cut-off between two published bands" : "";
            if (caps.isEmpty()) {
                return fire("LA-OVR-03", new OverallCandidate(band.name(), b.rank(), "the overall band",
                        "the raw overall percentage is at least the cut-off " + Numbers.plain(b.from()) + " (" + b.source()
                                + ")" + boundary), assessment, councilScore, b, band);
            }
            // LA-OVR-03 fired before the first cap was made (its rule comes first), and its candidate was withdrawn.
            count("LA-OVR-03");
            int lowest = caps.stream().mapToInt(OverallCap::rank).min().getAsInt();
            RatingLevel level = ratingOfRank(Math.min(b.rank(), lowest));
            if (level == null) return null;
            OverallCandidate out = null;
            for (OverallCap cap : caps) {
                if (cap.rank() != lowest) continue;
                out = fire("LA-OVR-06", new OverallCandidate(level.name(), level.rank(),
                        level.rank() < b.rank() ? "the overall band, lowered by a cap" : "the overall band (caps do not lower it)",
                        "the raw overall percentage is at least the cut-off " + Numbers.plain(b.from()) + " (" + b.source()
                                + "), in the " + band.name() + " band" + boundary), assessment, councilScore, b, band, cap, level);
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
            if (!breaches.isEmpty()) {
                RatingLevel l = rating("requires-improvement");
                overallCaps.add(fire("M-OVR-P1", new OverallCap(l.name(), l.rank(), "M-OVR-P1", Numbers.count(breaches.size(),
                        "breach", "breaches") + " of regulations: " + Breach.describe(breaches)), l, breaches));
            }
            if (has("LA-OVR-03")) {
                OverallCandidate council = councilCandidate(overallCaps);
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
