package org.assessor.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assessor.casebook.CaseResult;
import org.assessor.casebook.CaseRunner;
import org.assessor.ruleset.RuleInfo;
import org.assessor.ruleset.RuleSet;

/** The rules (files, rules, what fires them, coverage) and the fixture tests. */
final class RulePages {
    private final Pages layout;
    private final Workbench workbench;

    RulePages(Pages layout) {
        this.layout = layout;
        this.workbench = layout.workbench;
    }

    /** The rule files of every compiled framework, by their path relative to the rules folder. */
    private Map<String, List<RuleInfo>> ruleFiles(Workbench.Snapshot s) {
        Map<String, List<RuleInfo>> files = new TreeMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (RuleSet rs : s.assessor().ruleSets()) {
            for (RuleInfo r : rs.rules()) {
                // One rule per id and file, as test --coverage counts them.
                if (seen.putIfAbsent(r.id() + "\n" + r.file(), true) != null) continue;
                files.computeIfAbsent(layout.relative(Path.of(r.file())), k -> new ArrayList<>()).add(r);
            }
        }
        return files;
    }

    /** For each rule id, the assessments it fired for. */
    private static Map<String, List<String>> firedBy(Workbench.Snapshot s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Workbench.Item i : s.items()) {
            if (!i.ok() || i.result().rulesFired() == null) continue;
            i.result().rulesFired().forEach((rule, n) -> { if (n > 0) out.computeIfAbsent(rule, k -> new ArrayList<>()).add(i.id()); });
        }
        return out;
    }

    String rules() {
        Workbench.Snapshot s = workbench.snapshot();
        if (s == null) throw new Http.Refused(409, "the rules have not compiled yet");
        Map<String, Object> m = layout.page("Rules", "Rules");
        Map<String, List<String>> fired = firedBy(s);
        List<Map<String, Object>> files = new ArrayList<>();
        int rules = 0;
        int covered = 0;
        for (var e : ruleFiles(s).entrySet()) {
            int c = (int) e.getValue().stream().filter(r -> fired.containsKey(r.id())).count();
            rules += e.getValue().size();
            covered += c;
            files.add(Map.of("file", e.getKey(), "href", "/rules/file?file=" + Http.url(e.getKey()),
                    "rules", e.getValue().size(), "fired", c, "complete", c == e.getValue().size()));
        }
        m.put("files", files);
        m.put("registers", registerFiles(s).keySet().stream().map(f -> Map.of("file", f, "href",
                "/rules/file?file=" + Http.url(f))).toList());
        m.put("rules", rules);
        m.put("covered", covered);
        m.put("percent", rules == 0 ? 0 : Math.round(100.0 * covered / rules));
        m.put("assessments", s.items().size());
        return WorkbenchServer.render("rules", m);
    }

    /** The register files of the snapshot, by their shown path ({@code rules/policy/register.csv}). */
    private Map<String, Path> registerFiles(Workbench.Snapshot s) {
        Map<String, Path> out = new TreeMap<>();
        for (Path p : s.registers().keySet()) out.put(layout.relative(p), p);
        // A register file read by its real path may show as absolute when the rules folder is reached through a link.
        return out;
    }

    /** Whether a shown path names a rule file or a register file of the snapshot (the only files that may be edited). */
    boolean editable(String file) {
        Workbench.Snapshot s = workbench.snapshot();
        return s != null && file != null && (ruleFiles(s).containsKey(file) || registerFiles(s).containsKey(file));
    }

    String ruleFile(String file, boolean edit) {
        Workbench.Snapshot s = workbench.snapshot();
        if (s == null) throw new Http.Refused(409, "the rules have not compiled yet");
        if (!editable(file)) throw new Http.Refused(404, "no rule or register file of that name in the rules folder");
        if (edit) return editPage(file, null, List.of());
        List<RuleInfo> rules = ruleFiles(s).getOrDefault(file, List.of());
        Map<String, List<String>> fired = firedBy(s);
        Map<String, Object> m = layout.page(file, "Rules");
        m.put("file", file);
        m.put("editHref", "/rules/edit?file=" + Http.url(file));
        m.put("rules", rules.stream().map(r -> {
            List<String> by = fired.getOrDefault(r.id(), List.of());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("r", r);
            x.put("count", by.size());
            x.put("some", by.stream().limit(8).map(id -> Map.of("id", id, "href", "/provider?id=" + Http.url(id))).toList());
            x.put("more", by.size() > 8 ? "and " + (by.size() - 8) + " more" : null);
            x.put("never", by.isEmpty());
            return x;
        }).toList());
        m.put("anyRules", !rules.isEmpty());
        m.put("source", read(s, file));
        return WorkbenchServer.render("rule-file", m);
    }

    private String read(Workbench.Snapshot s, String file) {
        try {
            Path p = ruleFiles(s).containsKey(file) ? Path.of(ruleFiles(s).get(file).get(0).file()) : registerFiles(s).get(file);
            Path real = RegisterEdit.inside(workbench.rules(), p);
            return Files.readString(real, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(the file could not be read: " + e.getMessage() + ")";
        }
    }

    /**
     * A file's text in a form, to edit and dry-run (then propose); {@code text} and {@code problems} come back when
     * the edit did not pass the checks of {@code assessor validate}.
     */
    String editPage(String file, String text, List<String> problems) {
        Workbench.Snapshot s = workbench.snapshot();
        Map<String, Object> m = layout.page("Edit " + file, "Rules");
        m.put("file", file);
        m.put("text", text != null ? text : read(s, file));
        m.put("problems", problems);
        m.put("hasProblems", !problems.isEmpty());
        m.put("fileHref", "/rules/file?file=" + Http.url(file));
        return WorkbenchServer.render("rule-edit", m);
    }

    // ---- tests ----

    String tests(boolean run) {
        Workbench.Snapshot s = workbench.snapshot();
        Map<String, Object> m = layout.page("Tests", "Tests");
        m.put("run", run);
        m.put("lines", workbench.linesPortfolio());
        if (run && !workbench.linesPortfolio()) {
            // The tests judge the rules on disk: a change not yet noticed is loaded first, and rules that do not load
            // are not tested at all (the last good results are not the rules on disk).
            workbench.reloadIfChanged();
            s = workbench.snapshot();
            if (!workbench.problems().isEmpty() || s == null) {
                m.put("notRun", "The fixture tests were not run: the rules or fixtures on disk do not load ("
                        + workbench.problems().size() + " problem" + (workbench.problems().size() == 1 ? "" : "s")
                        + ", listed above). Nothing passed; fix them and run the tests again.");
                m.put("run", false);
                return WorkbenchServer.render("tests", m);
            }
        }
        if (run && s != null && !workbench.linesPortfolio()) {
            long start = System.nanoTime();
            CaseRunner runner = new CaseRunner(s.assessor());
            List<Map<String, Object>> cases = new ArrayList<>();
            int passed = 0;
            int failed = 0;
            int without = 0;
            for (Workbench.Item i : s.items()) {
                if (i.fixture() == null) continue;
                CaseResult c = runner.run(i.fixture());
                if (!c.hasExpectations()) without++;
                else if (c.passed()) passed++;
                else failed++;
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("id", i.id());
                x.put("href", "/provider?id=" + Http.url(i.id()));
                x.put("passed", c.passed());
                x.put("state", !c.hasExpectations() ? "no expectations" : c.passed() ? "passed" : "failed");
                x.put("cls", !c.hasExpectations() ? "none" : c.passed() ? "pass" : "fail");
                x.put("proves", c.proves());
                List<String> diffs = new ArrayList<>(c.differences());
                if (c.error() != null) diffs.add(c.error());
                x.put("differences", diffs);
                x.put("anyDifferences", !diffs.isEmpty());
                cases.add(x);
            }
            cases.sort(Comparator.comparing((Map<String, Object> x) -> (Boolean) x.get("passed"))
                    .thenComparing(x -> (String) x.get("id")));
            m.put("cases", cases);
            m.put("passed", passed);
            m.put("failed", failed);
            m.put("without", without);
            m.put("took", (System.nanoTime() - start) / 1_000_000);
        }
        return WorkbenchServer.render("tests", m);
    }
}
