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
    private final java.util.function.Supplier<org.assessor.govern.Access.Session> session;
    final org.assessor.govern.Access access;
    final org.assessor.govern.Proposals proposals;

    Pages(Workbench workbench, boolean readOnly, java.util.function.Supplier<org.assessor.govern.Access.Session> session,
          org.assessor.govern.Access access, org.assessor.govern.Proposals proposals) {
        this.workbench = workbench;
        this.readOnly = readOnly;
        this.session = session;
        this.access = access;
        this.proposals = proposals;
    }

    /** The session of the request being answered (null on the sign-in page). */
    org.assessor.govern.Access.Session session() {
        return session.get();
    }

    /** The person of the request being answered (null on the sign-in page). */
    org.assessor.govern.Person person() {
        var s = session.get();
        return s == null ? null : s.person();
    }

    // ---- the layout every page shares ----

    Map<String, Object> page(String title, String active) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        var session = this.session.get();
        var who = session == null ? null : session.person();
        m.put("token", session == null ? "" : session.csrf());
        m.put("readOnly", readOnly);
        List<Map<String, Object>> nav = new java.util.ArrayList<>(List.of(nav("Portfolio", "/", active),
                nav("Policy impact", "/policy", active), nav("Proposals", "/proposals", active),
                nav("Rules", "/rules", active), nav("Tests", "/tests", active),
                nav("Coding", "/desk", active)));
        if (who != null && who.may(org.assessor.govern.Role.APPROVER)) nav.add(nav("Audit trail", "/audit", active));
        m.put("nav", who == null ? List.of() : nav);
        m.put("person", who);
        m.put("signedIn", who != null && !access.singleUser());
        m.put("singleUser", access.singleUser() && who != null ? "Single-user mode: you act as " + who.ident() + " (the local git "
                + "identity), with every role, because there is no users file (" + org.assessor.govern.UsersFile
                .defaultFile(workbench.rules()) + "). Anyone who can reach this address on this machine acts as you; "
                + "add people with 'assessor users add' to have sign-in and review by someone else." : null);
        m.put("canPropose", who != null && who.may(org.assessor.govern.Role.ANALYST) && !readOnly && proposals != null);
        m.put("canDryRun", who != null && who.may(org.assessor.govern.Role.ANALYST));
        m.put("canApprove", who != null && who.may(org.assessor.govern.Role.APPROVER) && !readOnly);
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

    static Map<String, Object> nav(String label, String href, String active) {
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
        m.put("sensitivityHref", "/provider?id=" + Http.url(item.id()) + "&sensitivity=1#what-would-change");
        m.put("shortHref", "/provider/short?id=" + Http.url(item.id()));
        m.put("ownPolicy", ownPolicy(item));
        m.put("plainHref", "/provider?id=" + Http.url(item.id()));
        if (!item.ok()) {
            m.put("error", item.error());
            return WorkbenchServer.render("provider", m);
        }
        long start = System.nanoTime();
        try {
            WorkbenchServer.Explained x = WorkbenchServer.report(s.assessor(), item, sensitivity, "");
            m.put("report", x.html());
            if (sensitivity) m.put("nearest", nearest(x.explanation()));
        } catch (InvalidInputException e) {
            m.put("error", String.join("\n", e.problems().stream().map(Problem::toString).toList()));
        } catch (IOException | RuntimeException e) {
            m.put("error", String.valueOf(e.getMessage()));
        }
        m.put("took", (System.nanoTime() - start) / 1_000_000);
        return WorkbenchServer.render("provider", m);
    }

    /**
     * The short report for a board paper (at most three A4 pages printed): the ratings, for each key question (a
     * council's: theme) its score, band and the statements that decide it, each in one line, and what would change
     * it (the nearest rating up and down, fragile codings), beside the full report.
     */
    String shortReport(Http.Request req) {
        Workbench.Snapshot s = workbench.snapshot();
        Workbench.Item item = s == null ? null : s.item(req.q("id") == null ? "" : req.q("id"));
        if (item == null) throw new Http.Refused(404, "no assessment with that id in this portfolio");
        if (!item.ok()) throw new Http.Refused(409, "this assessment could not be evaluated: " + item.error());
        var r = item.result();
        Map<String, Object> m = page("Short report: " + r.assessment().provider(), "Portfolio");
        m.put("id", item.id());
        m.put("fullHref", "/provider?id=" + Http.url(item.id()));
        m.put("provider", r.assessment().provider());
        m.put("meta", r.assessment().scopeName() + " · " + r.assessment().serviceTypeName() + " · assessed "
                + r.assessment().assessmentDate());
        m.put("overallLabel", r.overall().label());
        m.put("overall", r.overall().rating());
        m.put("overallScore", r.overall().score() == null ? null : r.overall().score().shown());
        m.put("overallWhy", r.overall().sentence());
        m.put("caveat", r.overall().caveat());
        m.put("ownPolicy", ownPolicy(item));
        m.put("grouping", r.groupingLevel() == null ? "Key question" : capitalised(r.groupingLevel().singular()));
        List<String> nearest;
        try {
            nearest = nearest(WorkbenchServer.report(s.assessor(), item, true, "short-").explanation());
        } catch (InvalidInputException e) {
            nearest = List.of("Not worked out: " + String.join("; ", e.problems().stream().map(Problem::toString).toList()));
        } catch (IOException | RuntimeException e) {
            nearest = List.of("Not worked out: " + e.getMessage());
        }
        m.put("nearest", nearest);
        List<Map<String, Object>> kqs = new java.util.ArrayList<>();
        for (var kq : r.keyQuestions()) {
            if (!kq.inScope()) continue;
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("name", kq.name());
            k.put("score", kq.score() == null ? "–" : String.valueOf(kq.score().shown()));
            k.put("rating", kq.rating() == null ? r.scale().notRated() : kq.rating().rating());
            k.put("cls", "r" + (kq.rating() == null ? 0 : kq.rating().rank()));
            k.put("band", kq.band() == null ? null : kq.band().sentence());
            k.put("caps", kq.caps().stream().filter(c -> c.applied()).map(c -> c.sentence()).toList());
            k.put("statements", kq.statements().stream().map(st -> Map.of("name", st.name(),
                    "score", st.score() == null ? "not scored" : st.score() + " of " + r.scale().max(),
                    "why", st.detail() == null ? st.basis() : st.detail())).toList());
            kqs.add(k);
        }
        m.put("keyQuestions", kqs);
        m.put("rulesDigest", r.provenance().rulesDigest());
        m.put("fixture", item.shown());
        return WorkbenchServer.render("short", m);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The register values an item's own case runs it under, in words, or null when it has none. */
    static String ownPolicy(Workbench.Item item) {
        if (item.policy().isEmpty()) return null;
        return "Evaluated under the register values its own expected.json names, as its test runs it: "
                + String.join(", ", item.policy().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .toList()) + ".";
    }

    /**
     * One plain sentence per key question (a council's: theme) opening "what would change it": the nearest rating up
     * and down in points, and how many single coding changes would move the rating.
     */
    static List<String> nearest(org.assessor.explain.Explanation x) {
        var r = x.result();
        List<String> out = new java.util.ArrayList<>();
        for (var k : x.keyQuestions()) {
            var kq = r.keyQuestions().stream().filter(v -> v.id().equals(k.keyQuestion())).findFirst().orElse(null);
            if (kq == null) continue;
            StringBuilder b = new StringBuilder(kq.name()).append(" is ").append(k.rating());
            if (kq.score() != null) b.append(" at ").append(kq.score().shown());
            b.append(": ").append(step(k.up(), "up")).append("; ").append(step(k.down(), "down"));
            if (x.codings() != null) {
                x.codings().keyQuestions().stream().filter(c -> c.keyQuestion().equals(k.keyQuestion())).findFirst()
                        .ifPresent(c -> b.append("; ").append(c.movingRating() == 0
                                ? "no single change of an item's coding moves its rating (" + c.changesTried() + " tried)"
                                : c.movingRating() + " of the " + c.changesTried() + " single coding changes tried would "
                                + "move its rating"));
            }
            out.add(b.append('.').toString());
        }
        return out;
    }

    private static String step(org.assessor.explain.Sensitivity.RatingStep s, String way) {
        if (s == null) return "nothing known " + way;
        if (s.target() == null) return "nothing " + way + " (" + s.note() + ")";
        return s.points() + " statement point" + (s.points() == 1 ? "" : "s") + " " + way + " would make it " + s.target();
    }

    String compare(DryRun run, String id) {
        Workbench.Snapshot s = current(run);
        Workbench.Item before = run.before.get(id == null ? "" : id);
        Workbench.Item after = run.after.get(id == null ? "" : id);
        if (before == null || after == null) throw new Http.Refused(404, "no assessment with that id in this dry run");
        Map<String, Object> m = page("Before and after: " + (before.ok() ? before.result().assessment().provider()
                : before.id()), "Policy impact");
        m.put("run", run.id);
        m.put("id", id);
        m.put("description", run.description);
        m.put("beforeLabel", run.beforeLabel());
        m.put("afterLabel", run.afterLabel());
        m.put("csvHref", "/compare.csv?run=" + run.id + "&id=" + Http.url(id));
        DryRun.Moved moved = run.impact == null ? null : run.impact.moved().stream().filter(x -> x.id().equals(id))
                .findFirst().orElse(null);
        java.util.Set<String> changed = moved == null ? java.util.Set.of() : moved.statements();
        if (moved != null) {
            m.put("reasons", moved.reasons());
            m.put("scores", moved.scores().stream().map(sc -> Map.of("what", sc.what(), "before", sc.base(),
                    "after", sc.head(), "cls", sc.direction() > 0 ? "wb-up" : sc.direction() < 0 ? "wb-down" : "",
                    "way", sc.direction() > 0 ? "up" : sc.direction() < 0 ? "down" : "changed")).toList());
            m.put("findings", moved.findings().stream().map(f -> f.change() + ": " + f.ruleId() + " " + f.rule()
                    + " on " + f.evidenceId() + " (statement " + f.statement() + "): " + f.summary()).toList());
            m.put("anyFindings", !moved.findings().isEmpty());
        }
        m.put("unchanged", moved == null);
        m.put("before", side(run.beforeAssessor, before, "before-", changed));
        m.put("after", side(run.afterAssessor, after, "after-", changed));
        return WorkbenchServer.render("compare", m);
    }

    /**
     * One side of the comparison: the explained report with each statement that changed marked and open, and every
     * other statement folded (its heading and score still shown).
     */
    private Map<String, Object> side(org.assessor.result.Assessor assessor, Workbench.Item item, String ids,
                                     java.util.Set<String> changed) {
        Map<String, Object> m = side(assessor, item, ids);
        Object report = m.get("report");
        if (report instanceof String html) {
            java.util.regex.Matcher x = java.util.regex.Pattern.compile(
                    "<div class=\"statement\" id=\"" + java.util.regex.Pattern.quote(ids) + "statement-([^\"]+?)(-[0-9]+)?\">(\\s*)<details open>")
                    .matcher(html);
            StringBuilder b = new StringBuilder();
            while (x.find()) {
                boolean isChanged = changed.contains(x.group(1));
                String replacement = "<div class=\"statement" + (isChanged ? " wb-changed" : "") + "\" id=\"" + ids
                        + "statement-" + x.group(1) + (x.group(2) == null ? "" : x.group(2)) + "\""
                        + (isChanged ? " data-changed=\"1\"" : "") + ">" + x.group(3) + (isChanged ? "<details open>" : "<details>");
                x.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(replacement));
            }
            x.appendTail(b);
            m.put("report", b.toString());
        }
        return m;
    }

    private Map<String, Object> side(org.assessor.result.Assessor assessor, Workbench.Item item, String ids) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!item.ok()) {
            m.put("error", item.error());
            return m;
        }
        try {
            m.put("report", WorkbenchServer.report(assessor, item, false, ids).html());
        } catch (InvalidInputException e) {
            m.put("error", String.join("\n", e.problems().stream().map(Problem::toString).toList()));
        } catch (IOException | RuntimeException e) {
            m.put("error", String.valueOf(e.getMessage()));
        }
        return m;
    }
}
