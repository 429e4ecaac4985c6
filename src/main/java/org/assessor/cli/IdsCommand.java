package org.assessor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.assessor.report.IdsReporter;
import org.assessor.ruleset.Framework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ids}: every id a fixture may use, from the rules folder's framework data, as Markdown (docs/ids.md). */
@Command(name = "ids", mixinStandardHelpOptions = true,
        description = "Print every id a fixture may use (statements, categories, service types, scopes, ratings, "
                + "measures, words), from the framework data, as Markdown.")
public final class IdsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to this file (whole, then moved into place).")
    Path output;

    @Option(names = "--framework", paramLabel = "<id>",
            description = "The framework whose ids to print (default: the default framework, in rules/framework/).")
    String frameworkId;

    @Override
    public Integer call() throws Exception {
        Framework framework = Framework.load(rules.rules, frameworkId);
        return Output.write(spec.commandLine().getOut(), output,
                w -> new IdsReporter().render(framework, rules.rules.toString(), w));
    }
}
