package org.assessor.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assessor.draft.Coding;
import org.assessor.draft.Desk;
import org.assessor.draft.Draft;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.explain.Explanations;
import org.assessor.impact.CodingAgreement;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.result.Assessor;
import org.assessor.result.Result;

/**
 * The coding desk's pages ({@code /desk…}): the reports and codings of the desk folder; the coding page (one item in
 * focus with its suggestion, the guide's paragraph for the field in focus, the cue chosen from the quote's words, the
 * statement scores as the coding stands and what the last change moved); saving a coding as a fixture; coding
 * sensitivity per statement; and the agreement of two coders, who may settle their differences into an agreed coding.
 * Every coding is looked up by names the desk listed itself; no path from a request is opened.
 */
final class CodingPages {
    private final Pages pages;
    private final Desk desk;
    /** Per coding: the statement scores before its last change, to say what the change moved. */
    private final Map<String, Map<String, Integer>> lastScores = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> lastMoves = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<Problem>> saveProblems = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> notes = new java.util.concurrent.ConcurrentHashMap<>();

    CodingPages(Pages pages, Desk desk) {
        this.pages = pages;
        this.desk = desk;
    }

    void route(Http.Request req) throws IOException {
        var ex = req.exchange();
        boolean post = req.method().equals("POST");
        String path = req.path();
        if (!post) {
            if ((path.equals("/desk/code") || path.equals("/desk/sensitivity")) && req.q("c") != null) {
                hiddenUntilFinished(ref(req.q("c")));
            }
            switch (path) {
                case "/desk" -> html(req, index(null));
                case "/desk/code" -> html(req, code(req));
                case "/desk/sensitivity" -> html(req, sensitivity(req));
                case "/desk/agreement" -> html(req, agreement(req));
                case "/desk/desk.js" -> asset(req, "desk.js", "text/javascript; charset=utf-8");
                case "/desk/desk.css" -> asset(req, "desk.css", "text/css; charset=utf-8");
                default -> throw new Http.Refused(404, "no such page: " + Problem.visible(path));
            }
            return;
        }
        if (pages.readOnly) throw new Http.Refused(403, "this workbench was started with --read-only: nothing can be "
                + "coded or saved");
        ownCodingOnly(path.equals("/desk/start") ? req.f("coder") : path.equals("/desk/settle") ? null
                : req.f("c") == null ? null : ref(req.f("c")).coder());
        switch (path) {
            case "/desk/start" -> start(req);
            case "/desk/item" -> item(req);
            case "/desk/envelope" -> envelope(req);
            case "/desk/preview" -> Http.send(ex, 200, "application/json; charset=utf-8", preview(req));
            case "/desk/save" -> save(req);
            case "/desk/settle" -> settle(req);
            default -> throw new Http.Refused(404, "no such action: " + Problem.visible(path));
        }
    }

    /**
     * With a users file, a person codes under their own login and changes only their own coding (an admin may change
     * any); the agreed coding is settled by either coder of the pair. Single-user mode names coders freely.
     */
    private void ownCodingOnly(String coder) {
        if (coder == null || coder.equals(Desk.AGREED)) return;
        var session = pages.session();
        if (session == null || pages.access.singleUser()) return;
        var who = session.person();
        if (!coder.equals(who.login()) && !who.may(org.assessor.govern.Role.ADMIN)) {
            throw new Http.Refused(403, "refused: you code as " + who.login() + "; the coding by " + Problem.visible(coder)
                    + " is theirs to change (start your own coding of the report)");
        }
    }

    /**
     * With a users file, another person's coding is shown only once they have marked it finished (an admin sees any),
     * so that a second coder codes blind.
     */
    private void hiddenUntilFinished(Ref r) {
        if (!hidden(r.report(), r.coder())) return;
        throw new Http.Refused(403, "refused: " + Problem.visible(r.coder()) + "'s coding of " + r.report() + " is hidden "
                + "until they mark it finished, so that your own coding stays blind");
    }

    /** As below, reading the coding from the desk. */
    private boolean hidden(String report, String coder) {
        Coding c;
        try {
            c = desk.coding(report, coder);
        } catch (InvalidInputException e) {
            c = null;
        }
        return hidden(coder, c);
    }

    /**
     * Whether the signed-in person may not yet see this coder's coding ({@code c}: null when there is none or it
     * cannot be read); see {@link #hiddenUntilFinished}.
     */
    private boolean hidden(String coder, Coding c) {
        var session = pages.session();
        if (session == null || pages.access.singleUser() || coder.equals(Desk.AGREED)) return false;
        var who = session.person();
        if (coder.equals(who.login()) || who.may(org.assessor.govern.Role.ADMIN)) return false;
        return c == null || !c.finished();
    }

