package org.assessor.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.casebook.Assessor;
import org.assessor.engine.RuleFault;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.evidence.InvalidInputException;
import org.assessor.evidence.StrictJson;
import org.assessor.explain.Explanation;
import org.assessor.explain.Sensitivity;
import org.assessor.report.ExplainReporter;
import org.assessor.report.JsonReporter;
import org.assessor.report.Result;
import org.assessor.ruleset.RuleSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code explain <fixture>}: why each score was given, the arithmetic, and what would change it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a fixture's rating from the top down to the quoted evidence, and what would change it.")
public final class ExplainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Parameters(paramLabel = "<fixture>", description = "A fixture folder or its evidence.json.")
    Path fixture;

    @Option(names = "--statement", paramLabel = "<id>", description = "Explain one quality statement.")
    String statement;

    @Option(names = "--key-question", paramLabel = "<id>", description = "Explain one key question.")
    String keyQuestion;

    @Option(names = "--no-sensitivity", description = "Skip 'what would change it' (it re-runs the engine many times).")
    boolean noSensitivity;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to this file (whole, then moved into place).")
    Path output;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        try {
            Assessor assessor = new Assessor(rules.rules);
            Path file = EvidenceLoader.evidenceFile(fixture);
            byte[] bytes = StrictJson.bytes(file, file.toString());
            Result result = assessor.evaluate(bytes, file.toString());
            checkFilters(result);
            Sensitivity sensitivity = new Sensitivity(assessor, bytes, file.toString(), result);
            Explanation x = new Explanation(result, limiters(result), noSensitivity ? List.of()
                    : sensitivity.keyQuestions(k -> keyQuestion == null || k.equals(keyQuestion)),
                    noSensitivity ? List.of() : sensitivity.metrics(s -> statement == null || s.equals(statement)
                            && (keyQuestion == null || result.keyQuestions().stream().anyMatch(k -> k.id().equals(keyQuestion)
                            && k.statements().stream().anyMatch(st -> st.id().equals(s))))),
                    keyQuestion, statement);
            return Output.write(spec.commandLine().getOut(), output, w -> {
                if (format == Format.json) w.println(JsonReporter.mapper().writeValueAsString(x));
                else new ExplainReporter().render(x, w);
            });
        } catch (InvalidInputException e) {
            e.problems().forEach(err::println);
            return Main.PROBLEMS;
        } catch (RuleFault e) {
            err.println("assessor: " + e.getMessage());
            return Main.PROBLEMS;
        }
    }

    private void checkFilters(Result r) {
        if (statement != null && r.keyQuestions().stream().flatMap(k -> k.statements().stream()).noneMatch(s -> s.id().equals(statement))) {
            throw new ParameterException(spec.commandLine(), "statement '" + statement + "' is not in this assessment; expected one of "
                    + r.keyQuestions().stream().flatMap(k -> k.statements().stream()).map(Result.StatementView::id).toList());
        }
        if (keyQuestion != null && r.keyQuestions().stream().noneMatch(k -> k.id().equals(keyQuestion) && k.assessed())) {
            throw new ParameterException(spec.commandLine(), "key question '" + keyQuestion + "' is not assessed here");
        }
    }

    /** Every rule that can cap a key question's rating, with whether it held for each assessed key question. */
    private List<Explanation.Limiter> limiters(Result r) throws IOException {
        List<Explanation.Limiter> out = new ArrayList<>();
        List<RuleSource.Rule> capRules = RuleSource.read(rules.rules).stream()
                .filter(x -> x.text().contains("RatingCap.by(")).toList();
        for (var kq : r.keyQuestions()) {
            if (!kq.assessed()) continue;
            for (RuleSource.Rule c : capRules) {
                var cap = kq.caps().stream().filter(v -> v.ruleId().equals(c.id())).findFirst();
                String state = cap.isEmpty() ? "not in force" : cap.get().applied()
                        ? "in force and applied: the rating is at most " + cap.get().limit()
                        : "in force, but the band is already no better than " + cap.get().limit();
                out.add(new Explanation.Limiter(kq.id(), c.id(), c.name(), state, cap.map(Result.CapView::reason).orElse(null)));
            }
        }
        return out;
    }
}
