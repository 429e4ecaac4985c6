package org.assessor.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;

/**
 * The workbench's pages: each builds a model of plain values and renders it with a Mustache template, which escapes
 * every value. The one value inserted unescaped is the explained report, itself rendered by the report's template.
 * This class holds what every page shares (the layout, the navigation, the problems banner) and the provider and
 * side-by-side pages; the portfolio, policy, rules and tests pages are in classes of their own that use it.
 */
final class Pages {

    final Workbench workbench;
    final boolean readOnly;
    private final String token;

    Pages(Workbench workbench, boolean readOnly, String token) {
        this.workbench = workbench;
        this.readOnly = readOnly;
        this.token = token;
    }

    // ---- the layout every page shares ----

    Map<String, Object> page(String title, String active) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("token", token);
        m.put("readOnly", readOnly);
        m.put("nav", List.of(nav("Portfolio", "/", active), nav("Policy impact", "/policy", active),
                nav("Rules", "/rules", active), nav("Tests", "/tests", active), nav("Coding", "/desk", active)));
        Workbench.Snapshot s = workbench.snapshot();
        m.put("generation", s == null ? 0 : s.generation());
        m.put("loadedAt", s == null ? "" : s.loadedAt());
        m.put("rulesDir", workbench.rules().toString());
        m.put("fixturesDir", workbench.fixtures().toString());
        List<String> problems = workbench.problems().stream().map(Problem::toString).toList();
        m.put("problems", problems);
        m.put("hasProblems", !problems.isEmpty());
        m.put("stale", !problems.isEmpty() && s != null);
        long failed = s == null ? 0 : s.items().stream().filter(i -> !i.ok()).count();
        m.put("failedItems", failed == 0 ? null : failed == 1 ? "1 assessment could not be evaluated"
                : failed + " assessments could not be evaluated");
        return m;
    }

    private static Map<String, Object> nav(String label, String href, String active) {
        return Map.of("label", label, "href", href, "current", label.equals(active));
    }

    String error(String title, String message) {
        Map<String, Object> m = page(title, "");
        m.put("message", message);
        return WorkbenchServer.render("error", m);
    }


    /**
     * The portfolio's word for the grouping level, as its assessments' frameworks give it: "key question", "theme",
     * or each word once, in the order met, joined by {@code join} ("key question or theme") when frameworks differ.
     */
    String groupingWord(String join) {
        java.util.Set<String> words = new java.util.LinkedHashSet<>();
        Workbench.Snapshot s = workbench.snapshot();
        if (s != null) {
            s.items().stream().filter(Workbench.Item::ok).map(i -> i.result().groupingLevel())
                    .filter(java.util.Objects::nonNull).forEach(g -> words.add(g.singular()));
            s.saved().stream().filter(v -> v.line() != null)
                    .map(v -> v.line().path("groupingLevel").path("singular").asText(""))
                    .filter(w -> !w.isEmpty()).forEach(words::add);
        }
        if (words.isEmpty()) words.add(org.assessor.ruleset.GroupingWords.RULES_WORD);
        return String.join(" " + join + " ", words);
    }

    String relative(Path file) {
        Path root = workbench.rules().toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return f.startsWith(root) ? root.getFileName() + "/" + root.relativize(f).toString().replace('\\', '/')
                : file.toString();
    }


    /** The snapshot a finished dry run was made against, refused if the rules or fixtures changed since. */
    Workbench.Snapshot current(DryRun run) {
        if (run.state != DryRun.State.DONE) throw new Http.Refused(409, "the dry run has not finished (or it failed)");
        Workbench.Snapshot s = workbench.snapshot();
        if (s == null || s.generation() != run.generation) {
            throw new Http.Refused(409, "the rules or fixtures changed after this dry run; run it again");
        }
        return s;
    }

    // ---- provider ----

    String provider(Http.Request req) {
        Workbench.Snapshot s = workbench.snapshot();
        Workbench.Item item = s == null ? null : s.item(req.q("id") == null ? "" : req.q("id"));
        if (item == null) throw new Http.Refused(404, "no assessment with that id in this portfolio");
        boolean sensitivity = "1".equals(req.q("sensitivity"));
        Map<String, Object> m = page(item.ok() ? item.result().assessment().provider() : item.id(), "Portfolio");
        m.put("id", item.id());
        m.put("source", item.shown());
        m.put("sensitivity", sensitivity);
        m.put("sensitivityHref", "/provider?id=" + Http.url(item.id()) + "&sensitivity=1");
        m.put("plainHref", "/provider?id=" + Http.url(item.id()));
        if (!item.ok()) {
            m.put("error", item.error());
            return WorkbenchServer.render("provider", m);
        }
        long start = System.nanoTime();
        try {
            m.put("report", WorkbenchServer.report(s.assessor(), item, sensitivity, ""));
        } catch (InvalidInputException e) {
            m.put("error", String.join("\n", e.problems().stream().map(Problem::toString).toList()));
        } catch (IOException | RuntimeException e) {
            m.put("error", String.valueOf(e.getMessage()));
        }
        m.put("took", (System.nanoTime() - start) / 1_000_000);
        return WorkbenchServer.render("provider", m);
    }

    String compare(DryRun run, String id) {
        Workbench.Snapshot s = current(run);
        Workbench.Item before = run.before.get(id == null ? "" : id);
        Workbench.Item after = run.after.get(id == null ? "" : id);
        if (before == null || after == null) throw new Http.Refused(404, "no assessment with that id in this dry run");
        Map<String, Object> m = page("Before and after: " + (before.ok() ? before.result().assessment().provider()
                : before.id()), "Policy impact");
        m.put("run", run.id);
        m.put("description", run.description);
        m.put("beforeLabel", run.beforeLabel());
        m.put("afterLabel", run.afterLabel());
        m.put("before", side(run.beforeAssessor, before, "before-"));
        m.put("after", side(run.afterAssessor, after, "after-"));
        return WorkbenchServer.render("compare", m);
    }

    private Map<String, Object> side(org.assessor.result.Assessor assessor, Workbench.Item item, String ids) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!item.ok()) {
            m.put("error", item.error());
            return m;
        }
        try {
            m.put("report", WorkbenchServer.report(assessor, item, false, ids));
        } catch (InvalidInputException e) {
            m.put("error", String.join("\n", e.problems().stream().map(Problem::toString).toList()));
        } catch (IOException | RuntimeException e) {
            m.put("error", String.valueOf(e.getMessage()));
        }
        return m;
    }
}
