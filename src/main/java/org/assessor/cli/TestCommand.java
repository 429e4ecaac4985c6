package org.assessor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.casebook.CaseResult;
import org.assessor.casebook.CaseRunner;
import org.assessor.casebook.Coverage;
import org.assessor.facts.Numbers;
import org.assessor.report.CaseReporter;
import org.assessor.report.JUnitXmlReporter;
import org.assessor.result.Assessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code test [fixtures/]}: runs every fixture against its expected.json and prints expected against actual. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run fixtures against their expected.json; ends with 'N passed, N failed'.")
public final class TestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<fixtures>", defaultValue = "fixtures", arity = "0..1",
            description = "A fixture folder or a folder of fixtures (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Mixin RulesOption rules;

    @Option(names = "--junit", paramLabel = "<file>", description = "Also write the results as JUnit XML to this file.")
    Path junit;

    @Option(names = "--coverage", description = "Also print what the fixtures cover: rules, statements, bands, thresholds.")
    boolean coverage;

    @Option(names = "--coverage-min", paramLabel = "<percent>",
            description = "Fail (exit 1) when fewer than this percentage of rules fire for some fixture; implies --coverage.")
    Double coverageMin;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Assessor assessor = new Assessor(rules.rules);
        List<CaseResult> results = new CaseRunner(assessor).runAll(fixtures);
        CaseReporter reporter = new CaseReporter();
        int failed = reporter.render(results, out);
        if (junit != null) Output.write(out, junit, w -> new JUnitXmlReporter().render(results, w));
        boolean coverageShort = false;
        if (coverage || coverageMin != null) {
            var cov = new Coverage(usedRuleSets(assessor, results)).of(results);
            cov.print(out);
            coverageShort = coverageMin != null && cov.ruleCoverage() < coverageMin;
            if (coverageShort) {
                out.println("rule coverage " + Numbers.rounded(cov.ruleCoverage(), 1) + "% is below the minimum "
                        + Numbers.plain(coverageMin) + "%");
            }
        }
        reporter.summary(results, failed, out);
        return failed == 0 && !results.isEmpty() && !coverageShort ? Main.OK : Main.PROBLEMS;
    }

    /**
     * The rule sets the fixtures were evaluated with (one per framework they name), the default framework's first;
     * the assessor's own when none evaluated.
     */
    private static List<org.assessor.ruleset.RuleSet> usedRuleSets(Assessor assessor, List<CaseResult> results) {
        List<org.assessor.ruleset.RuleSet> used = new java.util.ArrayList<>();
        results.stream().filter(c -> c.evaluation() != null).map(c -> c.evaluation().rules()).distinct()
                .sorted(java.util.Comparator.comparing(rs -> !rs.framework().isDefault())).forEach(used::add);
        return used.isEmpty() ? List.of(assessor.rules()) : used;
    }
}
