package org.assessor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.assessor.draft.Draft;
import org.assessor.draft.DraftFiles;
import org.assessor.draft.DraftMeasure;
import org.assessor.draft.WordsPrinter;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.facts.Numbers;
import org.assessor.input.InvalidInputException;
import org.assessor.report.AgreementReporter;
import org.assessor.result.Assessor;
import org.assessor.ruleset.CodingWords;
import org.assessor.ruleset.Framework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code draft <report> -o <folder>}: a draft fixture from a report (text, HTML or PDF), every coded field a suggestion
 * until a coder accepts it; with {@code --compare <coding>}, how close the suggestions come to a finished coding.
 */
@Command(name = "draft", mixinStandardHelpOptions = true,
        description = "Draft a fixture from a report (plain text, HTML or PDF): each quality statement's section found by "
                + "its heading, cut into sentences, one evidence item per sentence that may be evidence, every coded "
                + "field a suggestion until a coder accepts it (on the workbench's coding page). Nothing is written "
                + "when the report cannot be read or has no statement heading.")
public final class DraftCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<report>", description = "The report: .txt, .html or .pdf.")
    Path report;

    @Option(names = {"-o", "--output"}, paramLabel = "<fixture-folder>",
            description = "The folder to write the draft to (evidence.json and draft.json); it must not hold them already.")
    Path output;

    @Option(names = "--framework", paramLabel = "<id>", description = "The framework (default: the one whose statement "
            + "headings the report has most of).")
    String framework;

    @Option(names = "--service-type", paramLabel = "<id>", description = "The service type (default: the framework's "
            + "first, marked as a suggestion).")
    String serviceType;

    @Option(names = "--statement", paramLabel = "<id>", description = "The whole text is this statement's (an excerpt "
            + "of one statement, with no heading).")
    String statement;

    @Option(names = "--provider", paramLabel = "<name>", description = "The provider's name (default: found in the "
            + "report's opening lines, marked as a suggestion).")
    String provider;

    @Option(names = "--date", paramLabel = "<YYYY-MM-DD>", description = "The assessment date (default: the report's "
            + "first date, marked as a suggestion).")
    String date;

    @Option(names = "--compare", paramLabel = "<coded-fixture>", description = "Measure the draft against a finished "
            + "coding of the same report: quotes found, metrics matched, and per-field agreement (kappa).")
    Path compare;

    @Option(names = "--print-words", description = "Print the coding words the suggestions come from "
            + "(rules/coding/words.json) as Markdown, as the coding guide shows them, and stop.")
    boolean printWords;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (printWords) {
            WordsPrinter.print(CodingWords.load(rules.rules), out);
            return Main.OK;
        }
        if (report == null) throw new ParameterException(spec.commandLine(), "expected a report to draft, or --print-words");
        if (output == null && compare == null) {
            throw new ParameterException(spec.commandLine(), "expected -o <fixture-folder> to write the draft to (or "
                    + "--compare <coded-fixture> to only measure it)");
        }
        if (output != null) {
            for (String f : new String[] {EvidenceLoader.EVIDENCE_FILE, Draft.SENTENCES_FILE}) {
                if (Files.exists(output.resolve(f))) {
                    err.println("assessor: " + output.resolve(f) + " already exists; expected a new folder for the draft "
                            + "(nothing was written)");
                    return Main.PROBLEMS;
                }
            }
            if (Files.exists(output) && !Files.isDirectory(output)) {
                err.println("assessor: " + output + " is a file; expected a folder for the draft (nothing was written)");
                return Main.PROBLEMS;
            }
        }
        Draft.Made made;
        try {
            made = Draft.make(rules.rules, report, new Draft.Options(framework, serviceType, statement, provider, date));
        } catch (InvalidInputException e) {
            e.problems().forEach(err::println);
            err.println("assessor: nothing was written");
            return Main.PROBLEMS;
        }
        out.println("draft of " + report + ": " + made.sentenceCount() + " sentences in " + made.perStatement().size()
                + " statement" + (made.perStatement().size() == 1 ? "" : "s") + " (framework " + made.framework() + "); "
                + made.items() + " evidence items (" + made.metrics() + " metric candidates), " + made.notEvidence()
                + " sentences not evidence by the coding guide");
        made.perStatement().forEach((s, n) -> out.println("  " + s + ": " + n + " items"));
        if (output != null) {
            DraftFiles.write(output, Draft.files(made));
            out.println("written: " + output.resolve(Draft.SENTENCES_FILE) + ", " + output.resolve(EvidenceLoader.EVIDENCE_FILE));
            out.println("every coded field is a suggestion until a coder accepts it; evaluate refuses the draft until "
                    + "then. To code it on the workbench's coding page, put the report in a desk folder and "
                    + "start it there (assessor serve --desk <desk>; a coding lives in <desk>/<report>/<coder>/)");
        }
        if (compare != null) {
            Assessor assessor = new Assessor(rules.rules);
            var coded = assessor.load(compare);
            Framework fw = Framework.load(rules.rules, made.framework());
            measure(DraftMeasure.of(fw, made, coded), out);
        }
        out.flush();
        return Main.OK;
    }

    static void measure(DraftMeasure.Result r, PrintWriter out) {
        out.println();
        out.println("against " + r.coded() + " (" + r.codedItems() + " items; the draft has " + r.draftItems() + "):");
        out.println("quotes found: " + r.found() + " of " + r.codedItems() + " (" + Numbers.rounded(100.0 * r.found()
                / Math.max(1, r.codedItems()), 1) + "%): " + r.exact() + " the same quote, " + r.overlapping()
                + " a quote holding it or held in it");
        r.quotes().stream().filter(q -> q.found().equals("missing")).forEach(q -> out.println("  missing " + q.id()
                + ": \"" + q.quote() + "\" (" + q.note() + ")"));
        out.println("metrics with the same value, unit and benchmarks: " + r.metricsMatched() + " of " + r.codedMetrics()
                + " (" + Numbers.rounded(100.0 * r.metricsMatched() / Math.max(1, r.codedMetrics()), 1) + "%)");
        r.metrics().stream().filter(m -> !m.matched()).forEach(m -> out.println("  not matched " + m.id() + ": coded "
                + m.expected() + "; suggested " + m.suggested()));
        out.println();
        out.println("agreement of the suggestions (counted as coded) with the coding, items matched by quote:");
        new AgreementReporter().render(r.agreement(), out);
    }
}
