package org.assessor.report;

import java.io.PrintWriter;
import org.assessor.facts.Numbers;
import org.assessor.impact.CodingAgreement;

/** Renders the agreement of two codings, field by field, with Cohen's kappa. */
public final class AgreementReporter {

    public void render(CodingAgreement.Result r, PrintWriter out) {
        out.println("first:  " + r.first() + " (" + r.firstItems() + " items)");
        out.println("second: " + r.second() + " (" + r.secondItems() + " items)");
        out.println("matched by quote: " + r.matched() + " items");
        out.println();
        out.println(String.format("%-30s %6s %8s %8s", "field", "items", "agree", "kappa"));
        for (var f : r.fields()) {
            out.println(String.format("%-30s %6d %7s%% %8s", f.field(), f.items(),
                    f.items() == 0 ? "–" : Numbers.rounded(f.percent(), 1),
                    f.kappa() == null ? "–" : Numbers.rounded(f.kappa(), 2)));
        }
        out.println();
        out.println("kappa: 1 is full agreement, 0 is no more than chance; '–' where every item has one value.");
        out.flush();
    }
}