    private static void html(Http.Request req, String page) throws IOException {
        Http.send(req.exchange(), 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private void asset(Http.Request req, String name, String type) throws IOException {
        try (InputStream in = CodingPages.class.getResourceAsStream(name)) {
            if (in == null) throw new Http.Refused(404, "no such asset");
            Http.send(req.exchange(), 200, type, in.readAllBytes());
        }
    }

    // ---- names from the request, checked against what the desk lists ----

    private String name(String value, String what) {
        if (value == null || !Desk.NAME.matcher(value).matches()) {
            throw new Http.Refused(400, "expected a " + what + " name of letters, digits, '.', '_' or '-' (up to 80); "
                    + "found " + (value == null ? "nothing" : "\"" + Problem.visible(value) + "\""));
        }
        return value;
    }

    private record Ref(String report, String coder) {
        String key() {
            return report + "/" + coder;
        }
    }

    private Ref ref(String c) {
        if (c == null || c.indexOf('/') < 0) throw new Http.Refused(404, "no such coding");
        return new Ref(name(c.substring(0, c.indexOf('/')), "report"), name(c.substring(c.indexOf('/') + 1), "coder"));
    }

    private Coding coding(Ref r) {
        try {
            Coding c = desk.coding(r.report(), r.coder());
            if (c == null) throw new Http.Refused(404, "no coding of '" + r.report() + "' by '" + r.coder() + "' at this desk");
            return c;
        } catch (InvalidInputException e) {
            throw new Http.Refused(409, "the coding cannot be read: " + e.problems().get(0));
        }
    }

    // ---- the desk: reports and codings ----

    String index(String message) throws IOException {
        Map<String, Object> m = pages.page("Coding desk", "Coding");
        m.put("desk", desk.root().toString());
        m.put("deskExists", Files.isDirectory(desk.root()));
        m.put("message", message);
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Desk.Report r : desk.reports()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("name", r.name());
            rm.put("file", r.file() == null ? "(a coding with no report file)" : r.file().getFileName().toString());
            rm.put("canStart", r.file() != null);
            List<Map<String, Object>> coders = new ArrayList<>();
            for (String coder : r.coders()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("coder", coder);
                Coding c = null;
                try {
                    c = desk.coding(r.name(), coder);
                    cm.put("items", c.size());
                    cm.put("unaccepted", c.unaccepted());
                    cm.put("finished", c.finished());
                } catch (InvalidInputException e) {
                    cm.put("error", e.problems().get(0).toString());
                }
                // Another person's unfinished coding is listed without a link: hidden until finished.
                boolean hiddenCoding = hidden(coder, c);
                cm.put("hiddenCoding", hiddenCoding);
                cm.put("href", hiddenCoding ? "" : "/desk/code?c=" + Http.url(r.name() + "/" + coder));
                coders.add(cm);
            }
            rm.put("coders", coders);
            List<Map<String, Object>> pairs = new ArrayList<>();
            List<String> people = r.coders().stream().filter(c -> !c.equals(Desk.AGREED)).toList();
            for (int i = 0; i < people.size(); i++) {
                for (int j = i + 1; j < people.size(); j++) {
                    pairs.add(Map.of("label", people.get(i) + " and " + people.get(j), "href", "/desk/agreement?r="
                            + Http.url(r.name()) + "&a=" + Http.url(people.get(i)) + "&b=" + Http.url(people.get(j))));
                }
            }
            rm.put("pairs", pairs);
            reports.add(rm);
        }
        m.put("reports", reports);
        m.put("hasReports", !reports.isEmpty());
        var session = pages.session();
        // Signed in, a person codes under their own login; in single-user mode they name themselves.
        boolean fixed = session != null && !pages.access.singleUser();
        m.put("coderFixed", fixed);
        m.put("coderName", fixed ? session.person().login() : "");
        return WorkbenchServer.render("desk", m);
    }

    /** Starts a coder on a report: a fresh draft of the report (never another coder's coding), held until saved. */
    private void start(Http.Request req) throws IOException {
        String report = name(req.f("report"), "report");
        String coder = name(req.f("coder"), "coder");
        Desk.Report r = desk.report(report);
        if (r == null || r.file() == null) throw new Http.Refused(404, "no report '" + report + "' at this desk");
        if (!desk.has(report, coder)) {
            try {
                Draft.Made made = Draft.make(pages.workbench.rules(), r.file(), new Draft.Options(null, null, null, null,
                        null));
                desk.hold(report, coder, Coding.of(desk.folder(report, coder), made));
            } catch (InvalidInputException e) {
                html(req, index("The report could not be drafted, so nothing was started: " + String.join("; ",
                        e.problems().stream().map(Problem::toString).toList())));
                return;
            }
        }
        // A coding started before opens where its coder stopped: the first item still holding a suggestion.
        int at = 0;
        try {
            Coding c = desk.coding(report, coder);
            if (c != null) at = c.firstUnaccepted();
        } catch (InvalidInputException e) {
            // the coding page says what is wrong with it
        }
        Http.redirect(req.exchange(), "/desk/code?c=" + Http.url(report + "/" + coder) + (at > 0 ? "&i=" + at : ""));
    }

    // ---- the coding page ----

    private int index(Http.Request req, String field, Coding c) {
        String v = field;
        if (v == null || v.isEmpty()) return 0;
        try {
            int i = Integer.parseInt(v);
            return Math.max(0, Math.min(i, Math.max(0, c.size() - 1)));
        } catch (NumberFormatException e) {
            throw new Http.Refused(400, "expected an item number; found \"" + Problem.visible(v) + "\"");
        }
    }

    String code(Http.Request req) {
        Ref r = ref(req.q("c"));
        Coding c = coding(r);
        int i = index(req, req.q("i"), c);
        Map<String, Object> m = pages.page("Coding " + r.report() + " (" + r.coder() + ")", "Coding");
        m.put("report", r.report());
        m.put("coder", r.coder());
        m.put("c", r.key());
        m.put("items", c.size());
        m.put("unaccepted", c.unaccepted());
        m.put("changed", c.changed());
        m.put("finished", c.finished());
        m.put("note", notes.remove(r.key()));
        m.put("envelope", envelopeModel(c));
        m.put("guide", GuideText.sections().entrySet().stream().map(e -> Map.of("field", e.getKey(), "html", e.getValue()))
                .toList());
        List<Problem> problems = saveProblems.getOrDefault(r.key(), List.of());
        m.put("saveProblems", problems.stream().map(Problem::toString).toList());
        m.put("hasSaveProblems", !problems.isEmpty());
        if (c.size() > 0) {
            ObjectNode item = c.item(i);
            m.put("item", itemModel(c, i, item, r));
            m.put("prevHref", i > 0 ? "/desk/code?c=" + Http.url(r.key()) + "&i=" + (i - 1) : null);
            m.put("nextHref", i < c.size() - 1 ? "/desk/code?c=" + Http.url(r.key()) + "&i=" + (i + 1) : null);
        }
        m.put("position", c.size() == 0 ? "no items" : "item " + (i + 1) + " of " + c.size());
        List<Map<String, Object>> list = new ArrayList<>();
        for (int k = 0; k < c.size(); k++) {
            JsonNode it = c.item(k);
            List<String> sug = Coding.suggested(it);
            list.add(Map.of("n", k + 1, "id", it.path("id").asText(), "href", "/desk/code?c=" + Http.url(r.key()) + "&i=" + k,
                    "quote", shorten(it.path("source").path("quote").asText(), 90), "state", sug.isEmpty() ? "coded"
                            : "suggested", "current", k == i, "type", it.has("metric") ? "metric" : "observation"));
        }
        m.put("list", list);
        List<Map<String, Object>> outside = new ArrayList<>();
        for (JsonNode s : c.sentences()) {
            if (s.has("notEvidence") || s.path("leftOut").asBoolean(false)) {
                outside.add(Map.of("text", s.path("text").asText(), "why", s.has("notEvidence")
                        ? s.path("notEvidence").asText() : "left out by the coder", "where", s.path("where").asText(),
                        "sentence", s.path("id").asText()));
            }
        }
        m.put("outside", outside);
        m.put("outsideCount", outside.size());
        m.put("scores", scores(c, r));
        m.put("moves", lastMoves.getOrDefault(r.key(), List.of()));
        m.put("sensitivityHref", "/desk/sensitivity?c=" + Http.url(r.key()));
        return WorkbenchServer.render("coding", m);
    }

    private Map<String, Object> envelopeModel(Coding c) {
        List<String> sug = c.envelopeSuggested();
        if (sug.isEmpty()) return null;
        ObjectNode env = c.envelope();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suggested", String.join(", ", sug));
        m.put("provider", env.path("provider").asText());
        m.put("serviceType", env.path("serviceType").asText());
        m.put("scope", env.path("scope").asText());
        m.put("assessmentDate", env.path("assessmentDate").asText());
        return m;
    }

    private Map<String, Object> itemModel(Coding c, int i, ObjectNode item, Ref r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> sug = Coding.suggested(item);
        m.put("i", i);
        m.put("id", item.path("id").asText());
        m.put("quote", item.path("source").path("quote").asText());
        m.put("section", item.path("source").path("section").asText());
        m.put("suggested", String.join(", ", sug));
        m.put("isSuggested", !sug.isEmpty());
        m.put("statement", item.path("statement").asText());
        m.put("category", item.path("category").asText());
        var fw = framework(c);
        if (fw != null) {
            var scope = fw.scopes().get(c.envelope().path("scope").asText());
            List<String> ids = scope == null ? List.copyOf(fw.statements().keySet()) : scope.statements();
            List<String> chosen = new ArrayList<>();
            c.envelope().path("statementsInScope").forEach(n -> chosen.add(n.asText()));
            m.put("statements", options(ids.stream().filter(x -> chosen.isEmpty() || chosen.contains(x)).toList(),
                    item.path("statement").asText()));
            m.put("categories", options(fw.categories().keySet(), item.path("category").asText()));
        }
        JsonNode o = item.get("observation");
        if (o != null) {
            m.put("observation", true);
            m.put("theme", o.path("theme").asText());
            var v = fw == null ? null : fw.vocabulary();
            List<String> who = new ArrayList<>();
            if (o.path("who").isArray()) o.path("who").forEach(w -> who.add(w.asText())); else who.add(o.path("who").asText());
            m.put("who", String.join(", ", who));
            if (v != null) {
                m.put("directions", radios("direction", v.directions(), o.path("direction").asText()));
                m.put("kinds", radios("kind", v.kinds(), o.path("kind").asText()));
                m.put("impacts", radios("impact", v.impacts(), o.path("impact").asText()));
                List<String> extents = new ArrayList<>(List.of(""));
                extents.addAll(v.extents());
                m.put("extents", options(extents, o.path("extent").asText("")));
                m.put("whoWords", String.join(", ", v.who()));
            }
            m.put("cue", o.path("cue").asText(""));
        } else {
            JsonNode mt = item.path("metric");
            m.put("metric", true);
            m.put("measure", mt.path("measure").asText(mt.path("name").asText()));
            m.put("measureIsName", !mt.has("measure"));
            m.put("value", org.assessor.facts.Numbers.plain(mt.path("value").asDouble()));
            m.put("unit", mt.path("unit").asText());
            m.put("period", mt.path("period").asText());
            List<String> b = new ArrayList<>();
            mt.path("benchmarks").forEach(x -> b.add(x.path("kind").asText() + " " + org.assessor.facts.Numbers.plain(
                    x.path("value").asDouble()) + " (" + x.path("label").asText() + ")"));
            m.put("benchmarks", b);
            m.put("hasBenchmarks", !b.isEmpty());
            if (fw != null) {
                m.put("units", options(fw.vocabulary().units(), mt.path("unit").asText()));
                List<Map<String, Object>> measures = new ArrayList<>();
                if (!mt.has("measure")) measures.add(Map.of("value", "", "label", "none in the catalogue: \""
                        + shorten(mt.path("name").asText(), 60) + "\" as the text says", "selected", true));
                String unit = mt.path("unit").asText();
                fw.measures().values().stream().filter(x -> x.unit().equals(unit)).forEach(x -> measures.add(Map.of(
                        "value", x.id(), "label", x.id() + ": " + x.name(), "selected", x.id().equals(mt.path("measure")
                                .asText()))));
                m.put("measures", measures);
            }
        }
        // Problems of the last save attempt that belong to this item.
        List<String> mine = new ArrayList<>();
        byte[] coded = EvidenceLoader.asCoded(c.bytes());
        for (Problem p : saveProblems.getOrDefault(r.key(), List.of())) {
            if (Coding.itemAtLine(coded, p.line()) == i) mine.add("line " + p.line() + ", column " + p.column() + ": "
                    + p.message());
        }
        m.put("problems", mine);
        m.put("hasProblems", !mine.isEmpty());
        return m;
    }

    private static List<Map<String, Object>> options(java.util.Collection<String> values, String selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String v : values) out.add(Map.of("value", v, "label", v.isEmpty() ? "(none: no breadth word)" : v,
                "selected", v.equals(selected)));
        return out;
    }

