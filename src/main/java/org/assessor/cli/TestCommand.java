package org.assessor.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.result.Assessor;
import org.assessor.casebook.CaseResult;
import org.assessor.casebook.CaseRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import org.assessor.casebook.Coverage;
import org.assessor.report.JUnitXmlReporter;
import picocli.CommandLine.Mixin;
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
        int passed = 0;
        int failed = 0;
        for (CaseResult r : results) {
            if (r.passed()) {
                passed++;
                out.println("PASS " + r.fixture() + " — " + r.proves());
                continue;
            }
            failed++;
            out.println("FAIL " + r.fixture() + (r.proves().isEmpty() ? "" : " — " + r.proves()));
            if (r.error() != null) out.println("  " + r.error().replace("\n", "\n  "));
            r.differences().forEach(d -> out.println("  " + d));
        }
        if (junit != null) {
            Output.write(out, junit, w -> {
                try {
                    JUnitXmlReporter.write(results, w);
                } catch (javax.xml.stream.XMLStreamException e) {
                    throw new IOException(e);
                }
            });
        }
        boolean coverageShort = false;
        if (coverage || coverageMin != null) {
            var fixtureList = CaseRunner.fixtures(fixtures);
            var cov = new Coverage(assessor).collect(fixtureList);
            cov.print(out, rules.rules, fixtureList);
            if (coverageMin != null && cov.ruleCoverage() < coverageMin) {
                coverageShort = true;
                out.println("rule coverage " + org.assessor.facts.Numbers.rounded(cov.ruleCoverage(), 1)
                        + "% is below the minimum " + org.assessor.facts.Numbers.plain(coverageMin) + "%");
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 && !results.isEmpty() && !coverageShort ? Main.OK : Main.PROBLEMS;
    }
}
