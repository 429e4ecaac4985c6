package org.assessor.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.assessor.batch.BatchWriter;
import org.assessor.casebook.CaseResult;
import org.assessor.casebook.CaseRunner;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.result.Result;
import org.assessor.ruleset.PolicyRegister;
import org.assessor.ruleset.RuleInfo;
import org.assessor.ruleset.RuleSet;

/**
 * The workbench's pages: each builds a model of plain values and renders it with a Mustache template, which escapes
 * every value. The one value inserted unescaped is the explained report, itself rendered by the report's template.
 */
final class Pages {
    private static final int PAGE_SIZE = 200;

    private final Workbench workbench;
    private final boolean readOnly;
    private final String token;

    Pages(Workbench workbench, boolean readOnly, String token) {
        this.workbench = workbench;
        this.readOnly = readOnly;
        this.token = token;
    }

    // ---- the layout every page shares ----

    private Map<String, Object> page(String title, String active) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("token", token);
        m.put("readOnly", readOnly);
        m.put("nav", List.of(nav("Portfolio", "/", active), nav("Policy impact", "/policy", active),
                nav("Rules", "/rules", active), nav("Tests", "/tests", active)));
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

    // ---- portfolio ----

    /** One row of the portfolio: an evaluated item, or a saved result line. */
    record Row(String id, String href, String provider, String serviceType, List<Cell> cells, String overall,
               int overallRank, boolean thin, boolean fragile, String error, String source, boolean saved) {}

    record Cell(String keyQuestion, String shown, int score, String rating, String cls) {}

    record Column(String id, String name, String sortHref, String ariaSort) {}

    List<Row> rows() {
        Workbench.Snapshot s = workbench.snapshot();
        List<Row> rows = new ArrayList<>();
        if (s == null) return rows;
        for (Workbench.Item i : s.items()) {
            String href = "/provider?id=" + Http.url(i.id());
            if (!i.ok()) {
                rows.add(new Row(i.id(), href, "(not evaluated)", "", List.of(), "", -1, false, false,
                        i.error(), i.shown(), false));
                continue;
            }
            Result r = i.result();
            List<Cell> cells = new ArrayList<>();
            boolean thin = false;
            boolean fragile = false;
            for (Result.KeyQuestionView kq : r.keyQuestions()) {
                if (!kq.inScope()) continue;
                String rating = kq.rating() == null ? r.scale().notRated() : kq.rating().rating();
                int rank = kq.rating() == null ? 0 : kq.rating().rank();
                cells.add(new Cell(kq.id(), kq.score() == null ? "–" : String.valueOf(kq.score().shown()),
                        kq.score() == null ? -1 : kq.score().shown(), rating, "r" + rank));
                thin |= kq.thinStatements() > 0;
                fragile |= kq.band() != null && kq.band().boundary();
            }
            rows.add(new Row(i.id(), href, r.assessment().provider(), r.assessment().serviceTypeName(), cells,
                    r.overall().rating(), rank(s, r.overall().rating()), thin, fragile, null, i.shown(), false));
        }
        for (Workbench.Saved saved : s.saved()) rows.add(savedRow(saved));
        return rows;
    }

    private static int rank(Workbench.Snapshot s, String rating) {
        return s.assessor().rules().framework().rating(rating).map(r -> r.rank()).orElse(0);
    }

    private Row savedRow(Workbench.Saved saved) {
        if (saved.error() != null) {
            return new Row(saved.id(), null, "(saved result not read)", "", List.of(), "", -1, false, false,
                    saved.error(), saved.source(), true);
        }
        JsonNode n = saved.line();
        List<Cell> cells = new ArrayList<>();
        boolean thin = false;
        boolean fragile = false;
        for (JsonNode kq : n.path("keyQuestions")) {
            if (!kq.path("inScope").asBoolean()) continue;
            JsonNode score = kq.path("score");
            JsonNode rating = kq.path("rating");
            int rank = rating.path("rank").asInt(0);
            cells.add(new Cell(kq.path("id").asText(), score.isObject() ? score.path("shown").asText() : "–",
                    score.isObject() ? score.path("shown").asInt() : -1,
                    rating.isObject() ? rating.path("rating").asText() : n.path("scale").path("notRated").asText(),
                    "r" + rank));
            thin |= kq.path("thinStatements").asInt() > 0;
            fragile |= kq.path("band").path("boundary").asBoolean();
        }
        String overall = n.path("overall").path("rating").asText();
        Workbench.Snapshot s = workbench.snapshot();
        return new Row(saved.id(), null, n.path("assessment").path("provider").asText(),
                n.path("assessment").path("serviceTypeName").asText(), cells, overall, rank(s, overall), thin, fragile,
                null, saved.source(), true);
    }

