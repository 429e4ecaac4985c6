package org.assessor.serve;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Path;
import org.assessor.engine.Evaluator;
import org.assessor.explain.Explanation;
import org.assessor.explain.Explanations;
import org.assessor.impact.RulesAtRevision;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.report.HtmlReporter;
import org.assessor.result.Assessor;
import org.assessor.ruleset.RuleSetCompiler;

/**
 * The workbench's web server: the JDK's own HTTP server ({@code com.sun.net.httpserver}, in every JDK since 6, kept
 * by the OpenJDK project, no dependency to track), serving pages rendered by the same Mustache templates as the HTML
 * report. Safe by default: it listens on loopback unless told otherwise; a request whose Host header is not this
 * server is refused (no DNS rebinding); every request that changes anything is a POST carrying this process's token
 * from an origin that is this server; no path from a request is ever opened: fixtures, rule files and assets are
 * looked up by name in lists the server made itself.
 */
public final class WorkbenchServer implements AutoCloseable {
    private static final DefaultMustacheFactory TEMPLATES = new DefaultMustacheFactory("org/assessor/serve");
    private static final Map<String, String> ASSETS = Map.of(
            "/assets/workbench.css", "text/css; charset=utf-8",
            "/assets/workbench.js", "text/javascript; charset=utf-8",
            "/assets/favicon.svg", "image/svg+xml");

    private final Workbench workbench;
    private final boolean readOnly;
    private final String token;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ExecutorService jobs;
    private final Watcher watcher;
    private final Map<Integer, DryRun> runs = new ConcurrentHashMap<>();
    private final Map<String, Path> revisionDirs = new ConcurrentHashMap<>();
    private final AtomicInteger runIds = new AtomicInteger();
    private final Pages pages;
    private final PortfolioPages portfolio;
    private final PolicyPages policy;
    private final RulePages rulePages;
    private final CodingPages coding;
    private final String host;
    private volatile String lastMessage;

    public WorkbenchServer(Workbench workbench, String host, int port, boolean readOnly, long watchMillis)
            throws IOException {
        this(workbench, host, port, readOnly, watchMillis, Path.of("desk"));
    }

    /** {@code desk}: the coding desk's folder of reports and codings (the coding pages, {@link CodingPages}). */
    public WorkbenchServer(Workbench workbench, String host, int port, boolean readOnly, long watchMillis, Path desk)
            throws IOException {
        this.workbench = workbench;
        this.readOnly = readOnly;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        this.host = host;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 50);
        this.handlers = Executors.newFixedThreadPool(4, r -> daemon(r, "workbench-http"));
        this.jobs = Executors.newSingleThreadExecutor(r -> daemon(r, "workbench-dry-run"));
        this.server.setExecutor(handlers);
        this.server.createContext("/", this::handle);
        this.watcher = watchMillis > 0 ? new Watcher(workbench, watchMillis) : null;
        this.pages = new Pages(workbench, readOnly, token);
        this.portfolio = new PortfolioPages(pages);
        this.policy = new PolicyPages(pages);
        this.rulePages = new RulePages(pages);
        this.coding = new CodingPages(pages, new org.assessor.draft.Desk(desk));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        server.start();
        if (watcher != null) watcher.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** The per-process token every state-changing form carries (tests read it from a page, as a browser does). */
    String token() {
        return token;
    }

