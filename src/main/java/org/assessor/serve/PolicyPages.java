package org.assessor.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assessor.ruleset.PolicyRegister;
import org.assessor.ruleset.RuleSet;

/** Policy impact: the register form, a dry run's page, and the review before saving. */
final class PolicyPages {
    private final Pages layout;
    private final Workbench workbench;

    PolicyPages(Pages layout) {
        this.layout = layout;
        this.workbench = layout.workbench;
    }

    /** A git revision the rules can be dry-run at. */
    record Revision(String hash, String label) {}

    List<Revision> revisions() {
        Path rules = workbench.rules().toAbsolutePath().normalize();
        Path repo = rules.getParent();
        if (repo == null) return List.of();
        try {
            // HEAD first (the rules as committed), then the last commits that changed the rules folder.
            String out = git(repo, "git", "log", "-n", "1", "--date=short", "--format=%H%x09HEAD: %h %ad %s")
                    + git(repo, "git", "log", "-n", "25", "--date=short", "--format=%H%x09%h %ad %s", "--",
                    rules.getFileName().toString());
            List<Revision> revs = new ArrayList<>();
            for (String line : out.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab != 40 || revs.stream().anyMatch(r -> r.hash().equals(line.substring(0, 40)))) continue;
                String label = line.substring(41);
                if (label.length() > 90) label = label.substring(0, 89) + "…";
                revs.add(new Revision(line.substring(0, 40), label));
            }
            return revs;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** What a git command printed, or nothing if it failed (not a repository, no git). */
    private static String git(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } finally {
            p.destroy();
        }
    }

    /**
     * Each register id of the compiled frameworks with the row shown as its value: the row in force today, or failing
     * that the one that starts last (a shared register file's rows once, though several frameworks read them).
     */
    Map<String, PolicyRegister.Row> currentRows(Workbench.Snapshot s) {
        java.time.LocalDate today = java.time.LocalDate.now();
        Map<String, PolicyRegister.Row> out = new LinkedHashMap<>();
        for (RuleSet rs : s.assessor().ruleSets()) {
            for (PolicyRegister.Row r : rs.framework().register().rows()) {
                PolicyRegister.Row had = out.get(r.id());
                boolean inForce = !today.isBefore(r.from()) && (r.to() == null || !today.isAfter(r.to()));
                boolean hadInForce = had != null && !today.isBefore(had.from()) && (had.to() == null || !today.isAfter(had.to()));
                if (had == null || (inForce && !hadInForce) || (!hadInForce && r.from().isAfter(had.from()))) {
                    out.put(r.id(), r);
                }
            }
        }
        return out;
    }

    /** Every register id and the value shown for it (see {@link #currentRows}). */
    Map<String, String> registerValues(Workbench.Snapshot s) {
        Map<String, String> out = new LinkedHashMap<>();
        currentRows(s).forEach((id, r) -> out.put(id, r.value()));
        return out;
    }

