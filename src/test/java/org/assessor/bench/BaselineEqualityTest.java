package org.assessor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assessor.batch.BatchWriter;
import org.assessor.batch.Generator;
import org.assessor.casebook.Expectations;
import org.assessor.engine.Derivation;
import org.assessor.engine.Evaluation;
import org.assessor.engine.Evaluator;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.evidence.Fixtures;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.input.InvalidInputException;
import org.assessor.input.StrictJson;
import org.assessor.result.Assessor;
import org.assessor.result.ResultBuilder;
import org.assessor.ruleset.RuleSet;
import org.assessor.ruleset.RuleSetCompiler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same-result baseline gives the rules engine's result, to the byte of its JSON line with the derivation graph
 * (facts, texts, rule ids, premises and firing counts), on every shipped fixture and on generated assessments.
 */
class BaselineEqualityTest {
    private static final int GENERATED = 300;

    @TempDir
    static Path out;
    private static RuleSet rules;
    private static Evaluator engine;
    private static SameResultBaseline baseline;
    private static BatchWriter writer;
    private static final Map<RuleSet, Evaluator> engines = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    private static final Map<RuleSet, SameResultBaseline> baselines =
            java.util.Collections.synchronizedMap(new IdentityHashMap<>());

    @BeforeAll
    static void compile() throws Exception {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
        engine = new Evaluator(rules);
        baseline = new SameResultBaseline(rules);
        engines.put(rules, engine);
        baselines.put(rules, baseline);
        writer = new BatchWriter(out.resolve("lines.jsonl"), out.resolve("lines.csv"), true, true);
    }

    @AfterAll
    static void close() throws Exception {
        writer.close(); // never completed: nothing is moved into place
    }

    @TestFactory
    Stream<DynamicTest> everyShippedFixture() throws Exception {
        var fixtures = fixtures();
        assertThat(fixtures).as("fixtures that load").hasSizeGreaterThan(20);
        assertThat(fixtures.stream().filter(c -> !c.rules().framework().isDefault())).as("fixtures of another framework")
                .isNotEmpty();
        return fixtures.stream().map(c -> DynamicTest.dynamicTest(c.in().file(), () -> assertThat(SameResult.difference(
                engines.computeIfAbsent(c.rules(), Evaluator::new), baselines.computeIfAbsent(c.rules(),
                        SameResultBaseline::new), writer, c.in())).as(c.in().file()).isNull()));
    }

    @Test
    void generatedAssessments() throws Exception {
        var generated = generated();
        assertThat(generated).hasSize(GENERATED);
        for (int i = 0; i < generated.size(); i++) {
            assertThat(SameResult.difference(engine, baseline, writer, generated.get(i)))
                    .as("generated assessment " + (i + 1)).isNull();
        }
    }

    /**
     * Equality says nothing of a rule no compared assessment makes fire: every rule of every framework's rule set must
     * fire in one of them.
     */
    @Test
    void everyRuleFiresInSomeComparedAssessment() throws Exception {
        Set<String> fired = new TreeSet<>(); // by rule id: a shared rule is one rule in every framework's rule set
        Set<RuleSet> ruleSets = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Case c : fixtures()) {
            ruleSets.add(c.rules());
            engines.computeIfAbsent(c.rules(), Evaluator::new).evaluate(c.in()).firings()
                    .forEach((rule, n) -> fired.add(c.rules().rule(rule).id()));
        }
        for (LoadedAssessment in : generated()) {
            engine.evaluate(in).firings().forEach((rule, n) -> fired.add(rules.rule(rule).id()));
        }
        assertThat(ruleSets).hasSizeGreaterThan(1);
        for (RuleSet r : ruleSets) {
            assertThat(r.rules().stream().map(x -> x.id()).filter(id -> !fired.contains(id)).toList())
                    .as("rules of framework %s no compared assessment makes fire", r.framework().id()).isEmpty();
        }
    }

    /** A fixture loaded, and the rule set of the framework it names. */
    private record Case(LoadedAssessment in, RuleSet rules) {}

    /**
     * Every shipped fixture that loads, with the register values its expected.json changes, under the framework it
     * names (the provider framework, or another in rules/frameworks/), as the cases run it.
     */
    private static List<Case> fixtures() throws Exception {
        List<Path> fixtures = Fixtures.under(Path.of("fixtures"));
        Assessor assessor = new Assessor(rules, Evaluator.DEFAULT_MAX_FIRINGS, true);
        List<Case> loaded = new ArrayList<>();
        for (Path f : fixtures) {
            try {
                Path expected = f.resolve("expected.json");
                var policy = expected.toFile().isFile()
                        ? StrictJson.read(expected, expected.toString(), Expectations.class).value().policy() : null;
                Assessor target = (policy == null ? assessor : assessor.withPolicy(policy)).forFixture(f);
                loaded.add(new Case(target.load(f), target.rules()));
            } catch (InvalidInputException | IllegalArgumentException e) {
                // a fixture meant to be refused: neither the engine nor the baseline evaluates it
            }
        }
        return loaded;
    }

    private static List<LoadedAssessment> generated() throws Exception {
        StringWriter generated = new StringWriter();
        new Generator(rules.framework(), 11).write(GENERATED, generated);
        EvidenceLoader loader = new EvidenceLoader(rules.framework());
        List<LoadedAssessment> out = new ArrayList<>();
        int n = 0;
        for (String line : generated.toString().split("\n")) {
            out.add(loader.load(line.getBytes(StandardCharsets.UTF_8), "generated " + (++n)));
        }
        return out;
    }

    @Test
    void theCheckSeesADifferenceInOnePremise() throws Exception {
        LoadedAssessment in = new Assessor(rules, Evaluator.DEFAULT_MAX_FIRINGS, true)
                .load(Path.of("fixtures/cpft-well-led-2025"));
        Evaluation e = baseline.evaluate(in);
        List<Derivation> changed = new ArrayList<>(e.derivations());
        Derivation d = changed.get(changed.size() / 2);
        changed.set(changed.size() / 2, new Derivation(d.fact(), d.rule(), d.premises().subList(1, d.premises().size())));
        Evaluation planted = new Evaluation(rules, in, e.facts(), e.keys(), changed, e.firings());
        String drools = writer.line(0, "seed", new ResultBuilder(engine.evaluate(in)).build());
        assertThat(SameResult.difference(drools, writer.line(0, "seed", new ResultBuilder(e).build()))).isNull();
        assertThat(SameResult.difference(drools, writer.line(0, "seed", new ResultBuilder(planted).build())))
                .contains("/derivation").contains(d.premises().get(0));
    }
}
