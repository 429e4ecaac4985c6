package org.assessor.report;

import org.assessor.impact.Change;
import org.assessor.impact.RegisterDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.assessor.report.JsonReporter;

/** Renders changes for {@code diff} and {@code what-if}, as text or JSON; the two commands share it. */
public final class ChangeReporter {

    /** Changes for every fixture, with a summary of providers whose overall rating moved. */
    public record ChangeSet(String base, String head, List<Change> fixtures, int unchanged, int movedUp, int movedDown,
                            int failed, List<RegisterDiff.RegisterChange> registerChanges) {

        public static ChangeSet of(String base, String head, List<Change> all) {
            return of(base, head, all, List.of());
        }

        /** With the register values that differ between the two sides, each with the fixtures it moved. */
        public static ChangeSet of(String base, String head, List<Change> all, List<RegisterDiff.RegisterChange> register) {
            List<Change> changed = all.stream().filter(Change::changed).toList();
            return new ChangeSet(base, head, changed, all.size() - changed.size(),
                    (int) changed.stream().filter(c -> c.overallDirection() > 0).count(),
                    (int) changed.stream().filter(c -> c.overallDirection() < 0).count(),
                    (int) changed.stream().filter(c -> c.error() != null).count(), register);
        }

        public boolean anyChange() {
            return !fixtures.isEmpty();
        }
    }

    public void text(ChangeSet set, PrintWriter out) {
        out.println("base: " + set.base());
        out.println("head: " + set.head());
        for (Change c : set.fixtures()) {
            out.println();
            out.println(c.fixture() + (c.provider() == null || c.provider().isEmpty() ? "" : " (" + c.provider() + ")"));
            if (c.error() != null) out.println("  ERROR " + c.error().replace("\n", "\n  "));
            for (Change.ScoreChange s : c.scores()) {
                out.println("  " + s.what() + ": " + s.base() + " → " + s.head() + arrow(s.direction()));
            }
            c.unmoved().forEach(u -> out.println("  = " + u));
            for (Change.FindingChange f : c.findings()) {
                out.println("  " + (f.change().equals("appeared") ? "+ " : "- ") + "[" + f.grade() + "] " + f.statement()
                        + " " + f.evidenceId() + " " + f.summary() + " — " + f.ruleId() + " \"" + f.rule() + "\"");
            }
        }
        if (!set.registerChanges().isEmpty()) {
            out.println();
            for (RegisterDiff.RegisterChange r : set.registerChanges()) {
                out.println("register " + r.id() + ": " + r.base() + " → " + r.head() + "; read by " + r.fixtures().size()
                        + " of the changed fixtures" + (r.fixtures().isEmpty() ? "" : ": " + String.join(", ", r.fixtures())));
            }
        }
        out.println();
        out.println((set.fixtures().size() - set.failed()) + " fixture(s) changed, " + set.unchanged() + " unchanged, "
                + set.failed() + " failed; overall rating moved up for " + set.movedUp() + ", down for "
                + set.movedDown());
        out.flush();
    }

    public void json(ChangeSet set, PrintWriter out) throws IOException {
        out.println(JsonReporter.mapper().writeValueAsString(set));
        out.flush();
    }

    private static String arrow(int direction) {
        return direction > 0 ? " (up)" : direction < 0 ? " (down)" : "";
    }
}