    /** The key-question columns: every in-scope key question any row has, in the order first met. */
    private List<Column> columns(List<Row> rows, Http.Request req) {
        Map<String, String> names = new LinkedHashMap<>();
        Workbench.Snapshot s = workbench.snapshot();
        if (s != null) {
            for (Workbench.Item i : s.items()) {
                if (!i.ok()) continue;
                for (var kq : i.result().keyQuestions()) if (kq.inScope()) names.putIfAbsent(kq.id(), kq.name());
            }
        }
        for (Row r : rows) for (Cell c : r.cells()) names.putIfAbsent(c.keyQuestion(), c.keyQuestion());
        // Only the key questions (or themes) some row shown has: a filtered portfolio of one framework shows its own.
        java.util.Set<String> present = new java.util.HashSet<>();
        for (Row r : rows) for (Cell c : r.cells()) present.add(c.keyQuestion());
        List<Column> out = new ArrayList<>();
        names.forEach((id, name) -> {
            if (present.contains(id)) out.add(new Column(id, name, sortHref(req, "kq:" + id), ariaSort(req, "kq:" + id)));
        });
        return out;
    }

    private static String sortHref(Http.Request req, String key) {
        String current = req.q("sort");
        String order = key.equals(current) && !"desc".equals(req.q("order")) ? "desc" : "asc";
        Map<String, String> q = new LinkedHashMap<>(req.query());
        q.put("sort", key);
        q.put("order", order);
        q.remove("page");
        return "/?" + query(q);
    }

    private static String ariaSort(Http.Request req, String key) {
        if (!key.equals(req.q("sort") == null ? "provider" : req.q("sort"))) return "none";
        return "desc".equals(req.q("order")) ? "descending" : "ascending";
    }

    private static String query(Map<String, String> q) {
        List<String> parts = new ArrayList<>();
        q.forEach((k, v) -> { if (v != null && !v.isEmpty()) parts.add(Http.url(k) + "=" + Http.url(v)); });
        return String.join("&", parts);
    }

    /** The rows the request's filters keep, in its order. */
    List<Row> filtered(Http.Request req) {
        String service = req.q("service");
        String rating = req.q("rating");
        String flag = req.q("flag");
        String text = req.q("q");
        List<Row> rows = new ArrayList<>(rows().stream()
                .filter(r -> service == null || service.isEmpty() || r.serviceType().equals(service))
                .filter(r -> rating == null || rating.isEmpty() || r.overall().equals(rating))
                .filter(r -> flag == null || flag.isEmpty() || (flag.equals("thin") && r.thin())
                        || (flag.equals("fragile") && r.fragile()) || (flag.equals("error") && r.error() != null))
                .filter(r -> text == null || text.isBlank() || (r.provider() + " " + r.id()).toLowerCase()
                        .contains(text.strip().toLowerCase()))
                .toList());
        String sort = req.q("sort") == null ? "provider" : req.q("sort");
        Comparator<Row> by = switch (sort) {
            case "service" -> Comparator.comparing(Row::serviceType);
            case "overall" -> Comparator.comparingInt(Row::overallRank);
            case "id" -> Comparator.comparing(Row::id);
            default -> sort.startsWith("kq:")
                    ? Comparator.comparingInt(r -> r.cells().stream().filter(c -> c.keyQuestion().equals(sort.substring(3)))
                            .mapToInt(Cell::score).findFirst().orElse(-2))
                    : Comparator.comparing(Row::provider, String.CASE_INSENSITIVE_ORDER);
        };
        by = by.thenComparing(Row::id);
        if ("desc".equals(req.q("order"))) by = by.reversed();
        rows.sort(by);
        return rows;
    }

