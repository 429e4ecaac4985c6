package org.assessor.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.engine.RulesCheck;
import org.assessor.input.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate [rules/]}: compiles, lints and smoke-runs the rules; one {@code path:line:column: message} per problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compile and lint a rules folder, and run it on sample facts; exit 1 on any problem.")
public final class ValidateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<rules>", defaultValue = "rules", arity = "0..1",
            description = "The rules folder (default: ${DEFAULT-VALUE}).")
    Path rules;

    @picocli.CommandLine.Mixin TimeoutOption timeoutOption;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        RulesCheck.Outcome o = RulesCheck.of(rules, timeoutOption.duration(spec));
        List<Problem> problems = o.problems();
        if (o.compiledAny()) {
            if (o.frameworkCount() > 1) {
                out.println("frameworks checked, each with the rules it shares (a shared rule counted once below) = "
                        + String.join(", ", o.frameworks()));
            }
            int n = o.rules();
            out.println(problems.isEmpty() ? n + " rules checked in " + rules + ": no problems"
                    : n + " rules checked in " + rules);
        }
        problems.forEach(out::println);
        if (!problems.isEmpty()) out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
        return problems.isEmpty() ? Main.OK : Main.PROBLEMS;
    }
}