    String policy(Http.Request req, List<String> errors, Map<String, String> entered) {
        Workbench.Snapshot s = workbench.snapshot();
        if (s == null) throw new Http.Refused(409, "the portfolio has not been evaluated yet");
        Map<String, Object> m = layout.page("Policy impact", "Policy impact");
        Map<String, Integer> history = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> readBy = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RuleSet rs : s.assessor().ruleSets()) {
            for (PolicyRegister.Row r : rs.framework().register().rows()) {
                readBy.computeIfAbsent(r.id(), k -> new java.util.TreeSet<>()).add(rs.framework().id());
                if (seen.add(r.file() + ":" + r.line())) history.merge(r.id(), 1, Integer::sum);
            }
        }
        // One table per register file, each id once, whichever frameworks read it.
        Map<String, List<Map<String, Object>>> byFile = new LinkedHashMap<>();
        int n = 0;
        for (PolicyRegister.Row r : currentRows(s).values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("n", ++n);
            row.put("id", r.id());
            row.put("kind", r.kind());
            row.put("appliesTo", r.appliesTo());
            row.put("value", entered.getOrDefault(r.id(), r.value()));
            row.put("current", r.value());
            row.put("unit", r.unit());
            row.put("where", layout.relative(Path.of(r.file())) + ":" + r.line());
            row.put("history", history.getOrDefault(r.id(), 1) > 1 ? "a history of " + history.get(r.id())
                    + " dated rows, shown: the one in force today; a change applies to each" : null);
            byFile.computeIfAbsent(layout.relative(Path.of(r.file())), k -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> files = new ArrayList<>();
        byFile.forEach((file, rows) -> {
            java.util.Set<String> frameworks = new java.util.TreeSet<>();
            rows.forEach(row -> frameworks.addAll(readBy.getOrDefault((String) row.get("id"), java.util.Set.of())));
            files.add(Map.of("file", file, "frameworks", String.join(", ", frameworks), "rows", rows));
        });
        m.put("files", files);
        m.put("errors", errors == null ? List.of() : errors);
        m.put("hasErrors", errors != null && !errors.isEmpty());
        List<Revision> revisions = revisions();
        m.put("revisions", revisions);
        m.put("anyRevisions", !revisions.isEmpty());
        m.put("assessments", s.items().size());
        return WorkbenchServer.render("policy", m);
    }

    String dryRun(DryRun run) {
        Map<String, Object> m = layout.page("Policy impact: dry run " + run.id, "Policy impact");
        m.put("run", run.id);
        m.put("description", run.description);
        m.put("beforeLabel", run.beforeLabel());
        m.put("afterLabel", run.afterLabel());
        m.put("revision", run.revision == null ? null : run.revision.substring(0, 12));
        m.put("running", run.state == DryRun.State.RUNNING);
        m.put("failed", run.state == DryRun.State.FAILED);
        m.put("error", run.error);
        m.put("done", run.done);
        m.put("total", run.total);
        m.put("percent", run.total == 0 ? 100 : 100 * run.done / run.total);
        m.put("took", run.tookMillis);
        String grouping = layout.groupingWord("and");
        m.put("groupingRatings", Character.toUpperCase(grouping.charAt(0)) + grouping.substring(1) + " ratings");
        Workbench.Snapshot s = workbench.snapshot();
        m.put("outdated", s != null && s.generation() != run.generation);
        var who = layout.person();
        m.put("canSave", !layout.readOnly && run.proposable() && s != null && s.generation() == run.generation
                && who != null && who.may(org.assessor.govern.Role.ANALYST));
        DryRun.Impact i = run.impact;
        if (i != null) {
            m.put("impact", i);
            m.put("anyFailed", i.failed() > 0);
            m.put("movedRows", i.moved().stream().map(x -> {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("m", x);
                mm.put("anyRows", !x.registerRows().isEmpty());
                mm.put("anyRules", !x.rules().isEmpty());
                mm.put("anyReasons", !x.reasons().isEmpty());
                mm.put("href", "/compare?run=" + run.id + "&id=" + Http.url(x.id()));
                mm.put("direction", x.direction() > 0 ? "overall rating up" : x.direction() < 0 ? "overall rating down"
                        : "overall rating unchanged");
                mm.put("scores", x.scores().stream().filter(sc -> sc.direction() != 0 || sc.what().endsWith("rating"))
                        .map(sc -> sc.what() + ": " + sc.base() + " → " + sc.head()).toList());
                return mm;
            }).toList());
            m.put("rulesBehind", i.rulesBehindMoves().entrySet().stream()
                    .map(e -> Map.of("rule", e.getKey(), "count", e.getValue())).toList());
            m.put("noMoves", i.moved().isEmpty());
            m.put("anyRulesBehind", !i.rulesBehindMoves().isEmpty());
        }
        return WorkbenchServer.render("dry-run", m);
    }

    /**
     * Proposing a dry run's change: what it changes in the register (each changed row before and after, its other cells
     * editable: rationale, source, citation, owner) or in each edited file (as a diff), the dry run's summary, and a
     * reason; proposing checks the proposed rules as {@code validate} does, runs the dry run again on exactly the files
     * proposed, and records them as a commit on a proposal branch. {@code errors} and {@code form} come back when a
     * proposal was refused.
     */
    String review(DryRun run, List<String> errors, Map<String, String> form) {
        if (!run.proposable()) throw new Http.Refused(400, "only a change of register values or of files can be "
                + "proposed; a revision is adopted with git");
        Workbench.Snapshot s = layout.current(run);
        Map<String, Object> m = layout.page("Propose this change: review", "Policy impact");
        m.put("run", run.id);
        m.put("description", run.description);
        m.put("summary", run.summary());
        m.put("errors", errors);
        m.put("hasErrors", !errors.isEmpty());
        m.put("reason", form.getOrDefault("reason", ""));
        m.put("noGit", layout.proposals == null ? "The rules folder " + workbench.rules() + " is not in a git working "
                + "tree, so nothing can be proposed from here: a proposal is a commit. Put the rules in git (a clone of "
                + "the project) and start the workbench there." : null);
        if (!run.values.isEmpty()) {
            try {
                var plan = run.reviewed != null && errors.size() > 0 ? run.reviewed : RegisterEdit.plan(workbench.rules(), s, run.values);
                run.reviewed = plan;
                List<Map<String, Object>> lines = new ArrayList<>();
                for (int k = 0; k < plan.changes().size(); k++) {
                    var c = plan.changes().get(k);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("where", layout.relative(Path.of(c.file())) + ":" + c.line());
                    line.put("id", c.id());
                    line.put("valueBefore", c.valueBefore());
                    line.put("valueAfter", c.valueAfter());
                    line.put("before", c.before());
                    line.put("after", c.after());
                    List<Map<String, Object>> cells = new ArrayList<>();
                    for (String col : RegisterEdit.TEXT_COLUMNS) {
                        String name = "row." + k + "." + col;
                        cells.add(Map.of("name", name, "label", col, "id", "row-" + k + "-" + col,
                                "value", form.getOrDefault(name, RegisterEdit.cell(c.row(), col)),
                                "wide", col.equals("rationale") || col.equals("citation")));
                    }
                    line.put("cells", cells);
                    lines.add(line);
                }
                m.put("lines", lines);
                long rows = plan.changes().stream().map(LineChangeKey::of).distinct().count();
                m.put("history", plan.changes().size() > run.values.size() ? "Some of these ids have a history of dated "
                        + "rows: the dry run changed every row of each, so the proposal does too (" + rows + " rows)." : null);
            } catch (IOException | IllegalArgumentException e) {
                m.put("error", e.getMessage());
            }
        }
        List<Map<String, Object>> diffs = new ArrayList<>();
        run.files.forEach((rel, text) -> {
            try {
                Path now = RegisterEdit.inside(workbench.rules(), workbench.rules().resolve(rel));
                String before = java.nio.file.Files.readString(now, StandardCharsets.UTF_8);
                String shown = workbench.rules().toAbsolutePath().normalize().getFileName() + "/" + rel;
                diffs.add(Map.of("file", shown, "diff", org.assessor.govern.TextDiff.unified(shown, before, text)));
            } catch (IOException e) {
                m.put("error", "the file " + rel + " cannot be read: " + e.getMessage());
            }
        });
        m.put("diffs", diffs);
        return WorkbenchServer.render("review", m);
    }

    private record LineChangeKey(String file, int line) {
        static LineChangeKey of(RegisterEdit.LineChange c) {
            return new LineChangeKey(c.file(), c.line());
        }
    }
}
