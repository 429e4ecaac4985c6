package org.assessor.casebook;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assessor.engine.Evaluation;
import org.assessor.facts.BandCutOff;
import org.assessor.facts.BandRating;
import org.assessor.facts.Benchmark;
import org.assessor.facts.Comparison;
import org.assessor.facts.GradeTotal;
import org.assessor.facts.KeyQuestionScore;
import org.assessor.facts.Metric;
import org.assessor.facts.Numbers;
import org.assessor.facts.PolicyNumber;
import org.assessor.facts.StatementScore;
import org.assessor.ruleset.RuleInfo;
import org.assessor.ruleset.RuleSet;

/**
 * What a set of fixtures exercises in a rule set: rules fired, statements with rules and fixtures, rating bands
 * reached, and, for every numeric threshold, whether some fixture sits below, on and above it.
 */
public final class Coverage {
    private static final Pattern LITERAL = Pattern.compile(
            "measure\\s*==\\s*\"([^\"]+)\"[^)]*?\\bvalue\\s*(>=|<=|>|<|==)\\s*([0-9]+(?:\\.[0-9]+)?)");

    /** A threshold and how many observed values fell below, on and above it. */
    public record Threshold(String what, double at, int below, int on, int above) {
        boolean complete() {
            return below > 0 && on > 0 && above > 0;
        }
    }

    private final RuleSet rules;
    private int fixtures;
    private final Set<String> fired = new TreeSet<>();
    private final Set<String> statementsWithFixtures = new TreeSet<>();
    private final Map<String, Integer> bands = new TreeMap<>();
    private final Map<String, List<Double>> values = new TreeMap<>();
    private final Map<String, Double> thresholds = new TreeMap<>();

    public Coverage(RuleSet rules) {
        this.rules = rules;
        literalThresholds();
    }

    /** Records what the fixtures' evaluations reach (a case that could not be evaluated adds nothing). */
    public Coverage of(List<CaseResult> cases) {
        for (CaseResult c : cases) {
            fixtures++;
            if (c.evaluation() != null) record(c.evaluation());
        }
        return this;
    }

    private void record(Evaluation ev) {
        ev.firings().keySet().forEach(rule -> fired.add(rules.rule(rule).id()));
        ev.all(StatementScore.class).forEach(s -> statementsWithFixtures.add(s.statement()));
        ev.all(BandRating.class).forEach(b -> bands.merge(b.rating(), 1, Integer::sum));
        for (BandCutOff c : ev.all(BandCutOff.class)) {
            if (c.from() <= 0) continue;
            String kq = "key-question percentage vs band cut-off " + Numbers.plain(c.from());
            String st = "statement grade percentage vs band cut-off " + Numbers.plain(c.from());
            thresholds.put(kq, c.from());
            thresholds.put(st, c.from());
            ev.all(KeyQuestionScore.class).forEach(k -> values.computeIfAbsent(kq, x -> new ArrayList<>()).add(k.raw()));
            ev.all(GradeTotal.class).forEach(g -> values.computeIfAbsent(st, x -> new ArrayList<>()).add(g.percent()));
        }
        for (PolicyNumber p : ev.all(PolicyNumber.class)) {
            if (!p.name().startsWith("benchmark.")) continue;
            for (double sign : new double[] {-1, 1}) {
                String key = "benchmark gap vs " + (sign < 0 ? "-" : "+") + p.name() + " (" + Numbers.plain(sign * p.value()) + "%)";
                thresholds.put(key, sign * p.value());
                ev.all(Comparison.class).forEach(c -> values.computeIfAbsent(key, x -> new ArrayList<>()).add(c.gapPercent()));
            }
        }
        String targetKey = "gap to a target or parity vs 0 (met)";
        thresholds.put(targetKey, 0.0);
        ev.all(Comparison.class).stream().filter(c -> c.kind().equals("target") || c.kind().equals("parity"))
                .forEach(c -> values.computeIfAbsent(targetKey, x -> new ArrayList<>()).add(c.gapPercent()));
        for (Benchmark b : ev.all(Benchmark.class)) {
            if (!b.origin().equals(Benchmark.POLICY)) continue;
            String measure = ev.all(Metric.class).stream().filter(m -> m.evidenceId().equals(b.evidenceId()))
                    .map(Metric::measure).findFirst().orElse("?");
            String key = measure + " vs " + b.label() + " (" + Numbers.plain(b.value()) + ")";
            thresholds.put(key, b.value());
        }
        ev.all(Metric.class).forEach(m -> thresholds.keySet().stream().filter(k -> k.startsWith(m.measure() + " "))
                .forEach(k -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(m.value())));
    }

    /** Thresholds written as literal numbers on a measure's value in the rules (e.g. value > 4). */
    private void literalThresholds() {
        for (RuleInfo r : rules.rules()) {
            Matcher m = LITERAL.matcher(rules.source(r));
            while (m.find()) {
                String key = m.group(1) + " value " + m.group(2) + " " + m.group(3) + " (" + r.id() + ")";
                thresholds.put(key, Double.parseDouble(m.group(3)));
                values.computeIfAbsent(key, x -> new ArrayList<>());
            }
        }
    }

    /** Percentage of rules that fired for at least one fixture. */
    public double ruleCoverage() {
        long total = rules.rules().size();
        return total == 0 ? 100 : 100.0 * fired.size() / total;
    }

    public void print(PrintWriter out) {
        var rules = this.rules.rules();
        out.println();
        out.println("Coverage of " + this.rules.dir() + " by " + fixtures + " fixtures");
        out.println("  rules fired: " + fired.size() + " of " + rules.size() + " (" + Numbers.rounded(ruleCoverage(), 1) + "%)");
        rules.stream().filter(r -> !fired.contains(r.id())).sorted(java.util.Comparator.comparing(RuleInfo::id))
                .forEach(r -> out.println("    never fired: " + r.id() + " \"" + r.name() + "\" (" + r.file() + ")"));
        var framework = this.rules.framework();
        Set<String> withRules = new TreeSet<>();
        rules.forEach(r -> { if (r.statement() != null) withRules.add(r.statement()); });
        List<String> noRules = framework.statements().keySet().stream().filter(s -> !withRules.contains(s)).toList();
        List<String> noFixture = framework.statements().keySet().stream().filter(s -> !statementsWithFixtures.contains(s)).toList();
        out.println("  statements with statement-specific rules: " + withRules.size() + " of " + framework.statements().size()
                + (noRules.isEmpty() ? "" : "; without: " + String.join(", ", noRules)));
        out.println("  statements scored by some fixture: " + statementsWithFixtures.size() + " of "
                + framework.statements().size() + (noFixture.isEmpty() ? "" : "; never: " + String.join(", ", noFixture)));
        out.println("  rating bands reached: " + bands + framework.ratings().values().stream()
                .filter(r -> !bands.containsKey(r.name())).map(r -> "; never " + r.name()).reduce("", String::concat));
        out.println("  thresholds (fixtures below / on / above):");
        thresholds.forEach((what, at) -> {
            List<Double> vs = values.getOrDefault(what, List.of());
            int below = (int) vs.stream().filter(v -> v < at).count();
            int on = (int) vs.stream().filter(v -> v.doubleValue() == at).count();
            int above = (int) vs.stream().filter(v -> v > at).count();
            var t = new Threshold(what, at, below, on, above);
            out.println("    " + (t.complete() ? "ok   " : "GAP  ") + what + ": " + below + " / " + on + " / " + above);
        });
        out.flush();
    }
}
