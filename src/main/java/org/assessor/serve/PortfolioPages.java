package org.assessor.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.assessor.batch.BatchWriter;
import org.assessor.result.Result;

/** The portfolio: its rows, filters, sorting, chart and CSV export. */
final class PortfolioPages {
    private static final int PAGE_SIZE = 200;
    /** The fixture set of the results a --results file saved. */
    static final String SAVED_SET = "saved results";
    private final Pages layout;
    private final Workbench workbench;

    PortfolioPages(Pages layout) {
        this.layout = layout;
        this.workbench = layout.workbench;
    }

    /** One row of the portfolio: an evaluated item, or a saved result line. */
    record Row(String id, String href, String provider, String serviceType, List<Cell> cells, String overall,
               int overallRank, boolean thin, boolean fragile, String error, String source, boolean saved,
               String caveat, String set, Integer overallScore, Double overallRaw, String date, String rulesDigest,
               String ownPolicy) {
        /** The fixture set as the page shows it. */
        public String setShown() {
            return set.isEmpty() ? "" : set;
        }
    }

    /** One key question's (theme's) cell: the shown score, -1 for none, and the raw percentage (null for none). */
    record Cell(String keyQuestion, String shown, int score, String rating, String cls, Double raw) {}

    record Column(String id, String name, String sortHref, String ariaSort) {}

