package org.assessor.casebook;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assessor.engine.Evaluation;
import org.assessor.facts.BandRating;
import org.assessor.facts.Benchmark;
import org.assessor.facts.Comparison;
import org.assessor.facts.CategoryScore;
import org.assessor.facts.EvidenceBase;
import org.assessor.facts.Numbers;
import org.assessor.facts.KeyQuestionScore;
import org.assessor.facts.Metric;
import org.assessor.facts.Numbers;
import org.assessor.facts.PolicyValue;
import org.assessor.facts.StatementScore;
import org.assessor.ruleset.RuleInfo;
import org.assessor.ruleset.RuleSet;

/**
 * What a set of fixtures exercises in a rule set: rules fired, statements with rules and fixtures, rating bands
 * reached, register rows in force, and, for every register value compared with evidence, whether some fixture sits
 * below, on and above it.
 */
public final class Coverage {
    /** A threshold and how many observed values fell below, on and above it. */
    public record Threshold(String what, double at, int below, int on, int above) {
        boolean complete() {
            return below > 0 && on > 0 && above > 0;
        }
    }

    private final List<RuleSet> ruleSets;
    private int fixtures;
    private final Set<String> fired = new TreeSet<>();
    private final Set<String> statementsWithFixtures = new TreeSet<>();
    private final Map<String, Integer> bands = new TreeMap<>();
    private final Map<String, List<Double>> values = new TreeMap<>();
    private final Map<String, Double> thresholds = new TreeMap<>();
    private final Map<String, Integer> inForce = new TreeMap<>();

    public Coverage(RuleSet rules) {
        this(List.of(rules));
    }

    /**
     * Coverage of several rule sets of one rules folder (one per framework the fixtures name), the first the default
     * framework's: a rule they share (the same rule id) counts once, and fires when it fires for any of them.
     */
    public Coverage(List<RuleSet> ruleSets) {
        this.ruleSets = List.copyOf(ruleSets);
    }

    /** Every rule of the rule sets, once per rule id (the first rule set's first). */
    private List<RuleInfo> allRules() {
        Map<String, RuleInfo> byId = new java.util.LinkedHashMap<>();
        ruleSets.forEach(rs -> rs.rules().forEach(r -> byId.putIfAbsent(r.id() + "\n" + r.file(), r)));
        return List.copyOf(byId.values());
    }

    /** A statement's key in the coverage: its id, prefixed by its framework's id outside the default framework. */
    private static String statementKey(org.assessor.ruleset.Framework f, String statement) {
        return f.isDefault() ? statement : f.id() + "/" + statement;
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
        ev.firings().keySet().forEach(rule -> fired.add(ev.rules().rule(rule).id()));
        ev.all(StatementScore.class).forEach(s -> statementsWithFixtures.add(statementKey(ev.rules().framework(),
                s.statement())));
        ev.all(BandRating.class).forEach(b -> bands.merge(b.rating(), 1, Integer::sum));
        for (PolicyValue p : ev.all(PolicyValue.class)) {
            inForce.merge(p.id(), 1, Integer::sum);
            if (Double.isNaN(p.number())) continue;
            for (var compared : compared(ev, p).entrySet()) {
                String key = p.id() + " (register row " + p.row() + ")" + compared.getKey();
                double at = compared.getKey().startsWith(" negated") ? -p.number() : p.number();
                thresholds.put(key, at);
                values.computeIfAbsent(key, x -> new ArrayList<>()).addAll(compared.getValue());
            }
        }
    }

