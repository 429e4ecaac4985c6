package org.assessor.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.assessor.result.Assessor;
import org.assessor.explain.Explanation;
import org.assessor.explain.Explanations;
import org.assessor.report.HtmlReporter;
import org.assessor.report.ExplainReporter;
import org.assessor.report.JsonReporter;
import org.assessor.result.Result;
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

    @picocli.CommandLine.Mixin TimeoutOption timeoutOption;

    @Option(names = "--format", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to this file (whole, then moved into place).")
    Path output;

    @Override
    public Integer call() throws Exception {
        java.time.Duration timeout = timeoutOption.duration(spec);
        Assessor assessor = new Assessor(new org.assessor.ruleset.RuleSetCompiler().compile(rules.rules),
                org.assessor.engine.Evaluator.DEFAULT_MAX_FIRINGS, true, timeout)
                .forFixture(fixture);
        framework = assessor.rules().framework();
        Explanation x = Explanations.of(assessor, fixture);
        checkFilters(x.result());
        x = noSensitivity ? Explanations.narrowed(x, keyQuestion, statement)
                : Explanations.withSensitivity(assessor, fixture, x, keyQuestion, statement);
        Explanation shown = x;
        return Output.write(spec.commandLine().getOut(), output, w -> {
            if (format == Format.json) w.println(JsonReporter.mapper().writeValueAsString(shown));
            else if (format == Format.html) HtmlReporter.withRegister(assessor.framework().register()).render(shown, w);
            else new ExplainReporter().render(shown, w);
        });
    }

    private org.assessor.ruleset.Framework framework;

    private void checkFilters(Result r) {
        if (statement != null && r.keyQuestions().stream().flatMap(k -> k.statements().stream()).noneMatch(s -> s.id().equals(statement))) {
            throw new ParameterException(spec.commandLine(), "statement '" + statement + "' is not in this assessment; expected one of "
                    + r.keyQuestions().stream().flatMap(k -> k.statements().stream()).map(Result.StatementView::id).toList());
        }
        if (keyQuestion != null && r.keyQuestions().stream().noneMatch(k -> k.id().equals(keyQuestion) && k.inScope())) {
            throw new ParameterException(spec.commandLine(), framework.groupingTerm() + " '" + keyQuestion
                    + "' is not assessed here; expected one of " + r.keyQuestions().stream().filter(k -> k.inScope())
                    .map(Result.KeyQuestionView::id).toList());
        }
    }

}
