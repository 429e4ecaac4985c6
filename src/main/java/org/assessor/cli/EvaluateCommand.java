package org.assessor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.batch.BatchSource;
import org.assessor.result.Assessor;
import org.assessor.explain.Explanation;
import org.assessor.explain.Explanations;
import org.assessor.report.HtmlReporter;
import org.assessor.result.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evaluate <fixture>}: evaluates one fixture and prints the explained rating as text or JSON. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a fixture (a folder with evidence.json, or the file) and print the explained rating; "
                + "or a batch: a folder of fixtures or a JSON Lines file, written to --out.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<fixture>", description = "A fixture folder or its evidence.json.")
    Path fixture;

    @Mixin RulesOption rules;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
            description = "text, json or html (default: ${DEFAULT-VALUE}); html is one self-contained page.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>",
            description = "Write the report to this file (written whole, then moved into place).")
    Path output;

    @Option(names = "--max-firings", paramLabel = "<n>", defaultValue = "100000",
            description = "Stop with an error if the rules fire more than this many times (default: ${DEFAULT-VALUE}).")
    long maxFirings;

    @picocli.CommandLine.Mixin TimeoutOption timeoutOption;

    @Option(names = "--out", paramLabel = "<prefix>",
            description = "Batch only, and required for a batch: write <prefix>.jsonl (one result per line) and "
                    + "<prefix>.csv (one row per provider and key question).")
    String out;

    @Option(names = "--threads", paramLabel = "<n>", description = "Batch only: worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--with-findings", description = "Batch only: add each statement's findings (with their quotes) and "
            + "the evidence no rule judged to the JSON Lines, which otherwise carry scores, ratings, caps and their arithmetic.")
    boolean withFindings;

    @Option(names = "--with-graph", description = "Batch only: add the findings and each result's derivation graph to "
            + "the JSON Lines.")
    boolean withGraph;

    @Override
    public Integer call() throws Exception {
        if (maxFirings < 1) throw new ParameterException(spec.commandLine(), "--max-firings must be 1 or more, found " + maxFirings);
        java.time.Duration timeout = timeoutOption.duration(spec);
        if (threads != null && threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be 1 or more, found " + threads);
        if (BatchSource.isBatch(fixture)) {
            if (out == null) {
                throw new ParameterException(spec.commandLine(), fixture + " is a batch (a folder of fixtures or a JSON "
                        + "Lines file): give --out <prefix> for its <prefix>.jsonl and <prefix>.csv");
            }
            List<String> oneOnly = new java.util.ArrayList<>();
            if (spec.commandLine().getParseResult().hasMatchedOption("--format")) oneOnly.add("--format");
            if (output != null) oneOnly.add("--output");
            if (!oneOnly.isEmpty()) {
                throw new ParameterException(spec.commandLine(), String.join(" and ", oneOnly) + (oneOnly.size() == 1
                        ? " is" : " are") + " for one fixture, and " + fixture + " is a batch, which always writes JSON "
                        + "Lines and CSV to --out <prefix>; leave " + (oneOnly.size() == 1 ? "it" : "them") + " out");
            }
            org.assessor.input.Targets.writable(Path.of(out + ".jsonl"), "--out");
            org.assessor.input.Targets.writable(Path.of(out + ".csv"), "--out");
            return new BatchEvaluation(spec, rules.rules, maxFirings, withFindings, withGraph, timeout).run(fixture, Path.of(out + ".jsonl"),
                    Path.of(out + ".csv"), threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        }
        List<String> batchOnly = new java.util.ArrayList<>();
        if (out != null) batchOnly.add("--out");
        if (threads != null) batchOnly.add("--threads");
        if (withFindings) batchOnly.add("--with-findings");
        if (withGraph) batchOnly.add("--with-graph");
        if (!batchOnly.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", batchOnly) + (batchOnly.size() == 1
                    ? " is" : " are") + " for a batch (a folder of fixtures or a JSON Lines file), and " + fixture
                    + " is one fixture; leave " + (batchOnly.size() == 1 ? "it" : "them") + " out (its report shows "
                    + "findings and, with --format json, the derivation graph)");
        }
        org.assessor.input.Targets.writable(output, "--output");
        Assessor assessor = new Assessor(new org.assessor.ruleset.RuleSetCompiler().compile(rules.rules), maxFirings, true, timeout);
        if (format == Format.html) {
            Explanation x = Explanations.withSensitivity(assessor, fixture, Explanations.of(assessor, fixture),
                    null, null);
            var register = assessor.forFixture(fixture).framework().register();
            return Output.write(spec.commandLine().getOut(), output, w -> HtmlReporter.withRegister(register).render(x, w));
        }
        Result result = assessor.evaluate(fixture);
        return Output.write(spec.commandLine().getOut(), output, w -> format.render(result, w));
    }
}