    @Override
    public void close() {
        server.stop(0);
        if (watcher != null) watcher.close();
        handlers.shutdownNow();
        jobs.shutdownNow();
        workbench.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            checkHost(ex);
            Http.Request req = Http.read(ex);
            if (!req.method().equals("GET") && !req.method().equals("HEAD") && !req.method().equals("POST")) {
                throw new Http.Refused(405, "only GET and POST are served here");
            }
            if (req.method().equals("POST")) checkSameOriginAndToken(req);
            route(req);
        } catch (Http.Refused r) {
            if (r.status == 421 || r.status == 405 || r.status == 415 || r.status == 413) {
                Http.send(ex, r.status, "text/plain; charset=utf-8", (r.status + " " + r.getMessage() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                // A page a person can read and leave: the message, and the workbench's navigation.
                Http.send(ex, r.status, "text/html; charset=utf-8", pages.error(r.status == 404 ? "Not found"
                        : r.status == 403 ? "Refused" : "Not possible now", r.status + " " + r.getMessage())
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException | IOException e) {
            String page = pages.error("Something went wrong", "The workbench could not answer this request: " + e
                    + ". The results shown elsewhere are unchanged.");
            Http.send(ex, 500, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Refuses a request addressed to another host name (a page elsewhere reaching this server by DNS rebinding). */
    private void checkHost(HttpExchange ex) {
        String given = ex.getRequestHeaders().getFirst("Host");
        if (given == null || !(allowedHosts().contains(given.toLowerCase(java.util.Locale.ROOT)) || allowedLiteral(given))) {
            String h = host.contains(":") ? "[" + host + "]" : host;
            throw new Http.Refused(421, "this workbench answers only to its own addresses, such as " + h + ":" + port()
                    + " (the Host header said " + (given == null ? "nothing" : Problem.visible(given)) + ")");
        }
    }

    private volatile java.util.Set<String> allowedHosts;

    /**
     * Whether a Host header is an IP literal, written any way (an IPv6 address shortened or not), of an allowed
     * address with this server's port. Only literals are parsed: no name is looked up.
     */
    private boolean allowedLiteral(String given) {
        String hostPart;
        String portPart;
        if (given.startsWith("[")) {
            int close = given.indexOf(']');
            if (close < 0) return false;
            hostPart = given.substring(1, close);
            portPart = given.substring(close + 1);
        } else {
            int colon = given.lastIndexOf(':');
            hostPart = colon < 0 ? given : given.substring(0, colon);
            portPart = colon < 0 ? "" : given.substring(colon);
        }
        boolean portOk = portPart.equals(":" + port()) || (portPart.isEmpty() && port() == 80);
        if (!portOk || !(hostPart.matches("[0-9.]+") || hostPart.matches("[0-9A-Fa-f:.]+") && hostPart.contains(":"))) {
            return false;
        }
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(hostPart); // a literal: no lookup
            String text = a.getHostAddress();
            int scope = text.indexOf('%');
            if (scope >= 0) text = text.substring(0, scope);
            String key = (a instanceof java.net.Inet6Address ? "[" + text + "]" : text) + ":" + port();
            return allowedHosts().contains(key.toLowerCase(java.util.Locale.ROOT));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The Host headers this server answers to: its loopback names, the address it was given, and, when it listens on
     * every address (0.0.0.0 or ::), each address of this machine and its name; each with the port, and without it
     * on port 80.
     */
    private java.util.Set<String> allowedHosts() {
        java.util.Set<String> hosts = allowedHosts;
        if (hosts != null) return hosts;
        java.util.Set<String> names = new java.util.HashSet<>(List.of("127.0.0.1", "localhost", "[::1]", "[0:0:0:0:0:0:0:1]",
                host.contains(":") ? "[" + host.toLowerCase(java.util.Locale.ROOT) + "]" : host.toLowerCase(java.util.Locale.ROOT)));
        java.net.InetAddress bound = server.getAddress().getAddress();
        String boundText = bound.getHostAddress();
        if (boundText.indexOf('%') >= 0) boundText = boundText.substring(0, boundText.indexOf('%'));
        names.add(bound instanceof java.net.Inet6Address ? "[" + boundText + "]" : boundText);
        if (bound.isAnyLocalAddress()) {
            try {
                names.add(java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT));
                for (var ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                    for (var a : java.util.Collections.list(ni.getInetAddresses())) {
                        String text = a.getHostAddress();
                        int scope = text.indexOf('%');
                        if (scope >= 0) text = text.substring(0, scope);
                        names.add(a instanceof java.net.Inet6Address ? "[" + text + "]" : text);
                    }
                }
            } catch (IOException e) {
                // the loopback names and the given address remain
            }
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String n : names) {
            out.add(n + ":" + port());
            if (port() == 80) out.add(n);
        }
        allowedHosts = out;
        return out;
    }

    /** A state-changing request must come from a page of this server, with this process's token. */
    private void checkSameOriginAndToken(Http.Request req) {
        String self = "http://" + req.header("Host");
        String origin = req.header("Origin");
        String referer = req.header("Referer");
        String site = req.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw new Http.Refused(403, "refused: the form was sent from another site (Sec-Fetch-Site: " + site + ")");
        }
        if (origin != null) {
            if (!origin.equals(self)) throw new Http.Refused(403, "refused: the form came from " + Problem.visible(origin)
                    + ", not from this workbench (" + self + ")");
        } else if (referer == null || !(referer.equals(self) || referer.startsWith(self + "/"))) {
            throw new Http.Refused(403, "refused: a form must be sent from a page of this workbench (no Origin or "
                    + "Referer header said so)");
        }
        if (!Http.sameSecret(req.f("token"), token)) {
            throw new Http.Refused(403, "refused: the form's token is missing or is not this workbench's (reload the "
                    + "page: the token changes each time the workbench starts)");
        }
    }

    private void route(Http.Request req) throws IOException {
        HttpExchange ex = req.exchange();
        String path = req.path();
        boolean post = req.method().equals("POST");
        if (path.equals("/desk") || path.startsWith("/desk/")) {
            coding.route(req);
            return;
        }
        if (!post) {
            switch (path) {
                case "/" -> html(ex, portfolio.portfolio(req, message()));
                case "/portfolio.csv" -> Http.send(ex, 200, "text/csv; charset=utf-8",
                        portfolio.portfolioCsv(req).getBytes(StandardCharsets.UTF_8));
                case "/provider" -> html(ex, pages.provider(req));
                case "/policy" -> html(ex, policy.policy(req, null, Map.of()));
                case "/policy/run" -> html(ex, policy.dryRun(run(req.q("run"))));
                case "/compare" -> html(ex, pages.compare(run(req.q("run")), req.q("id")));
                case "/rules" -> html(ex, rulePages.rules());
                case "/rules/file" -> html(ex, rulePages.ruleFile(req.q("file")));
                case "/tests" -> html(ex, rulePages.tests(false));
                case "/status.json" -> Http.send(ex, 200, "application/json; charset=utf-8", status());
                default -> asset(ex, path);
            }
            return;
        }
        switch (path) {
            case "/policy/dry-run" -> startDryRun(req);
            case "/policy/review" -> {
                requireWritable();
                html(ex, policy.review(run(req.f("run"))));
            }
            case "/policy/save" -> save(req);
            case "/tests/run" -> html(ex, rulePages.tests(true));
            default -> throw new Http.Refused(404, "no such action: " + Problem.visible(path));
        }
    }

    private String message() {
        String m = lastMessage;
        lastMessage = null;
        return m;
    }

    private void requireWritable() {
        if (readOnly) throw new Http.Refused(403, "this workbench was started with --read-only: nothing can be saved");
    }

    private DryRun run(String id) {
        if (id == null || !id.matches("[0-9]{1,9}")) throw new Http.Refused(404, "no such dry run");
        DryRun r = runs.get(Integer.parseInt(id));
        if (r == null) throw new Http.Refused(404, "no such dry run (dry runs are kept only while the workbench runs)");
        return r;
    }

    private void startDryRun(Http.Request req) throws IOException {
        Workbench.Snapshot snap = workbench.snapshot();
        if (snap == null) throw new Http.Refused(409, "the portfolio has not been evaluated yet");
        if (workbench.linesPortfolio() && snap.items().isEmpty()) throw new Http.Refused(409, "nothing to dry-run");
        Map<String, String> values = new LinkedHashMap<>();
        String revision = req.f("revision");
        List<String> errors = new ArrayList<>();
        Assessor head;
        String description;
        if (revision != null && !revision.isBlank()) {
            if (policy.revisions().stream().noneMatch(r -> r.hash().equals(revision))) {
                throw new Http.Refused(400, "expected a revision from the list; found " + Problem.visible(revision));
            }
            try {
                // Each revision is extracted once per process (its folder is removed when the process ends).
                Path at = revisionDirs.get(revision);
                if (at == null) {
                    at = RulesAtRevision.resolve(revision, workbench.rules());
                    revisionDirs.put(revision, at);
                }
                head = new Assessor(new RuleSetCompiler().compile(at),
                        Evaluator.DEFAULT_MAX_FIRINGS, snap.items().size() <= Workbench.GRAPH_LIMIT, Duration.ofSeconds(60));
            } catch (InvalidInputException e) {
                html(req.exchange(), policy.policy(req, e.problems().stream().map(Problem::toString).toList(), Map.of()));
                return;
            }
            description = "the rules at revision " + revision.substring(0, 12);
        } else {
            Map<String, String> current = policy.registerValues(snap);
            req.form().forEach((k, v) -> {
                if (!k.startsWith("value.")) return;
                String id = k.substring("value.".length());
                if (!current.containsKey(id)) {
                    errors.add("no register value '" + Problem.visible(id) + "'");
                } else if (!v.strip().equals(current.get(id))) {
                    values.put(id, v.strip());
                }
            });
            if (values.isEmpty() && errors.isEmpty()) errors.add("no value was changed: change a value, or choose a revision");
            head = null;
            if (errors.isEmpty()) {
                try {
                    head = snap.assessor().withPolicyAsWritten(values);
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
            if (!errors.isEmpty()) {
                Map<String, String> entered = new LinkedHashMap<>();
                req.form().forEach((k, v) -> { if (k.startsWith("value.")) entered.put(k.substring(6), v); });
                html(req.exchange(), policy.policy(req, errors, entered));
                return;
            }
            description = String.join("; ", values.entrySet().stream()
                    .map(e -> e.getKey() + ": " + current.get(e.getKey()) + " → " + e.getValue()).toList());
        }
        DryRun run = new DryRun(runIds.incrementAndGet(), description, values, revision, snap.generation(),
                snap.items().size());
        runs.put(run.id, run);
        if (runs.size() > 20) runs.keySet().stream().sorted().limit(runs.size() - 20).toList().forEach(runs::remove);
        Assessor other = head;
        boolean isRevision = revision != null && !revision.isBlank();
        // A revision is the "before" side (as diff --base <revision> has it); changed register values the "after" side.
        jobs.submit(() -> run.run(workbench, snap, isRevision ? other : null, isRevision ? null : other));
        Http.redirect(req.exchange(), "/policy/run?run=" + run.id);
    }

    private final Object saveLock = new Object();

    private void save(Http.Request req) throws IOException {
        requireWritable();
        DryRun run = run(req.f("run"));
        if (run.values.isEmpty()) throw new Http.Refused(400, "only register values can be saved from here; a revision "
                + "is adopted with git");
        List<String> written;
        boolean loaded;
        // One save at a time, its reload included: a second save then finds the portfolio changed and is refused.
        synchronized (saveLock) {
            pages.current(run);
            RegisterEdit.Plan plan = run.reviewed;
            if (plan == null) throw new Http.Refused(409, "review the change before saving it");
            try {
                written = RegisterEdit.write(workbench.rules(), plan);
            } catch (IOException e) {
                html(req.exchange(), pages.error("Nothing was saved", e.getMessage()));
                return;
            }
            run.reviewed = null;
            loaded = workbench.reload() && workbench.problems().isEmpty();
        }
        lastMessage = "Saved " + run.description + " to " + String.join(", ", written) + (loaded
                ? ". The portfolio below is evaluated with the saved register."
                : ". The rules did not load after the save (see the problems above); the results below are the last good ones.");
        Http.redirect(req.exchange(), "/");
    }

    private byte[] status() {
        Workbench.Snapshot s = workbench.snapshot();
        StringBuilder b = new StringBuilder("{\"generation\":").append(s == null ? 0 : s.generation())
                .append(",\"problems\":").append(workbench.problems().size()).append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void asset(HttpExchange ex, String path) throws IOException {
        String type = ASSETS.get(path);
        if (path.equals("/assets/report.css")) {
            Http.send(ex, 200, "text/css; charset=utf-8", HtmlReporter.css().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (type == null) throw new Http.Refused(404, "no such page: " + Problem.visible(path));
        try (InputStream in = WorkbenchServer.class.getResourceAsStream(path.substring("/assets/".length()))) {
            if (in == null) throw new Http.Refused(404, "no such asset");
            Http.send(ex, 200, type, in.readAllBytes());
        }
    }

    private static void html(HttpExchange ex, String page) throws IOException {
        Http.send(ex, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /** Renders a template of this package with a model (every value escaped by Mustache). */
    static String render(String template, Object model) {
        Mustache m = TEMPLATES.compile(template + ".mustache");
        StringWriter w = new StringWriter();
        m.execute(w, model);
        return w.toString();
    }

    /** The explained report of one item as HTML, with the register values its numbers were set by. */
    static String report(Assessor assessor, Workbench.Item item, boolean sensitivity, String idPrefix)
            throws IOException, InvalidInputException {
        Assessor own = assessor.forFixture(item.evidence(), item.source()); // the item's framework, once
        Explanation x = Explanations.of(own, item.result());
        if (sensitivity) x = Explanations.withSensitivity(own, item.evidence(), item.source(), x, null, null);
        return HtmlReporter.withRegister(own.framework().register()).body(x, idPrefix);
    }
}
