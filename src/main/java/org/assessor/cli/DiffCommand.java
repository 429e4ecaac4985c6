package org.assessor.cli;

import org.assessor.evidence.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.result.Assessor;
import org.assessor.casebook.CaseRunner;
import org.assessor.engine.RuleFault;
import org.assessor.input.InvalidInputException;
import org.assessor.impact.Change;
import org.assessor.report.ChangeReporter;
import org.assessor.impact.RegisterDiff;
import org.assessor.impact.ResultDiff;
import org.assessor.impact.RulesAtRevision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diff --base <rules|rev>}: evaluates every fixture with two rule sets and lists what changed and why. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Evaluate every fixture with the base and the head rules; show each changed score and the findings behind it.")
public final class DiffCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "<rules-or-revision>",
            description = "The rules to compare against: a folder, or a git revision whose rules/ is used.")
    String base;

    @Option(names = "--head", paramLabel = "<folder>", defaultValue = "rules",
            description = "The changed rules folder (default: ${DEFAULT-VALUE}).")
    Path head;

    @Parameters(paramLabel = "<fixtures>", defaultValue = "fixtures", arity = "0..1",
            description = "A fixture or a folder of fixtures (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    ChangeFormat format;

    @Option(names = "--exit-code", description = "Exit 1 if anything changed, like git diff --exit-code.")
    boolean exitCode;

    @Override
    public Integer call() throws Exception {
        java.nio.file.Path baseDir = RulesAtRevision.resolve(base, head);
        Assessor baseRules;
        try {
            baseRules = new Assessor(baseDir);
            baseRules.compileEveryFramework();
        } catch (org.assessor.input.InvalidInputException e) {
            // A revision's files are named as git names them, not at the folder they were extracted to.
            throw java.nio.file.Files.isDirectory(Path.of(base)) ? e : new org.assessor.input.InvalidInputException(
                    RulesAtRevision.asInGit(e.problems(), baseDir, head, base));
        }
        Assessor headRules = new Assessor(head);
        // Rules that do not compile are reported once, before any fixture, not once per fixture of their framework.
        headRules.compileEveryFramework();
        List<Change> changes = new ArrayList<>();
        for (Path f : Fixtures.under(fixtures)) {
            changes.add(compare(f, baseRules, headRules));
        }
        List<RegisterDiff.RegisterChange> register = new ArrayList<>(RegisterDiff.between(
                baseRules.rules().framework().register(), headRules.rules().framework().register(), changes));
        // The registers of the other frameworks the fixtures named (rules/frameworks/<id>/), on both sides; a shared
        // row is listed once.
        for (var h : headRules.ruleSets()) {
            if (h.framework().isDefault()) continue;
            baseRules.ruleSets().stream().filter(b -> b.framework().id().equals(h.framework().id())).findFirst()
                    .ifPresent(b -> RegisterDiff.between(b.framework().register(), h.framework().register(), changes)
                            .stream().filter(c -> register.stream().noneMatch(x -> x.id().equals(c.id())))
                            .forEach(register::add));
        }
        var set = ChangeReporter.ChangeSet.of(base, head.toString(), changes, register);
        var out = spec.commandLine().getOut();
        format.render(set, out);
        if (set.failed() > 0) return Main.PROBLEMS;
        return exitCode && set.anyChange() ? Main.PROBLEMS : Main.OK;
    }

    private static Change compare(Path fixture, Assessor base, Assessor head) {
        try {
            return ResultDiff.between(fixture.toString(), base.evaluate(fixture), head.evaluate(fixture), head.rules().framework());
        } catch (InvalidInputException | RuleFault e) {
            return Change.failed(fixture.toString(), e.getMessage());
        }
    }
}
