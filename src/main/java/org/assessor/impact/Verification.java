package org.assessor.impact;

import java.util.ArrayList;
import java.util.List;
import org.assessor.result.Result;
import org.assessor.ruleset.Framework;

/** Compares a saved result with the same evaluation run again: digests, scores, ratings and findings. */
public final class Verification {
    private Verification() {}

    /** Every difference between the saved result and the new one, in plain words (none: verified). */
    public static List<String> differences(Result saved, Result now, String rulesDir, String fixture, Framework framework) {
        List<String> differences = new ArrayList<>();
        var p0 = saved.provenance();
        var p1 = now.provenance();
        if (!p0.rulesDigest().equals(p1.rulesDigest())) {
            differences.add("rules digest: saved " + p0.rulesDigest() + ", now " + p1.rulesDigest()
                    + " (a file under " + rulesDir + " changed)");
        }
        if (!p0.fixtureDigest().equals(p1.fixtureDigest())) {
            differences.add("fixture digest: saved " + p0.fixtureDigest() + ", now " + p1.fixtureDigest()
                    + " (" + fixture + " changed)");
        }
        Change change = ResultDiff.between(fixture, saved, now, framework);
        change.scores().forEach(s -> differences.add(s.what() + ": saved " + s.base() + ", now " + s.head()));
        change.findings().forEach(f -> differences.add("finding " + (f.change().equals("appeared") ? "now present"
                : "no longer present") + ": [" + f.grade() + "] " + f.statement() + " " + f.evidenceId() + " "
                + f.summary() + " (" + f.ruleId() + ")"));
        return differences;
    }
}
