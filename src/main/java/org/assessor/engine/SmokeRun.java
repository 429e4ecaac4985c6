package org.assessor.engine;

import org.assessor.ruleset.RuleSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assessor.engine.Evaluator;
import org.assessor.engine.RuleFault;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.input.Problem;
import org.assessor.facts.Assessment;
import org.assessor.facts.Benchmark;
import org.assessor.facts.Breach;
import org.assessor.facts.CategoryApplies;
import org.assessor.facts.KeyQuestion;
import org.assessor.facts.Metric;
import org.assessor.facts.Observation;
import org.assessor.facts.PreviousRating;
import org.assessor.facts.RatingLevel;
import org.assessor.facts.RecordedScore;
import org.assessor.facts.ScoreLevel;
import org.assessor.facts.ScoreScale;
import org.assessor.facts.StatementInScope;

/**
 * Runs a compiled rule set on sample facts of every kind (every measure with every benchmark kind, every
 * observation direction and extent, both regimes, trust and location level), because a constraint with a type
 * mismatch compiles and fails only when it meets a fact.
 */
public final class SmokeRun {
    private SmokeRun() {}

    public static List<Problem> run(RuleSet rules) {
        return run(rules, DEFAULT_TIMEOUT);
    }

    /** The time limit of each sample run unless told otherwise, as for an evaluation. */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(60);

    /** Runs the sample facts, each run stopped with a problem after {@code timeout}, naming the rule in progress. */
    /** Whether a sample run was stopped at its time limit (then no further sample run should start). */
    public static boolean stoppedByTimeLimit(List<Problem> problems) {
        return problems.stream().anyMatch(p -> p.message().contains(Evaluator.TIME_LIMIT));
    }

    public static List<Problem> run(RuleSet rules, java.time.Duration timeout) {
        List<Problem> problems = new ArrayList<>();
        for (LocalDate date : sampleDates(rules)) {
            for (boolean trust : List.of(true, false)) {
                try {
                    new Evaluator(rules, Evaluator.DEFAULT_MAX_FIRINGS, true, timeout).evaluate(sample(rules, date, trust));
                } catch (OutOfMemoryError e) {
                    problems.add(new Problem(rules.dir(), 0, 0, "on sample facts: the rules used up the memory the run "
                            + "has (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) before they finished; the last "
                            + "rule to begin firing was " + (DerivationRecorder.lastStarted() == null ? "none (a condition "
                            + "or accumulate may be the cause)" : "\"" + DerivationRecorder.lastStarted() + "\"")));
                    return problems.stream().distinct().toList();
                } catch (RuleFault e) {
                    var r = e.rule() == null ? null : rules.rule(e.rule());
                    problems.add(r == null
                            ? new Problem(rules.dir(), 0, 0, "on sample facts: " + e.getMessage())
                            : new Problem(r.file(), r.line(), r.column(), "fails at run time on sample facts: "
                                    + e.getMessage()));
                    if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                        // Its thread may still be busy (a join Drools cannot interrupt): starting the next sample run
                        // would add another, until memory runs out. The first is reported; nothing more is run.
                        return problems.stream().distinct().toList();
                    }
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    /**
     * One date in each scoring regime: the day before the register's regime date and the date itself (or the
     * register's first date, when it has no regime date), so both regimes' rules meet sample facts.
     */
    private static List<LocalDate> sampleDates(RuleSet rules) {
        var register = rules.framework().register();
        LocalDate first = register.earliest().orElse(LocalDate.now());
        return register.rows().stream().filter(r -> r.id().equals("regime.statement-from")).findFirst()
                .map(r -> LocalDate.parse(r.value()))
                .map(d -> d.minusDays(1).isBefore(first) ? List.of(d) : List.of(d.minusDays(1), d))
                .orElse(List.of(first));
    }

    private static LoadedAssessment sample(RuleSet rules, LocalDate date, boolean trust) {
        var fw = rules.framework();
        List<Object> facts = new ArrayList<>();
        facts.add(new Assessment("Sample provider", "nhs-trust", trust ? "nhs-trust-well-led" : "location", date, trust, null, null));
        fw.keyQuestions().values().forEach(k -> facts.add(new KeyQuestion(k.id(), k.name(), k.order(), true)));
        fw.statements().values().forEach(s -> facts.add(new StatementInScope(s.id(), s.keyQuestion(), s.name(), s.order())));
        fw.categories().keySet().forEach(c -> facts.add(new CategoryApplies(c)));
        fw.ratings().values().forEach(r -> facts.add(new RatingLevel(r.id(), r.name(), r.rank())));
        facts.add(new ScoreScale(fw.minScore(), fw.maxScore()));
        fw.scoreMeanings().forEach(m -> facts.add(new ScoreLevel(m.id(), m.score(), m.meaning())));
        facts.addAll(fw.register().inForceOn(date));
        facts.addAll(fw.regimeFacts());
        var good = fw.ratings().values().iterator().next();
        fw.keyQuestions().keySet().forEach(k -> facts.add(new PreviousRating(k, good.name(), good.rank())));
        var statements = List.copyOf(fw.statements().keySet());
        var categories = List.copyOf(fw.categories().keySet());
        int n = 0;
        for (var m : fw.measures().values()) {
            String id = "sample-m" + (n++);
            String st = statements.get(n % statements.size());
            facts.add(new Metric(id, st, categories.get(n % categories.size()), m.id(), m.name(), 50, m.unit(), m.better(),
                    "sample"));
            for (String kind : fw.vocabulary().benchmarkKinds()) {
                facts.add(Benchmark.given(id, kind, 40 + (n % 3) * 10, "sample " + kind));
            }
        }
        // A measure the catalogue lacks, named by the evidence.
        facts.add(new Metric("sample-m" + n, statements.get(0), categories.get(0), "", "a sample measure", 50, "percent",
                "higher", "sample"));
        facts.add(Benchmark.given("sample-m" + n, "national-average", 52, "sample national-average"));
        n++;
        for (String d : fw.vocabulary().directions()) {
            for (String x : fw.vocabulary().extents()) {
                String st = statements.get(n++ % statements.size());
                for (String kind : fw.vocabulary().kinds()) {
                    for (String impact : fw.vocabulary().impacts()) {
                        facts.add(Observation.of("sample-o" + (n++), st, categories.get(n % categories.size()), "sample",
                                d, kind, x, "sample", impact, List.of("staff", "people")));
                    }
                }
            }
        }
        facts.add(new RecordedScore(statements.get(0), 3, "sample", "sample"));
        facts.add(new Breach(fw.keyQuestions().keySet().iterator().next(), "sample", "sample"));
        return new LoadedAssessment("(sample facts)", "", (Assessment) facts.get(0), statements,
                List.copyOf(fw.keyQuestions().keySet()), Map.of(), null, facts, List.of());
    }
}