    String portfolio(Http.Request req, String message) {
        Map<String, Object> m = page("Portfolio", "Portfolio");
        List<Row> all = rows();
        List<Row> rows = filtered(req);
        List<Column> columns = columns(rows, req);
        int pageNo = parsePage(req.q("page"));
        int pages = Math.max(1, (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        pageNo = Math.min(pageNo, pages);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Row r : rows.subList((pageNo - 1) * PAGE_SIZE, Math.min(rows.size(), pageNo * PAGE_SIZE))) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (Column c : columns) {
                Cell cell = r.cells().stream().filter(x -> x.keyQuestion().equals(c.id())).findFirst().orElse(null);
                cells.add(cell == null ? Map.of("shown", "–", "rating", "not assessed", "cls", "r0", "none", true)
                        : Map.of("shown", cell.shown(), "rating", cell.rating(), "cls", cell.cls(), "none", false));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", r);
            row.put("cells", cells);
            row.put("overallCls", "r" + Math.max(0, r.overallRank()));
            row.put("link", r.href() != null && r.error() == null);
            shown.add(row);
        }
        m.put("message", message);
        m.put("columns", columns);
        m.put("rows", shown);
        m.put("count", rows.size());
        m.put("total", all.size());
        m.put("providerSort", sortHref(req, "provider"));
        m.put("providerAria", ariaSort(req, "provider"));
        m.put("serviceSort", sortHref(req, "service"));
        m.put("serviceAria", ariaSort(req, "service"));
        m.put("overallSort", sortHref(req, "overall"));
        m.put("overallAria", ariaSort(req, "overall"));
        m.put("services", options(all.stream().map(Row::serviceType).filter(x -> !x.isEmpty()).distinct().sorted()
                .toList(), req.q("service")));
        m.put("ratings", options(ratingOrder(all), req.q("rating")));
        m.put("flags", List.of(option("thin", "rests partly on thin evidence", req.q("flag")),
                option("fragile", "a key question sits on a band boundary", req.q("flag")),
                option("error", "could not be evaluated", req.q("flag"))));
        m.put("q", req.q("q") == null ? "" : req.q("q"));
        m.put("chart", chart(rows));
        m.put("csvHref", "/portfolio.csv?" + query(req.query()));
        m.put("pageNo", pageNo);
        m.put("pages", pages);
        m.put("paged", pages > 1);
        Map<String, String> q = new LinkedHashMap<>(req.query());
        q.put("page", String.valueOf(pageNo - 1));
        m.put("prevHref", pageNo > 1 ? "/?" + query(q) : null);
        q.put("page", String.valueOf(pageNo + 1));
        m.put("nextHref", pageNo < pages ? "/?" + query(q) : null);
        Workbench.Snapshot s = workbench.snapshot();
        m.put("took", s == null ? 0 : s.tookMillis());
        m.put("lines", workbench.linesPortfolio());
        return WorkbenchServer.render("portfolio", m);
    }

    private static int parsePage(String p) {
        if (p == null || !p.matches("[0-9]{1,6}")) return 1;
        return Math.max(1, Integer.parseInt(p));
    }

    private List<String> ratingOrder(List<Row> rows) {
        Map<String, Integer> ranks = new TreeMap<>();
        rows.stream().filter(r -> !r.overall().isEmpty()).forEach(r -> ranks.put(r.overall(), r.overallRank()));
        return ranks.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    private static List<Map<String, Object>> options(List<String> values, String selected) {
        return values.stream().map(v -> option(v, v, selected)).toList();
    }

    private static Map<String, Object> option(String value, String label, String selected) {
        return Map.of("value", value, "label", label, "selected", value.equals(selected));
    }

    /** Bars of the overall ratings of the rows shown, best first, as an SVG whose text is in the page. */
    private Map<String, Object> chart(List<Row> rows) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String r : ratingOrder(rows)) counts.put(r, new int[1]);
        rows.stream().filter(r -> !r.overall().isEmpty()).forEach(r -> counts.get(r.overall())[0]++);
        int max = counts.values().stream().mapToInt(c -> c[0]).max().orElse(1);
        List<Map<String, Object>> bars = new ArrayList<>();
        int y = 0;
        for (var e : counts.entrySet()) {
            int n = e.getValue()[0];
            int rank = rows.stream().filter(r -> r.overall().equals(e.getKey())).mapToInt(Row::overallRank).findFirst()
                    .orElse(0);
            bars.add(Map.of("label", e.getKey(), "count", n, "y", y, "textY", y + 17, "width", Math.max(2, 440 * n / Math.max(1, max)),
                    "countX", 185 + Math.max(2, 440 * n / Math.max(1, max)), "cls", "s" + Math.max(0, rank)));
            y += 30;
        }
        return Map.of("bars", bars, "height", Math.max(30, y), "empty", bars.isEmpty());
    }