    /**
     * The values of this evaluation that a register row is compared with: a measure's values for its target, limit or
     * cut-off; key-question and grade percentages for a band cut-off; benchmark gaps for a tolerance (below the
     * average, and above it); shares of indicators for the indicator share. Other rows (counts, scores, settings) are
     * only counted as in force.
     */
    private static Map<String, List<Double>> compared(Evaluation ev, PolicyValue p) {
        Map<String, List<Double>> out = new TreeMap<>();
        if (p.measure() != null) {
            out.put(" vs " + p.measure(), ev.all(Metric.class).stream().filter(m -> p.measure().equals(m.measure()))
                    .map(Metric::value).toList());
        } else if (p.kind().equals("cut-off") && p.appliesTo().startsWith("rating:")) {
            List<Double> vs = new ArrayList<>();
            ev.all(KeyQuestionScore.class).forEach(k -> vs.add(k.raw()));
            int max = ev.rules().framework().maxScore();
            // A statement scored through its categories bands its category scores' total as a percentage.
            Map<String, List<CategoryScore>> byStatement = new TreeMap<>();
            ev.all(CategoryScore.class).forEach(c -> byStatement.computeIfAbsent(c.statement(), k -> new ArrayList<>()).add(c));
            byStatement.values().forEach(cs -> vs.add(Numbers.percent(cs.stream().mapToInt(CategoryScore::score).sum(),
                    cs.size(), max)));
            out.put(" vs key-question and category-total percentages", vs);
        } else if (p.kind().equals("tolerance")) {
            List<Double> gaps = new ArrayList<>();
            for (Benchmark b : ev.all(Benchmark.class)) {
                if (b.kind().equals("out-of")) continue;
                ev.all(Metric.class).stream().filter(m -> m.evidenceId().equals(b.evidenceId()))
                        .forEach(m -> gaps.add(Comparison.gap(m, b)));
            }
            out.put(" negated, vs gaps below a benchmark", gaps);
            out.put(" vs gaps above a benchmark", gaps);
        } else if (p.id().equals("indicators-worse.significant-share")) {
            List<Double> shares = new ArrayList<>();
            for (Benchmark b : ev.all(Benchmark.class)) {
                if (!b.kind().equals("out-of") || b.value() <= 0) continue;
                ev.all(Metric.class).stream().filter(m -> m.evidenceId().equals(b.evidenceId()))
                        .forEach(m -> shares.add(100.0 * m.value() / b.value()));
            }
            out.put(" vs shares of indicators worse", shares);
        }
        return out;
    }

    /** Percentage of rules that fired for at least one fixture. */
    public double ruleCoverage() {
        var rules = allRules();
        long total = rules.size();
        long hit = rules.stream().filter(r -> fired.contains(r.id())).count();
        return total == 0 ? 100 : 100.0 * hit / total;
    }

    public void print(PrintWriter out) {
        var rules = allRules();
        out.println();
        out.println("Coverage of " + ruleSets.get(0).dir() + " by " + fixtures + " fixtures"
                + (ruleSets.size() == 1 ? "" : " (frameworks " + ruleSets.stream().map(rs -> rs.framework().id())
                .toList() + ")"));
        long hit = rules.stream().filter(r -> fired.contains(r.id())).count();
        out.println("  rules fired: " + hit + " of " + rules.size() + " (" + Numbers.rounded(ruleCoverage(), 1) + "%)");
        rules.stream().filter(r -> !fired.contains(r.id())).sorted(java.util.Comparator.comparing(RuleInfo::id))
                .forEach(r -> out.println("    never fired: " + r.id() + " \"" + r.name() + "\" (" + r.file() + ")"));
        for (RuleSet rs : ruleSets) {
            var framework = rs.framework();
            String in = ruleSets.size() == 1 ? "" : " (" + framework.id() + ")";
            Set<String> withRules = new TreeSet<>();
            rs.rules().forEach(r -> { if (r.statement() != null) withRules.add(r.statement()); });
            List<String> noRules = framework.statements().keySet().stream().filter(s -> !withRules.contains(s)).toList();
            List<String> noFixture = framework.statements().keySet().stream()
                    .filter(s -> !statementsWithFixtures.contains(statementKey(framework, s))).toList();
            out.println("  statements with statement-specific rules" + in + ": " + withRules.size() + " of "
                    + framework.statements().size() + (noRules.isEmpty() ? "" : "; without: " + String.join(", ", noRules)));
            out.println("  statements scored by some fixture" + in + ": "
                    + (framework.statements().size() - noFixture.size()) + " of " + framework.statements().size()
                    + (noFixture.isEmpty() ? "" : "; never: " + String.join(", ", noFixture)));
        }
        var framework = ruleSets.get(0).framework();
        out.println("  rating bands reached: " + bands + framework.ratings().values().stream()
                .filter(r -> !bands.containsKey(r.name())).map(r -> "; never " + r.name()).reduce("", String::concat));
        var register = ruleSets.stream().flatMap(rs -> rs.framework().register().rows().stream()).map(r -> r.id())
                .distinct().toList();
        List<String> never = register.stream().filter(id -> !inForce.containsKey(id)).toList();
        out.println("  register rows in force for some fixture: " + (register.size() - never.size()) + " of "
                + register.size() + (never.isEmpty() ? "" : "; never: " + String.join(", ", never)));
        out.println("  register values against the values compared with them (below / on / above):");
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
