package org.assessor.report;

import java.io.PrintWriter;
import org.assessor.casebook.Calibration;

/** Renders a calibration: agreement with the published scores beside "always the same answer", the confusion matrix and every miss with why. */
public final class CalibrationReporter {

    public void render(Calibration.Report r, String folder, PrintWriter out) {
        int n = r.total() - r.problems().size();
        out.println("Calibration: " + n + " real statements with CQC's published scores (" + folder + ")");
        out.println();
        out.println(String.format("%-40s %-10s %s", "", "rules", "always " + r.common()));
        out.println(String.format("%-40s %-10s %s", "exact", r.exact() + " of " + n, r.commonExact() + " of " + n));
        out.println(String.format("%-40s %-10s %s", "within one", r.withinOne() + " of " + n,
                r.commonWithinOne() + " of " + n));
        out.println(String.format("%-40s %-10s %s", "shortfalls found (published " + (r.common() - 1) + " or lower)",
                r.shortfallsFound() + " of " + r.shortfallsPublished(),
                r.commonShortfallsFound() + " of " + r.shortfallsPublished()));
        out.println();
        out.println("confusion: rows are the published score, columns the rules' score");
        StringBuilder head = new StringBuilder(String.format("%-12s", "published"));
        for (int s = r.min(); s <= r.max(); s++) head.append(String.format("%5d", s));
        out.println(head.append("   not scored"));
        for (int p = r.min(); p <= r.max(); p++) {
            StringBuilder row = new StringBuilder(String.format("%-12s", p));
            for (int s = r.min(); s <= r.max(); s++) row.append(String.format("%5d", r.confusion()[p][s]));
            out.println(row.append(String.format("%5d", r.confusion()[p][0])));
        }
        if (!r.misses().isEmpty()) {
            out.println();
            out.println("misses (" + r.misses().size() + "):");
            for (var c : r.misses()) {
                out.println("  " + c.excerpt() + " " + c.statement() + ": published " + c.published() + ", rules "
                        + (c.rules() == null ? "not scored" : c.rules()));
                if (c.why() != null) out.println("    why: " + c.why());
                out.println("    " + (c.note() == null ? "no note explains this miss" : "note: " + c.note()));
                out.println("    " + c.fixture());
            }
        }
        if (!r.problems().isEmpty()) {
            out.println();
            out.println("could not be evaluated (" + r.problems().size() + "):");
            for (var c : r.problems()) out.println("  " + c.fixture() + ": " + c.problem());
        }
        out.flush();
    }
}