    private static List<Map<String, Object>> radios(String field, List<String> values, String selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            out.add(Map.of("field", field, "value", values.get(k), "checked", values.get(k).equals(selected),
                    "key", String.valueOf(k + 1), "id", field + "-" + values.get(k)));
        }
        return out;
    }

    private org.assessor.ruleset.Framework framework(Coding c) {
        Workbench.Snapshot s = pages.workbench.snapshot();
        if (s == null) return null;
        try {
            return s.assessor().forFixture(EvidenceLoader.asCoded(c.bytes()), "coding").framework();
        } catch (InvalidInputException | RuntimeException e) {
            return s.assessor().framework();
        }
    }

    private static String shorten(String s, int n) {
        if (s.length() <= n) return s;
        int cut = s.lastIndexOf(' ', n);
        return s.substring(0, cut < 20 ? n : cut) + "…";
    }

    // ---- scores ----

    private record Evaluated(Workbench.Snapshot snapshot, byte[] bytes, Object result) {}

    /** The last evaluation of each coding, kept while the coding and the rules are unchanged. */
    private final Map<java.nio.file.Path, Evaluated> evaluated = new java.util.concurrent.ConcurrentHashMap<>();

    /** The coding evaluated as it stands (suggestions counted as coded), or the problem that stops it. */
    private Object evaluate(Coding c) {
        Workbench.Snapshot s = pages.workbench.snapshot();
        byte[] bytes = EvidenceLoader.asCoded(c.bytes());
        Evaluated last = evaluated.get(c.folder());
        if (last != null && last.snapshot() == s && java.util.Arrays.equals(last.bytes(), bytes)) return last.result();
        Object r = evaluateNow(s, c, bytes);
        evaluated.put(c.folder(), new Evaluated(s, bytes, r));
        return r;
    }

    private Object evaluateNow(Workbench.Snapshot s, Coding c, byte[] bytes) {
        if (s == null) return "the rules have not loaded (see the problems above)";
        try {
            Assessor a = s.assessor().forFixture(bytes, "coding");
            return a.evaluate(bytes, c.folder().resolve(EvidenceLoader.EVIDENCE_FILE).toString());
        } catch (InvalidInputException e) {
            return "the coding does not load yet: " + e.problems().get(0).message()
                    + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more: save to see each beside "
                    + "its item)" : "");
        } catch (RuntimeException e) {
            return "the coding could not be evaluated: " + e.getMessage();
        }
    }

    private static Map<String, Integer> statementScores(Result r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (var kq : r.keyQuestions()) for (var st : kq.statements()) m.put(st.id(), st.score());
        return m;
    }

    private Map<String, Object> scores(Coding c, Ref ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        Object e = evaluate(c);
        if (e instanceof String problem) {
            m.put("problem", problem);
            return m;
        }
        Result r = (Result) e;
        List<Map<String, Object>> kqs = new ArrayList<>();
        for (var kq : r.keyQuestions()) {
            if (!kq.inScope()) continue;
            List<Map<String, Object>> sts = new ArrayList<>();
            for (var st : kq.statements()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("name", st.name());
                sm.put("id", st.id());
                sm.put("score", st.score() == null ? "not scored" : String.valueOf(st.score()));
                sm.put("sensitivityHref", "/desk/sensitivity?c=" + Http.url(ref.key()) + "&statement=" + Http.url(st.id()));
                sts.add(sm);
            }
            kqs.add(Map.of("name", kq.name(), "score", kq.score() == null ? "not scored" : String.valueOf(kq.score().shown()),
                    "rating", kq.rating() == null ? "" : kq.rating().rating(), "statements", sts));
        }
        m.put("keyQuestions", kqs);
        m.put("counted", c.unaccepted() == 0 ? "" : c.unaccepted() + " items are still suggestions: these scores count "
                + "them as suggested; evaluate refuses the coding until each is accepted");
        return m;
    }

    /** Notes what a change moved: each statement whose score differs from before it. */
    private void moved(Ref ref, Coding c, String what) {
        Object e = evaluate(c);
        if (!(e instanceof Result r)) return;
        Map<String, Integer> now = statementScores(r);
        Map<String, Integer> before = lastScores.put(ref.key(), now);
        List<String> moves = new ArrayList<>();
        if (before != null) {
            for (var kq : r.keyQuestions()) {
                for (var st : kq.statements()) {
                    Integer was = before.get(st.id());
                    if (!Objects.equals(was, st.score())) {
                        moves.add(st.name() + ": " + (was == null ? "not scored" : was) + " → "
                                + (st.score() == null ? "not scored" : st.score()) + " (" + what + ")");
                    }
                }
            }
        }
        lastMoves.put(ref.key(), moves.isEmpty() && before != null ? List.of("no statement score moved (" + what + ")")
                : moves);
    }

    private void remember(Ref ref, Coding c) {
        if (lastScores.containsKey(ref.key())) return;
        Object e = evaluate(c);
        if (e instanceof Result r) lastScores.put(ref.key(), statementScores(r));
    }

    // ---- changes ----

    private Map<String, String> fields(Http.Request req) {
        Map<String, String> f = new LinkedHashMap<>();
        req.form().forEach((k, v) -> { if (k.startsWith("f.")) f.put(k.substring(2), v); });
        return f;
    }

    private void item(Http.Request req) throws IOException {
        Ref ref = ref(req.f("c"));
        Coding c = coding(ref);
        String action = req.f("action") == null ? "set" : req.f("action");
        int i = index(req, req.f("i"), c);
        if (c.size() == 0 && !action.equals("code")) throw new Http.Refused(409, "the coding has no items");
        synchronized (c) {
            remember(ref, c);
            String id = c.size() == 0 ? "" : c.item(i).path("id").asText();
            Map<String, String> f = action.equals("code") ? Map.of() : fields(req);
            String cue = f.get("cue");
            String quote = c.size() == 0 ? "" : c.item(i).path("source").path("quote").asText();
            if (cue != null && !cue.isBlank() && !quote.contains(cue.strip())) {
                notes.put(ref.key(), "Not changed: the cue \"" + cue.strip() + "\" is not words of the quote; select "
                        + "the words in the quote (or copy them exactly).");
                Http.redirect(req.exchange(), "/desk/code?c=" + Http.url(ref.key()) + "&i=" + i);
                return;
            }
            if (f.containsKey("extent") && !f.get("extent").isBlank() && (cue == null || cue.isBlank())) {
                notes.put(ref.key(), "Not changed: an extent needs its cue; select the words of the quote that show "
                        + "the reach, or choose no extent.");
                Http.redirect(req.exchange(), "/desk/code?c=" + Http.url(ref.key()) + "&i=" + i);
                return;
            }
            try {
                switch (action) {
                    case "code" -> {
                        var fw = framework(c);
                        if (fw == null) throw new IllegalArgumentException("the rules have not loaded");
                        i = c.codeSentence(nz(req.f("sentence")), fw,
                                org.assessor.ruleset.CodingWords.load(pages.workbench.rules()));
                        moved(ref, c, "a sentence coded after all");
                    }
                    case "accept" -> {
                        Map<String, String> changed = changedFields(c.item(i), f);
                        if (!changed.isEmpty()) c.set(i, changed);
                        c.accept(i);
                        moved(ref, c, id + " accepted" + (changed.isEmpty() ? "" : " with " + String.join(", ",
                                changed.keySet()) + " changed"));
                        i = Math.min(i + 1, c.size() - 1);
                    }
                    case "set" -> {
                        Map<String, String> changed = changedFields(c.item(i), f);
                        if (!changed.isEmpty()) c.set(i, changed);
                        moved(ref, c, id + ": " + (changed.isEmpty() ? "nothing changed" : String.join(", ",
                                changed.keySet()) + " changed"));
                    }
                    case "leave" -> {
                        c.leaveOut(i);
                        moved(ref, c, id + " left out");
                        i = Math.min(i, Math.max(0, c.size() - 1));
                    }
                    case "finish" -> {
                        if (c.unaccepted() > 0) {
                            notes.put(ref.key(), "Not finished: " + c.unaccepted() + " items are still suggestions; "
                                    + "accept or leave out each first.");
                        } else {
                            c.finish(true);
                            notes.put(ref.key(), "Marked finished. Save to keep it; the agreement page can then show it.");
                        }
                    }
                    default -> throw new Http.Refused(400, "expected action accept, set, leave, finish or code; found \""
                            + Problem.visible(action) + "\"");
                }
            } catch (IllegalArgumentException e) {
                notes.put(ref.key(), "Not changed: " + e.getMessage());
            } catch (InvalidInputException e) {
                notes.put(ref.key(), "Not changed: the coding words cannot be read: " + e.problems().get(0));
            }
        }
        Http.redirect(req.exchange(), "/desk/code?c=" + Http.url(ref.key()) + "&i=" + i);
    }

    /** The form's fields whose values differ from the item's (what the coder changed). */
    private static Map<String, String> changedFields(ObjectNode item, Map<String, String> f) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : f.entrySet()) {
            String k = e.getKey();
            String v = e.getValue() == null ? "" : e.getValue().strip();
            String now;
            switch (k) {
                case "statement", "category" -> now = item.path(k).asText();
                case "who" -> {
                    JsonNode w = item.path("observation").path("who");
                    List<String> ws = new ArrayList<>();
                    if (w.isArray()) w.forEach(x -> ws.add(x.asText())); else ws.add(w.asText());
                    now = String.join(", ", ws);
                    v = String.join(", ", List.of(v.split("\\s*,\\s*")));
                }
                case "theme", "direction", "kind", "extent", "cue", "impact" -> now = item.path("observation").path(k).asText("");
                case "measure", "unit", "period" -> now = item.path("metric").path(k).asText("");
                case "value" -> now = org.assessor.facts.Numbers.plain(item.path("metric").path("value").asDouble());
                default -> {
                    continue;
                }
            }
            if (!v.equals(now)) out.put(k, v);
        }
        return out;
    }

    private void envelope(Http.Request req) throws IOException {
        Ref ref = ref(req.f("c"));
        Coding c = coding(ref);
        synchronized (c) {
            c.acceptEnvelope(Map.of("provider", nz(req.f("provider")), "serviceType", nz(req.f("serviceType")), "scope",
                    nz(req.f("scope")), "assessmentDate", nz(req.f("assessmentDate"))));
        }
        notes.put(ref.key(), "The assessment's details are accepted.");
        Http.redirect(req.exchange(), "/desk/code?c=" + Http.url(ref.key()) + "&i=" + nz(req.f("i")));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The statement scores the coding would give with the form's fields, without keeping them. */
    private byte[] preview(Http.Request req) {
        Ref ref = ref(req.f("c"));
        Coding c = coding(ref);
        int i = index(req, req.f("i"), c);
        StringBuilder json = new StringBuilder("{\"statements\":[");
        try {
            Coding copy;
            synchronized (c) {
                copy = Coding.of(c.folder(), new Draft.Made(c.framework(), c.bytes(), c.sentenceBytes(), 0, 0, 0, 0,
                        Map.of()));
            }
            Map<String, String> changed = changedFields(copy.item(i), fields(req));
            String cue = changed.get("cue");
            if (cue != null && !cue.isBlank() && !copy.item(i).path("source").path("quote").asText().contains(cue)) {
                return ("{\"problem\":" + quoted("the cue is not words of the quote") + "}").getBytes(StandardCharsets.UTF_8);
            }
            if (!changed.isEmpty()) copy.set(i, changed);
            Object before = evaluate(c);
            Object after = evaluate(copy);
            if (!(after instanceof Result r)) {
                return ("{\"problem\":" + quoted(String.valueOf(after)) + "}").getBytes(StandardCharsets.UTF_8);
            }
            Map<String, Integer> was = before instanceof Result b ? statementScores(b) : Map.of();
            boolean first = true;
            for (var kq : r.keyQuestions()) {
                for (var st : kq.statements()) {
                    if (!first) json.append(',');
                    first = false;
                    json.append("{\"id\":").append(quoted(st.id())).append(",\"score\":")
                            .append(quoted(st.score() == null ? "not scored" : String.valueOf(st.score())))
                            .append(",\"was\":").append(quoted(was.get(st.id()) == null ? "not scored"
                                    : String.valueOf(was.get(st.id())))).append('}');
                }
            }
            json.append("]}");
        } catch (IllegalArgumentException e) {
            return ("{\"problem\":" + quoted(e.getMessage()) + "}").getBytes(StandardCharsets.UTF_8);
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\"\"";
        }
    }

    private void save(Http.Request req) throws IOException {
        Ref ref = ref(req.f("c"));
        Coding c = coding(ref);
        List<Problem> problems;
        synchronized (c) {
            problems = c.save((bytes, shown) -> {
                Workbench.Snapshot s = pages.workbench.snapshot();
                if (s == null) return List.of(new Problem(shown, 0, 0, "the rules have not loaded, so the coding cannot "
                        + "be checked; nothing was saved"));
                try {
                    s.assessor().forFixture(bytes, shown).load(bytes, shown);
                    return List.of();
                } catch (InvalidInputException e) {
                    return e.problems();
                }
            });
        }
        if (problems.isEmpty()) {
            saveProblems.remove(ref.key());
            notes.put(ref.key(), "Saved to " + c.folder().resolve(EvidenceLoader.EVIDENCE_FILE) + " (written whole, then "
                    + "moved into place)" + (c.unaccepted() == 0 ? "; every item is coded: evaluate reads it as a fixture."
                    : "; " + c.unaccepted() + " items are still suggestions, so evaluate refuses it until they are accepted."));
        } else {
            saveProblems.put(ref.key(), problems);
            notes.put(ref.key(), "Nothing was saved: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + ", each shown beside its item.");
        }
        int first = 0;
        if (!problems.isEmpty()) {
            int at = Coding.itemAtLine(EvidenceLoader.asCoded(c.bytes()), problems.get(0).line());
            if (at >= 0) first = at;
        } else if (req.f("i") != null) {
            first = index(req, req.f("i"), c);
        }
        Http.redirect(req.exchange(), "/desk/code?c=" + Http.url(ref.key()) + "&i=" + first);
    }

    // ---- coding sensitivity ----

    String sensitivity(Http.Request req) {
        Ref ref = ref(req.q("c"));
        Coding c = coding(ref);
        String statement = req.q("statement");
        Map<String, Object> m = pages.page("How robust is each statement? " + ref.report() + " (" + ref.coder() + ")",
                "Coding");
        m.put("backHref", "/desk/code?c=" + Http.url(ref.key()));
        m.put("c", ref.key());
        Workbench.Snapshot s = pages.workbench.snapshot();
        byte[] bytes = EvidenceLoader.asCoded(c.bytes());
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            Assessor a = s.assessor().forFixture(bytes, "coding");
            Result r = a.evaluate(bytes, "coding");
            for (var kq : r.keyQuestions()) {
                for (var st : kq.statements()) {
                    if (!kq.inScope()) continue;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", st.name());
                    row.put("score", st.score() == null ? "not scored" : String.valueOf(st.score()));
                    row.put("href", "/desk/sensitivity?c=" + Http.url(ref.key()) + "&statement=" + Http.url(st.id()));
                    if (st.id().equals(statement)) {
                        var x = Explanations.withSensitivity(a, bytes, "coding", Explanations.of(a, r), null, st.id());
                        x.codings().statements().stream().filter(v -> v.statement().equals(st.id())).findFirst()
                                .ifPresent(v -> row.put("sentence", v.sentence()));
                    }
                    rows.add(row);
                }
            }
            m.put("counted", c.unaccepted() == 0 ? null : c.unaccepted() + " items are still suggestions and are counted "
                    + "as suggested");
        } catch (InvalidInputException e) {
            m.put("problem", String.join("; ", e.problems().stream().map(Problem::toString).toList()));
        } catch (IOException | RuntimeException e) {
            m.put("problem", String.valueOf(e.getMessage()));
        }
        m.put("rows", rows);
        return WorkbenchServer.render("coding-sensitivity", m);
    }

    // ---- two coders ----

    String agreement(Http.Request req) throws IOException {
        String report = name(req.q("r"), "report");
        String a = name(req.q("a"), "coder");
        String b = name(req.q("b"), "coder");
        Map<String, Object> m = pages.page("Agreement: " + report, "Coding");
        m.put("report", report);
        m.put("a", a);
        m.put("b", b);
        Coding ca = coding(new Ref(report, a));
        Coding cb = coding(new Ref(report, b));
        if (!ca.finished() || !cb.finished()) {
            m.put("blind", (ca.finished() ? "" : a + " has not finished coding. ") + (cb.finished() ? ""
                    : b + " has not finished coding. ") + "The agreement page opens when both have marked their coding "
                    + "finished and saved it, so that neither sees the other's choices while coding.");
            return WorkbenchServer.render("agreement", m);
        }
        Workbench.Snapshot s = pages.workbench.snapshot();
        try {
            byte[] ba = EvidenceLoader.asCoded(ca.bytes());
            byte[] bb = EvidenceLoader.asCoded(cb.bytes());
            Assessor assessor = s.assessor().forFixture(ba, a);
            var la = assessor.load(ba, a);
            var lb = assessor.load(bb, b);
            var result = CodingAgreement.between(la, lb, assessor.framework().vocabulary().defaultExtent());
            m.put("matched", result.matched());
            m.put("aItems", result.firstItems());
            m.put("bItems", result.secondItems());
            m.put("fields", result.fields().stream().map(f -> Map.of("field", f.field(), "items", f.items(), "agree",
                    f.items() == 0 ? "–" : org.assessor.facts.Numbers.rounded(f.percent(), 1) + "%", "kappa",
                    f.kappa() == null ? "–" : org.assessor.facts.Numbers.rounded(f.kappa(), 2))).toList());
            // Statement scores each coding gives (and the agreed coding, when there is one).
            Map<String, Integer> sa = statementScores(assessor.evaluate(ba, a));
            Map<String, Integer> sb = statementScores(assessor.evaluate(bb, b));
            Coding agreed = desk.has(report, Desk.AGREED) ? coding(new Ref(report, Desk.AGREED)) : null;
            Map<String, Integer> sg = Map.of();
            if (agreed != null) {
                byte[] bg = EvidenceLoader.asCoded(agreed.bytes());
                try {
                    sg = statementScores(assessor.evaluate(bg, Desk.AGREED));
                } catch (InvalidInputException e) {
                    m.put("agreedProblem", e.problems().get(0).toString());
                }
            }
            Result names = assessor.evaluate(ba, a);
            List<Map<String, Object>> scores = new ArrayList<>();
            for (var kq : names.keyQuestions()) {
                if (!kq.inScope()) continue;
                for (var st : kq.statements()) {
                    scores.add(Map.of("name", st.name(), "a", show(sa.get(st.id())), "b", show(sb.get(st.id())),
                            "agreed", agreed == null ? "–" : show(sg.get(st.id())),
                            "differ", !Objects.equals(sa.get(st.id()), sb.get(st.id()))));
                }
            }
            m.put("scores", scores);
            m.put("hasAgreed", agreed != null);
            if (agreed != null) m.put("agreedHref", "/desk/code?c=" + Http.url(report + "/" + Desk.AGREED));
            // Disagreements side by side.
            List<Map<String, Object>> diffs = new ArrayList<>();
            for (var pair : CodingAgreement.pairs(la, lb)) {
                List<String> differ = differences(pair[0], pair[1], assessor.framework().vocabulary().defaultExtent());
                if (differ.isEmpty()) continue;
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("quote", pair[0].source().quote());
                d.put("fields", String.join(", ", differ));
                d.put("aId", pair[0].id());
                d.put("bId", pair[1].id());
                d.put("aCoding", describe(pair[0]));
                d.put("bCoding", describe(pair[1]));
                d.put("settled", agreed == null ? "" : settledAs(agreed, find(ca, pair[0].id()), find(cb, pair[1].id())));
                diffs.add(d);
            }
            m.put("diffs", diffs);
            m.put("diffCount", diffs.size() == 1 ? "1 disagreement" : diffs.size() + " disagreements");
        } catch (InvalidInputException e) {
            m.put("problem", String.join("; ", e.problems().stream().map(Problem::toString).toList()));
        }
        return WorkbenchServer.render("agreement", m);
    }

    private static String show(Integer score) {
        return score == null ? "not scored" : String.valueOf(score);
    }

    private static List<String> differences(org.assessor.evidence.EvidenceFile.Item x,
                                            org.assessor.evidence.EvidenceFile.Item y, String defaultExtent) {
        List<String> out = new ArrayList<>();
        if (!x.statement().equals(y.statement())) out.add("statement");
        if (!x.category().equals(y.category())) out.add("category");
        if ((x.metric() == null) != (y.metric() == null)) {
            out.add("type");
            return out;
        }
        if (x.observation() != null) {
            var a = x.observation();
            var b = y.observation();
            if (!a.direction().equals(b.direction())) out.add("direction");
            if (!a.kind().equals(b.kind())) out.add("kind");
            if (!Objects.equals(a.extent() == null ? defaultExtent : a.extent(), b.extent() == null ? defaultExtent
                    : b.extent())) out.add("extent");
            if (!a.impact().equals(b.impact())) out.add("impact");
            if (!a.who().equals(b.who())) out.add("who");
        } else {
            if (!Objects.equals(x.metric().measure(), y.metric().measure())) out.add("measure");
            if (x.metric().value() != y.metric().value()) out.add("value");
        }
        return out;
    }

    private static String describe(org.assessor.evidence.EvidenceFile.Item i) {
        if (i.metric() != null) {
            var mt = i.metric();
            return "metric " + (mt.measure() != null ? mt.measure() : mt.name()) + " = "
                    + org.assessor.facts.Numbers.plain(mt.value()) + " " + mt.unit() + "; " + i.category();
        }
        var o = i.observation();
        return o.direction() + ", " + o.kind() + ", extent " + (o.extent() == null ? "(none)" : o.extent() + " (\""
                + o.cue() + "\")") + ", impact " + o.impact() + ", who " + String.join(", ", o.who()) + "; " + i.category();
    }

    /** Whether the agreed coding holds the first coder's item, the second's, or another coding, for one disagreement. */
    private static String settledAs(Coding agreed, JsonNode a, JsonNode b) {
        JsonNode now = a == null ? null : find(agreed, a.path("id").asText());
        if (now == null) return "not in the agreed coding";
        if (same(now, b) && !same(now, a)) return "agreed: the second coder's coding";
        if (same(now, a)) return "agreed: the first coder's coding";
        return "agreed: another coding";
    }

    /** Two items coded alike: the same fields, their ids aside. */
    private static boolean same(JsonNode x, JsonNode y) {
        if (x == null || y == null) return false;
        ObjectNode a = x.deepCopy();
        ObjectNode b = y.deepCopy();
        a.remove("id");
        b.remove("id");
        a.remove("suggested");
        b.remove("suggested");
        return a.equals(b);
    }

    /**
     * Settles a disagreement into the agreed coding: made the first time as a copy of the first coder's coding, then
     * the chosen coder's item (under the first coder's id) replaces it.
     */
    private void settle(Http.Request req) throws IOException {
        String report = name(req.f("r"), "report");
        String a = name(req.f("a"), "coder");
        String b = name(req.f("b"), "coder");
        String take = req.f("take");
        String aId = req.f("aId");
        String bId = req.f("bId");
        if (!"a".equals(take) && !"b".equals(take)) throw new Http.Refused(400, "expected take=a or take=b");
        Coding ca = coding(new Ref(report, a));
        Coding cb = coding(new Ref(report, b));
        Coding agreed;
        try {
            if (!desk.has(report, Desk.AGREED)) {
                agreed = Coding.of(desk.folder(report, Desk.AGREED), new Draft.Made(ca.framework(), ca.bytes(),
                        ca.sentenceBytes(), 0, 0, 0, 0, Map.of()));
                agreed.finish(false);
                desk.hold(report, Desk.AGREED, agreed);
            }
            agreed = desk.coding(report, Desk.AGREED);
        } catch (InvalidInputException e) {
            throw new Http.Refused(409, "the agreed coding cannot be read: " + e.problems().get(0));
        }
        JsonNode from = find(take.equals("a") ? ca : cb, take.equals("a") ? aId : bId);
        if (from == null) throw new Http.Refused(404, "no such item in that coding");
        ObjectNode copy = from.deepCopy();
        copy.put("id", aId);
        synchronized (agreed) {
            agreed.put(copy);
        }
        Http.redirect(req.exchange(), "/desk/agreement?r=" + Http.url(report) + "&a=" + Http.url(a) + "&b=" + Http.url(b));
    }

    private static JsonNode find(Coding c, String id) {
        for (JsonNode it : c.items()) if (it.path("id").asText().equals(id)) return it;
        return null;
    }
}
