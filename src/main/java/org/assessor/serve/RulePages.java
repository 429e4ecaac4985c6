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
                if (seen.putIfAbsent(r.identity(), true) != null) continue;
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
        m.put("rules", rules);
        m.put("covered", covered);
        m.put("percent", rules == 0 ? 0 : Math.round(100.0 * covered / rules));
        m.put("assessments", s.items().size());
        return WorkbenchServer.render("rules", m);
    }

    String ruleFile(String file) {
        Workbench.Snapshot s = workbench.snapshot();
        if (s == null) throw new Http.Refused(409, "the rules have not compiled yet");
        List<RuleInfo> rules = file == null ? null : ruleFiles(s).get(file);
        if (rules == null) throw new Http.Refused(404, "no rule file of that name in the rules folder");
        Map<String, List<String>> fired = firedBy(s);
        Map<String, Object> m = layout.page(file, "Rules");
        m.put("file", file);
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
        try {
            Path real = RegisterEdit.inside(workbench.rules(), Path.of(rules.get(0).file()));
            m.put("source", Files.readString(real, StandardCharsets.UTF_8));
        } catch (IOException e) {
            m.put("source", "(the file could not be read: " + e.getMessage() + ")");
        }
        return WorkbenchServer.render("rule-file", m);
    }

    // ---- tests ----

    String tests(boolean run) {
        Workbench.Snapshot s = workbench.snapshot();
        Map<String, Object> m = layout.page("Tests", "Tests");
        m.put("run", run);
        m.put("lines", workbench.linesPortfolio());
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
