package org.assessor.impact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assessor.result.Result;
import org.assessor.ruleset.Framework;

/**
 * Compares a saved result with the same evaluation run again: digests, scores, ratings and findings in plain words,
 * then the whole result field by field, both ways, so nothing in a saved result can be changed unnoticed.
 */
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

    /**
     * Fields that may differ without the result differing: where the fixture and the rules were read from (verify may
     * be pointed at a copy with --fixture or --rules; their digests are compared instead).
     */
    public static final Set<String> VOLATILE = Set.of("/provenance/fixture", "/provenance/rules");

    /** The most field differences listed; the rest are counted. */
    static final int SHOWN = 20;

    /**
     * Every field that differs between the saved JSON and the new result's JSON, both ways, as
     * "field /pointer: saved …, now …" (or only in one of them), leaving out {@link #VOLATILE}.
     */
    public static List<String> fieldDifferences(JsonNode saved, JsonNode now) {
        Set<String> out = new TreeSet<>();
        compare("", saved, now, out);
        List<String> listed = new ArrayList<>(out).subList(0, Math.min(SHOWN, out.size()));
        List<String> all = new ArrayList<>(listed);
        if (out.size() > SHOWN) all.add("… and " + (out.size() - SHOWN) + " more field differences");
        return all;
    }

    /**
     * Whether the saved JSON lacks a field of an object the new result has (lists may differ in length: that is a
     * difference, not a missing part). Such a result cannot be compared in plain words, only field by field.
     */
    public static boolean lacksFields(JsonNode saved, JsonNode now) {
        return lacks("", saved, now);
    }

    private static boolean lacks(String at, JsonNode saved, JsonNode now) {
        // null is a value (a statement not scored), not a missing part
        if (VOLATILE.contains(at) || saved.isNull() || now.isNull()) return false;
        if (now.isObject()) {
            if (!saved.isObject()) return true;
            for (var it = now.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (!saved.has(n) || lacks(at + "/" + n, saved.get(n), now.get(n))) return true;
            }
        } else if (now.isArray()) {
            if (!saved.isArray()) return true;
            for (int i = 0; i < Math.min(saved.size(), now.size()); i++) {
                if (lacks(at + "/" + i, saved.get(i), now.get(i))) return true;
            }
        }
        return false;
    }

    private static void compare(String at, JsonNode a, JsonNode b, Set<String> out) {
        if (VOLATILE.contains(at)) return;
        if (a == null || b == null) {
            if (a != b) out.add("field " + at + ": " + (a == null ? "only in the new result" : "only in the saved result"));
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) compare(at + "/" + n.replace("~", "~0").replace("/", "~1"), a.get(n), b.get(n), out);
        } else if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) compare(at + "/" + i, a.get(i), b.get(i), out);
        } else if (!a.equals(b)) {
            out.add("field " + at + ": saved " + brief(a) + ", now " + brief(b));
        }
    }

    private static String brief(JsonNode n) {
        String s = n.isContainerNode() ? (n.isArray() ? "a list" : "an object") : n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