    List<Row> rows() {
        Workbench.Snapshot s = workbench.snapshot();
        List<Row> rows = new ArrayList<>();
        if (s == null) return rows;
        for (Workbench.Item i : s.items()) {
            String href = "/provider?id=" + Http.url(i.id());
            if (!i.ok()) {
                rows.add(new Row(i.id(), href, "(not evaluated)", "", List.of(), "", -1, false, false,
                        i.error(), i.shown(), false, null, i.set(), null, null, "", "", policyText(i)));
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
                        kq.score() == null ? -1 : kq.score().shown(), rating, "r" + rank,
                        kq.score() == null ? null : kq.score().raw()));
                thin |= kq.thinStatements() > 0;
                fragile |= kq.band() != null && kq.band().boundary();
            }
            var score = r.overall().score();
            rows.add(new Row(i.id(), href, r.assessment().provider(), r.assessment().serviceTypeName(), cells,
                    r.overall().rating(), rank(s, r.overall().rating()), thin, fragile, null, i.shown(), false,
                    r.overall().caveat(), i.set(), score == null ? null : score.shown(), score == null ? null : score.raw(),
                    r.assessment().assessmentDate(), r.provenance().rulesDigest(), policyText(i)));
        }
        for (Workbench.Saved saved : s.saved()) rows.add(savedRow(saved));
        return rows;
    }

    private static String policyText(Workbench.Item i) {
        return i.policy().isEmpty() ? "" : String.join("; ", i.policy().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static int rank(Workbench.Snapshot s, String rating) {
        return s.assessor().rules().framework().rating(rating).map(r -> r.rank()).orElse(0);
    }

    private Row savedRow(Workbench.Saved saved) {
        if (saved.error() != null) {
            return new Row(saved.id(), null, "(saved result not read)", "", List.of(), "", -1, false, false,
                    saved.error(), saved.source(), true, null, SAVED_SET, null, null, "", "", "");
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
                    "r" + rank, score.isObject() ? score.path("raw").asDouble() : null));
            thin |= kq.path("thinStatements").asInt() > 0;
            fragile |= kq.path("band").path("boundary").asBoolean();
        }
        String overall = n.path("overall").path("rating").asText();
        Workbench.Snapshot s = workbench.snapshot();
        JsonNode os = n.path("overall").path("score");
        return new Row(saved.id(), null, n.path("assessment").path("provider").asText(),
                n.path("assessment").path("serviceTypeName").asText(), cells, overall, rank(s, overall), thin, fragile,
                null, saved.source(), true, n.path("overall").path("caveat").isTextual()
                ? n.path("overall").path("caveat").asText() : null, SAVED_SET,
                os.isObject() ? os.path("shown").asInt() : null, os.isObject() ? os.path("raw").asDouble() : null,
                n.path("assessment").path("assessmentDate").asText(""), n.path("provenance").path("rulesDigest").asText(""),
                "");
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
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sort", key);
        q.put("order", order);
        q.put("page", null);
        return "/?" + with(req, q);
    }

    /**
     * The request's query with some fields set (a null value removes the field), every other field kept with all its
     * values (a fixture set ticked several times).
     */
    static String with(Http.Request req, Map<String, String> set) {
        List<String> parts = new ArrayList<>();
        java.util.Set<String> names = new java.util.LinkedHashSet<>(req.query().keySet());
        for (String name : names) {
            if (set.containsKey(name)) continue;
            for (String v : req.all(name)) if (!v.isEmpty()) parts.add(Http.url(name) + "=" + Http.url(v));
        }
        set.forEach((k, v) -> { if (v != null && !v.isEmpty()) parts.add(Http.url(k) + "=" + Http.url(v)); });
        return String.join("&", parts);
    }

    private static String ariaSort(Http.Request req, String key) {
        if (!key.equals(req.q("sort") == null ? "provider" : req.q("sort"))) return "none";
        return "desc".equals(req.q("order")) ? "descending" : "ascending";
    }

    /** The rows the request's filters keep, in its order. */
    List<Row> filtered(Http.Request req) {
        String service = req.q("service");
        String rating = req.q("rating");
        String flag = req.q("flag");
        String text = req.q("q");
        // Fixture sets: with the form sent (its marker field "sets"), only the ticked ones; otherwise all.
        java.util.Set<String> sets = req.q("sets") == null ? null : new java.util.HashSet<>(req.all("set"));
        List<Row> rows = new ArrayList<>(rows().stream()
                .filter(r -> sets == null || sets.contains(setKey(r.set())))
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

    /** A fixture set's value in the form: its name, or "top" for fixtures at the top of the fixtures folder. */
    static String setKey(String set) {
        return set.isEmpty() ? "top" : set;
    }

    String portfolio(Http.Request req, String message) {
        Map<String, Object> m = layout.page("Portfolio", "Portfolio");
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
            row.put("overallScore", r.overallScore() == null ? "" : String.valueOf(r.overallScore()));
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
                option("fragile", "a " + layout.groupingWord("or") + " sits on a band boundary", req.q("flag")),
                option("error", "could not be evaluated", req.q("flag"))));
        m.put("q", req.q("q") == null ? "" : req.q("q"));
        m.put("chart", chart(rows));
        m.put("csvHref", "/portfolio.csv?" + with(req, Map.of()));
        m.put("anyOverallScore", all.stream().anyMatch(r -> r.overallScore() != null));
        java.util.Set<String> ticked = req.q("sets") == null ? null : new java.util.HashSet<>(req.all("set"));
        java.util.Map<String, Integer> setCounts = new java.util.TreeMap<>();
        all.forEach(r -> setCounts.merge(setKey(r.set()), 1, Integer::sum));
        List<Map<String, Object>> setOptions = new ArrayList<>();
        setCounts.forEach((set, n) -> setOptions.add(Map.of("value", set, "label", (set.equals("top")
                ? "top level" : set) + " (" + n + ")", "checked", ticked == null || ticked.contains(set),
                "idx", setOptions.size())));
        m.put("sets", setOptions);
        m.put("anySets", setOptions.size() > 1);
        m.put("pageNo", pageNo);
        m.put("pages", pages);
        m.put("paged", pages > 1);
        m.put("prevHref", pageNo > 1 ? "/?" + with(req, Map.of("page", String.valueOf(pageNo - 1))) : null);
        m.put("nextHref", pageNo < pages ? "/?" + with(req, Map.of("page", String.valueOf(pageNo + 1))) : null);
        Workbench.Snapshot s = workbench.snapshot();
        m.put("took", s == null ? 0 : s.tookMillis());
        m.put("lines", workbench.linesPortfolio());
        provenance(m);
        return WorkbenchServer.render("portfolio", m);
    }

    /**
     * Where the rules in use come from: the commit (and the proposal it approved, with its approver), or that the rules
     * folder is not in git; and, apart, any file of the rules folder that differs from that commit.
     */
    private void provenance(Map<String, Object> m) {
        if (layout.proposals == null) {
            m.put("provenance", "The rules in use are not in a git working tree: no commit or proposal can be named "
                    + "for them, and changes cannot be proposed or approved here.");
            return;
        }
        try {
            var p = layout.proposals.provenance();
            String from = p.commit() == null ? "no commit yet" : "commit " + p.commit().substring(0, 12) + " on "
                    + p.branch() + " (" + p.subject() + ")";
            m.put("provenance", "The rules in use come from " + from + (p.proposal() == null ? ""
                    : ": proposal " + p.proposal() + ", approved by " + p.approvedBy()) + ".");
            m.put("provenanceProposal", p.proposal() == null ? null : "/proposal?n=" + p.proposal());
            m.put("uncommitted", p.clean() ? null : "The rules in use have uncommitted changes, so no commit is the "
                    + "record of them: " + String.join(", ", p.uncommitted()) + ".");
        } catch (IOException e) {
            m.put("provenance", "Where the rules come from could not be read from git: " + e.getMessage());
        }
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

    /** A UTF-8 byte-order mark: spreadsheets then read the file as UTF-8 (a dash stays a dash). */
    static final String BOM = "\uFEFF";

    /**
     * The rows shown as CSV for a spreadsheet: a byte-order mark first; a number column is a number or empty (never a
     * dash); each row with its assessment date, raw and shown percentages, overall score (a council's), the register
     * values its own case names, and the SHA-256 of the rules that produced it.
     */
    String portfolioCsv(Http.Request req) throws IOException {
        List<Row> rows = filtered(req);
        List<Column> columns = columns(rows, req);
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            List<String> header = new ArrayList<>(List.of("id", "fixture_set", "provider", "service_type",
                    "assessment_date", "overall_rating", "overall_score", "overall_raw_percentage"));
            for (Column c : columns) {
                header.add(BatchWriter.cell(c.id() + "_score"));
                header.add(BatchWriter.cell(c.id() + "_raw_percentage"));
                header.add(BatchWriter.cell(c.id() + "_rating"));
            }
            header.addAll(List.of("overall_caveat", "own_register_values", "thin_evidence", "band_boundary", "error",
                    "rules_sha256"));
            csv.printRecord(header);
            for (Row r : rows) {
                List<String> cells = new ArrayList<>(List.of(BatchWriter.cell(r.id()), BatchWriter.cell(r.set()),
                        BatchWriter.cell(r.provider()), BatchWriter.cell(r.serviceType()), r.date(),
                        BatchWriter.cell(r.overall()), r.overallScore() == null ? "" : String.valueOf(r.overallScore()),
                        number(r.overallRaw())));
                for (Column c : columns) {
                    Cell cell = r.cells().stream().filter(x -> x.keyQuestion().equals(c.id())).findFirst().orElse(null);
                    cells.add(cell == null || cell.score() < 0 ? "" : String.valueOf(cell.score()));
                    cells.add(cell == null ? "" : number(cell.raw()));
                    cells.add(cell == null ? "" : BatchWriter.cell(cell.rating()));
                }
                cells.addAll(List.of(r.caveat() == null ? "" : BatchWriter.cell(r.caveat()),
                        BatchWriter.cell(r.ownPolicy()), String.valueOf(r.thin()), String.valueOf(r.fragile()),
                        r.error() == null ? "" : BatchWriter.cell(r.error()), r.rulesDigest()));
                csv.printRecord(cells);
            }
        }
        return out.toString();
    }

    /** A number as a plain decimal (no exponent, no trailing zeros), or empty for none. */
    static String number(Double d) {
        if (d == null || d.isNaN()) return "";
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
