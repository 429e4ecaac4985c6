package org.assessor.serve;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.assessor.batch.BatchWriter;

/**
 * A dry run and one assessment's comparison as CSV for a policy team's files: a byte-order mark first (a spreadsheet
 * then reads UTF-8), one row per score, rating or finding that changed, with why, and every text cell a spreadsheet
 * would run as a formula neutralised, as in the portfolio's and a batch's CSV.
 */
final class Exports {
    private Exports() {}

    private static final List<String> HEADER = List.of("dry_run", "before", "after", "id", "provider", "service_type",
            "what", "value_before", "value_after", "moved", "why", "changed_register_rows_read", "rules_behind");

    /** Every changed assessment's moves, then each assessment that could not be evaluated on one side. */
    static String dryRun(DryRun run) throws IOException {
        StringWriter out = new StringWriter();
        out.write(PortfolioPages.BOM);
        try (CSVPrinter csv = printer(out)) {
            csv.printRecord(HEADER);
            DryRun.Impact i = run.impact;
            if (i == null) throw new Http.Refused(409, "the dry run has not finished (or it failed)");
            for (DryRun.Moved m : i.moved()) rows(csv, run, m);
            for (DryRun.Failed f : i.failedItems()) {
                csv.printRecord(cells(run, f.id(), "", "", "could not be evaluated", "", "", "", f.error(), "", ""));
            }
        }
        return out.toString();
    }

    /** One assessment's moves (its rows of the dry run's CSV). */
    static String compare(DryRun run, String id) throws IOException {
        DryRun.Moved m = run.impact == null ? null : run.impact.moved().stream().filter(x -> x.id().equals(id))
                .findFirst().orElse(null);
        if (m == null) throw new Http.Refused(404, "no assessment with that id moved in this dry run");
        StringWriter out = new StringWriter();
        out.write(PortfolioPages.BOM);
        try (CSVPrinter csv = printer(out)) {
            csv.printRecord(HEADER);
            rows(csv, run, m);
        }
        return out.toString();
    }

    private static CSVPrinter printer(StringWriter out) throws IOException {
        return new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build());
    }

    private static void rows(CSVPrinter csv, DryRun run, DryRun.Moved m) throws IOException {
        String why = String.join(" ", m.reasons());
        String rows = String.join("; ", m.registerRows());
        String rules = String.join("; ", m.rules());
        for (var sc : m.scores()) {
            csv.printRecord(cells(run, m.id(), m.provider(), m.serviceType(), sc.what(), sc.base(), sc.head(),
                    sc.direction() > 0 ? "up" : sc.direction() < 0 ? "down" : "changed", why, rows, rules));
        }
        for (var f : m.findings()) {
            csv.printRecord(cells(run, m.id(), m.provider(), m.serviceType(), "finding " + f.ruleId() + " on "
                    + f.evidenceId() + " (statement " + f.statement() + ")", f.change().equals("disappeared")
                    ? f.summary() : "", f.change().equals("appeared") ? f.summary() : "", f.change(), why, rows, rules));
        }
    }

    private static List<String> cells(DryRun run, String... values) {
        List<String> out = new ArrayList<>(List.of(BatchWriter.cell(run.description), BatchWriter.cell(run.beforeLabel()),
                BatchWriter.cell(run.afterLabel())));
        for (String v : values) out.add(v == null ? "" : BatchWriter.cell(v));
        return out;
    }
}
