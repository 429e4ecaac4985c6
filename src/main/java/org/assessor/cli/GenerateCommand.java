package org.assessor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.assessor.batch.Generator;
import org.assessor.ruleset.Framework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate --count N --seed S}: synthetic assessments as JSON Lines, the same for the same seed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write N synthetic assessments (JSON Lines, one evidence.json per line), deterministic for a seed.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Option(names = "--count", required = true, paramLabel = "<n>", description = "How many assessments.")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "<s>", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--framework", paramLabel = "<id>",
            description = "Generate assessments of this framework (default: the default framework, in rules/framework/).")
    String frameworkId;

    @Option(names = {"-o", "--output"}, paramLabel = "<file.jsonl>", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (count < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must be 1 or more");
        Generator g = new Generator(Framework.load(rules.rules, frameworkId), seed);
        if (output == null) {
            g.write(count, spec.commandLine().getOut());
            return Main.OK;
        }
        return Output.stream(spec.commandLine().getOut(), output, w -> g.write(count, w));
    }
}
