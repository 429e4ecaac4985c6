package org.assessor.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.RuleSet;
import org.assessor.ruleset.RuleSetCompiler;
import org.assessor.engine.SmokeRun;
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

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        List<Problem> problems = new ArrayList<>();
        // Each framework of the folder compiles into its own rule base: the default one, then each one under
        // rules/frameworks/, each checked and run on sample facts.
        List<String> frameworks = List.of();
        try {
            frameworks = Framework.known(rules);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        java.util.Set<String> checked = new java.util.LinkedHashSet<>();
        List<String> each = new ArrayList<>();
        boolean compiledAny = false;
        for (int i = 0; i < Math.max(1, frameworks.size()); i++) {
            RuleSet compiled = null;
            try {
                compiled = new RuleSetCompiler().compile(rules, i == 0 ? null : frameworks.get(i));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
            if (compiled == null) continue;
            compiledAny = true;
            problems.addAll(SmokeRun.run(compiled));
            compiled.rules().forEach(r -> checked.add(r.id() + "\n" + r.file()));
            each.add(compiled.framework().id() + " (" + compiled.rules().size() + " rules)");
        }
        // The coding words a draft's suggestions come from, when the folder has them: read and checked like the rest.
        if (java.nio.file.Files.exists(rules.resolve(org.assessor.ruleset.CodingWords.FILE))) {
            try {
                org.assessor.ruleset.CodingWords.load(rules);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (compiledAny) {
            if (frameworks.size() > 1) {
                out.println("frameworks checked, each with the rules it shares (a shared rule counted once below) = "
                        + String.join(", ", each));
            }
            int n = checked.size();
            out.println(problems.isEmpty() ? n + " rules checked in " + rules + ": no problems"
                    : n + " rules checked in " + rules);
        }
        problems.stream().distinct().sorted().forEach(out::println);
        if (!problems.isEmpty()) out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
        return problems.isEmpty() ? Main.OK : Main.PROBLEMS;
    }
}
