package org.assessor.report;

import java.io.PrintWriter;
import java.util.List;
import org.assessor.casebook.CaseResult;

/** Renders fixture cases for {@code test}: PASS or FAIL with what each case proves, each difference, and a count. */
public final class CaseReporter {

    /** Prints every case and returns how many failed. */
    public int render(List<CaseResult> results, PrintWriter out) {
        int failed = 0;
        for (CaseResult r : results) {
            if (r.passed()) {
                out.println("PASS " + r.fixture() + " — " + r.proves());
                continue;
            }
            failed++;
            out.println("FAIL " + r.fixture() + (r.proves().isEmpty() ? "" : " — " + r.proves()));
            if (r.error() != null) out.println("  " + r.error().replace("\n", "\n  "));
            r.differences().forEach(d -> out.println("  " + d));
        }
        return failed;
    }

    /** The closing line: "N passed, N failed". */
    public void summary(List<CaseResult> results, int failed, PrintWriter out) {
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        out.flush();
    }
}
