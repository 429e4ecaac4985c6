package org.assessor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.assessor.impact.CodingAgreement;
import org.assessor.report.AgreementReporter;
import org.assessor.result.Assessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agreement <fixture> <fixture>}: how far two codings of one report agree, field by field. */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = "Compare two codings of the same report: items matched by quote, and for each field the share "
                + "coded alike and Cohen's kappa.")
public final class AgreementCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Parameters(index = "0", paramLabel = "<first>", description = "A fixture folder or its evidence.json.")
    Path first;

    @Parameters(index = "1", paramLabel = "<second>", description = "Another coding of the same report.")
    Path second;

    @Override
    public Integer call() throws Exception {
        Assessor assessor = new Assessor(rules.rules);
        var result = CodingAgreement.between(assessor.load(first), assessor.load(second),
                assessor.rules().framework().vocabulary().defaultExtent());
        new AgreementReporter().render(result, spec.commandLine().getOut());
        return Main.OK;
    }
}
