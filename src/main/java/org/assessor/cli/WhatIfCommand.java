package org.assessor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.StrictJson;
import org.assessor.report.ChangeReporter;
import org.assessor.impact.EvidenceEdit;
import org.assessor.impact.ResultDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code what-if <fixture> --set id.field=value}: re-evaluates with changed evidence and shows what changed and why. */
@Command(name = "what-if", mixinStandardHelpOptions = true,
        description = "Re-evaluate a fixture with changed evidence (in memory; the file is not touched) and show what changed.")
public final class WhatIfCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Parameters(paramLabel = "<fixture>", description = "A fixture folder or its evidence.json.")
    Path fixture;

    @Option(names = "--set", paramLabel = "<id.field=value>",
            description = "A change of evidence, e.g. gov-11.value=92, env-06.extent=widespread, fsu-02.benchmark.national-average=50. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "<register-id=value>",
            description = "A change of a policy register value, in memory, e.g. limiters.cascade=no. Repeatable.")
    Map<String, String> policy = new LinkedHashMap<>();

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    ChangeFormat format;

    @Override
    public Integer call() throws Exception {
        if (sets.isEmpty() && policy.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to change: give --set <id.field=value> or --policy <register-id=value>");
        }
        Assessor assessor = new Assessor(rules.rules).forFixture(fixture);
        Path file = EvidenceLoader.evidenceFile(fixture);
        byte[] original = StrictJson.bytes(file, file.toString());
        // The fixture as it is first: a fixture that does not load is reported with its positions (exit 1).
        var before = assessor.evaluate(original, file.toString());
        byte[] changed;
        Assessor changedRules;
        try {
            changed = sets.isEmpty() ? original : EvidenceEdit.apply(original, fixture.toString(), sets);
            changedRules = assessor.withPolicy(policy);
        } catch (EvidenceEdit.Refused | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Result after;
        try {
            after = changedRules.evaluate(changed, file + " (what-if)");
        } catch (IllegalArgumentException e) {
            // A register value of another framework of the rules folder, not of the one this fixture names.
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        var change = ResultDiff.between(fixture.toString(), before, after, assessor.rules().framework());
        List<String> what = new ArrayList<>(sets);
        policy.forEach((k, v) -> what.add("register " + k + "=" + v));
        format.render(ChangeReporter.ChangeSet.of(file.toString(), "with " + String.join(", ", what), List.of(change)),
                spec.commandLine().getOut());
        return Main.OK;
    }
}
