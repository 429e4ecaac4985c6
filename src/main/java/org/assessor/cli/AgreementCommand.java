package org.assessor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.evidence.Fixtures;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.impact.CodingAgreement;
import org.assessor.report.AgreementReporter;
import org.assessor.result.Assessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agreement <first> <second>}: how far two codings agree, field by field: of one report (two fixtures), or of
 * several (two folders of fixtures, paired by their folder names and pooled).
 */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = "Compare two codings: of one report (two fixtures), or of several (two folders of fixtures, "
                + "paired by folder name): items matched by quote, and for each field the share coded alike and "
                + "Cohen's kappa.")
public final class AgreementCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Parameters(index = "0", paramLabel = "<first>", description = "A fixture folder or its evidence.json, or a folder of fixtures.")
    Path first;

    @Parameters(index = "1", paramLabel = "<second>", description = "Another coding of the same report or reports.")
    Path second;

    @Override
    public Integer call() throws Exception {
        Assessor assessor = new Assessor(rules.rules);
        String defaultExtent = assessor.rules().framework().vocabulary().defaultExtent();
        var out = spec.commandLine().getOut();
        if (single(first) && single(second)) {
            new AgreementReporter().render(CodingAgreement.between(assessor.load(first), assessor.load(second),
                    defaultExtent), out);
            return Main.OK;
        }
        Map<String, Path> a = byName(first);
        Map<String, Path> b = byName(second);
        List<LoadedAssessment[]> pairs = new ArrayList<>();
        List<String> unpaired = new ArrayList<>();
        for (var e : a.entrySet()) {
            Path other = b.get(e.getKey());
            if (other == null) unpaired.add(first.relativize(e.getValue()) + " (no coding of it under " + second + ")");
            else pairs.add(new LoadedAssessment[] {assessor.load(e.getValue()), assessor.load(other)});
        }
        b.forEach((name, p) -> { if (!a.containsKey(name)) unpaired.add(second.relativize(p) + " (no coding of it under " + first + ")"); });
        if (pairs.isEmpty()) {
            out.println("no report is coded in both " + first + " and " + second + " (fixtures are paired by folder name)");
            return Main.PROBLEMS;
        }
        var result = CodingAgreement.across(pairs, first + " (" + pairs.size() + " reports)",
                second + " (" + pairs.size() + " reports)", defaultExtent);
        new AgreementReporter().render(result, out);
        unpaired.forEach(u -> out.println("not paired: " + u));
        return unpaired.isEmpty() ? Main.OK : Main.PROBLEMS;
    }

    private static boolean single(Path p) {
        return Files.isRegularFile(p) || Files.isRegularFile(p.resolve(EvidenceLoader.EVIDENCE_FILE));
    }

    /** The fixtures under a folder by folder name. */
    private static Map<String, Path> byName(Path root) throws java.io.IOException {
        Map<String, Path> out = new TreeMap<>();
        for (Path f : Fixtures.under(root)) out.put(f.getFileName().toString(), f);
        return out;
    }
}
