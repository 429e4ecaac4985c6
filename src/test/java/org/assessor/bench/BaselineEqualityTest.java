package org.assessor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @BeforeAll
    static void compile() throws Exception {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
        engine = new Evaluator(rules);
        baseline = new SameResultBaseline(rules);
        writer = new BatchWriter(out.resolve("lines.jsonl"), out.resolve("lines.csv"), true, true);
    }

    @AfterAll
    static void close() throws Exception {
        writer.close(); // never completed: nothing is moved into place
    }

    @TestFactory
    Stream<DynamicTest> everyShippedFixture() throws Exception {
        var fixtures = fixtures();
        assertThat(fixtures).as("fixtures of the default framework that load").hasSizeGreaterThan(20);
        return fixtures.stream().map(in -> DynamicTest.dynamicTest(in.file(),
                () -> assertThat(SameResult.difference(engine, baseline, writer, in)).as(in.file()).isNull()));
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

    /** Equality says nothing of a rule no compared assessment makes fire: every rule must fire in one of them. */
    @Test
    void everyRuleFiresInSomeComparedAssessment() throws Exception {
        Set<String> fired = new TreeSet<>();
        for (LoadedAssessment in : fixtures()) fired.addAll(engine.evaluate(in).firings().keySet());
        for (LoadedAssessment in : generated()) fired.addAll(engine.evaluate(in).firings().keySet());
        List<String> never = rules.rules().stream().filter(r -> !fired.contains(r.identity())).map(r -> r.id()).toList();
        assertThat(never).as("rules no compared assessment makes fire").isEmpty();
    }

    /**
     * Every shipped fixture of the default (provider) framework that loads, with the register values its expected.json
     * changes, as the cases run it. Fixtures of another framework (rules/frameworks/, e.g. local authority) are left
     * out: they are evaluated by another rule set, which the baseline does not mirror.
     */
    private static List<LoadedAssessment> fixtures() throws Exception {
        List<Path> fixtures = Fixtures.under(Path.of("fixtures"));
        Assessor assessor = new Assessor(rules, Evaluator.DEFAULT_MAX_FIRINGS, true);
        List<LoadedAssessment> loaded = new ArrayList<>();
        for (Path f : fixtures) {
            try {
                Path file = EvidenceLoader.evidenceFile(f);
                String named = EvidenceLoader.frameworkNamed(java.nio.file.Files.readAllBytes(file), file.toString());
                if (named != null && !named.equals(rules.framework().id())) continue;
                Path expected = f.resolve("expected.json");
                var policy = expected.toFile().isFile()
                        ? StrictJson.read(expected, expected.toString(), Expectations.class).value().policy() : null;
                loaded.add((policy == null ? assessor : assessor.withPolicy(policy)).load(f));
            } catch (InvalidInputException | IllegalArgumentException | java.io.IOException e) {
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
