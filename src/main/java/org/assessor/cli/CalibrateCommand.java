package org.assessor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.assessor.casebook.Calibration;
import org.assessor.report.CalibrationReporter;
import org.assessor.report.JsonReporter;
import org.assessor.result.Assessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code calibrate [fixtures/calibration]}: how often the rules give CQC's published score for real statements. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Evaluate real statements with published scores (fixtures whose expected.json has a calibration "
                + "block) and print exact and within-one agreement, the confusion matrix and shortfall recall, beside "
                + "what answering 'good standard' every time gets.")
public final class CalibrateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Parameters(paramLabel = "<fixtures>", defaultValue = "fixtures/calibration", arity = "0..1",
            description = "A folder of calibration fixtures (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--min-exact", paramLabel = "<n>", description = "Exit 1 when fewer statements than this get the published score.")
    Integer minExact;

    @Option(names = "--min-within-one", paramLabel = "<n>", description = "Exit 1 when fewer than this are within one of it.")
    Integer minWithinOne;

    @Option(names = "--min-shortfalls-found", paramLabel = "<n>",
            description = "Exit 1 when fewer of the statements published at some shortfalls or below are scored there.")
    Integer minFound;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: expected text or json, found '"
                    + format + "'");
        }
        var out = spec.commandLine().getOut();
        Calibration.Report r = new Calibration(new Assessor(rules.rules)).run(fixtures);
        if (r.total() == 0) {
            out.println(fixtures + ": no calibration fixtures (an expected.json with a \"calibration\" block) found");
            return Main.PROBLEMS;
        }
        if (format.equals("json")) out.println(JsonReporter.mapper().writeValueAsString(r));
        else new CalibrationReporter().render(r, fixtures.toString(), out);
        boolean short_ = (minExact != null && r.exact() < minExact) || (minWithinOne != null && r.withinOne() < minWithinOne)
                || (minFound != null && r.shortfallsFound() < minFound);
        if (format.equals("text") && short_) out.println("below a minimum asked for");
        out.flush();
        return !r.problems().isEmpty() || short_ ? Main.PROBLEMS : Main.OK;
    }
}