    String portfolioCsv(Http.Request req) throws IOException {
        List<Row> rows = filtered(req);
        List<Column> columns = columns(rows, req);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            List<String> header = new ArrayList<>(List.of("id", "provider", "service_type"));
            for (Column c : columns) {
                header.add(BatchWriter.cell(c.id() + "_score"));
                header.add(BatchWriter.cell(c.id() + "_rating"));
            }
            header.addAll(List.of("overall_rating", "thin_evidence", "band_boundary", "error"));
            csv.printRecord(header);
            for (Row r : rows) {
                List<String> cells = new ArrayList<>(List.of(BatchWriter.cell(r.id()), BatchWriter.cell(r.provider()),
                        BatchWriter.cell(r.serviceType())));
                for (Column c : columns) {
                    Cell cell = r.cells().stream().filter(x -> x.keyQuestion().equals(c.id())).findFirst().orElse(null);
                    cells.add(cell == null ? "" : BatchWriter.cell(cell.shown()));
                    cells.add(cell == null ? "" : BatchWriter.cell(cell.rating()));
                }
                cells.addAll(List.of(BatchWriter.cell(r.overall()), String.valueOf(r.thin()), String.valueOf(r.fragile()),
                        r.error() == null ? "" : BatchWriter.cell(r.error())));
                csv.printRecord(cells);
            }
        }
        return out.toString();
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

    // ---- policy ----

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
        Map<String, Object> m = page("Policy impact", "Policy impact");
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
            row.put("where", relative(Path.of(r.file())) + ":" + r.line());
            row.put("history", history.getOrDefault(r.id(), 1) > 1 ? "a history of " + history.get(r.id())
                    + " dated rows, shown: the one in force today; a change applies to each" : null);
            byFile.computeIfAbsent(relative(Path.of(r.file())), k -> new ArrayList<>()).add(row);
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
        Map<String, Object> m = page("Policy impact: dry run " + run.id, "Policy impact");
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
        Workbench.Snapshot s = workbench.snapshot();
        m.put("outdated", s != null && s.generation() != run.generation);
        m.put("canSave", !readOnly && !run.values.isEmpty() && s != null && s.generation() == run.generation);
        DryRun.Impact i = run.impact;
        if (i != null) {
            m.put("impact", i);
            m.put("anyFailed", i.failed() > 0);
            m.put("movedRows", i.moved().stream().map(x -> {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("m", x);
                mm.put("anyRows", !x.registerRows().isEmpty());
                mm.put("anyRules", !x.rules().isEmpty());
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

    String review(DryRun run) {
        if (run.values.isEmpty()) throw new Http.Refused(400, "only a change of register values can be saved");
        Workbench.Snapshot s = current(run);
        Map<String, Object> m = page("Save to the register: review", "Policy impact");
        m.put("run", run.id);
        m.put("description", run.description);
        try {
            var plan = RegisterEdit.plan(workbench.rules(), s.assessor(), run.values);
            run.reviewed = plan;
            m.put("lines", plan.changes().stream().map(c -> Map.of("where", relative(Path.of(c.file())) + ":" + c.line(),
                    "id", c.id(), "valueBefore", c.valueBefore(), "valueAfter", c.valueAfter(), "before", c.before(),
                    "after", c.after())).toList());
            long rows = plan.changes().stream().map(LineChangeKey::of).distinct().count();
            m.put("history", plan.changes().size() > run.values.size() ? "Some of these ids have a history of dated rows: "
                    + "the dry run changed every row of each, so saving does too (" + rows + " rows)." : null);
        } catch (IOException | IllegalArgumentException e) {
            m.put("error", e.getMessage());
        }
        return WorkbenchServer.render("review", m);
    }

    private record LineChangeKey(String file, int line) {
        static LineChangeKey of(RegisterEdit.LineChange c) {
            return new LineChangeKey(c.file(), c.line());
        }
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

    private String relative(Path file) {
        Path root = workbench.rules().toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return f.startsWith(root) ? root.getFileName() + "/" + root.relativize(f).toString().replace('\\', '/')
                : file.toString();
    }

    // ---- rules ----

    /** The rule files of every compiled framework, by their path relative to the rules folder. */
    private Map<String, List<RuleInfo>> ruleFiles(Workbench.Snapshot s) {
        Map<String, List<RuleInfo>> files = new TreeMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (RuleSet rs : s.assessor().ruleSets()) {
            for (RuleInfo r : rs.rules()) {
                if (seen.putIfAbsent(r.identity(), true) != null) continue;
                files.computeIfAbsent(relative(Path.of(r.file())), k -> new ArrayList<>()).add(r);
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
        Map<String, Object> m = page("Rules", "Rules");
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
        Map<String, Object> m = page(file, "Rules");
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
        Map<String, Object> m = page("Tests", "Tests");
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
