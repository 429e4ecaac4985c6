package org.assessor.serve;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
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
 * The workbench's web server: pages rendered by the same Mustache templates as the HTML report, served by a
 * {@link BoundedServer} (Jetty) that bounds its clients, with a cap on the pages that take a while ({@link HeavyPages}).
 * It answers from the moment the port is open: until the portfolio is first evaluated, every page says how far the
 * evaluation has got. Safe by default: it listens on loopback unless told otherwise; a request whose Host header is not this
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
    private final org.assessor.govern.Access access;
    private final org.assessor.govern.AuditLog audit;
    /** The proposals of the git repository holding the rules folder; null when the rules are not in git. */
    private final org.assessor.govern.Proposals proposals;
    /** The session of the request this thread is answering (every page shows its person and carries its token). */
    private final ThreadLocal<org.assessor.govern.Access.Session> current = new ThreadLocal<>();
    private final GovernPages govern;
    private final BoundedServer server;
    private final HeavyPages heavy;
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
    /** The message each session sees once on its next page (after a proposal, an approval, a rejection). */
    private final Map<String, String> messages = new ConcurrentHashMap<>();

    /**
     * A workbench in single-user mode (no users file: the one person is the local git identity, for loopback), its
     * audit trail in {@code .assessor/audit.jsonl} beside the rules folder.
     */
    public WorkbenchServer(Workbench workbench, String host, int port, boolean readOnly, long watchMillis)
            throws IOException {
        this(workbench, host, port, readOnly, watchMillis, null, null, Path.of("desk"), BoundedServer.Limits.defaults());
    }

    /** A server with other bounds on its clients (tests use small ones), in single-user mode. */
    WorkbenchServer(Workbench workbench, String host, int port, boolean readOnly, long watchMillis,
                    BoundedServer.Limits limits) throws IOException {
        this(workbench, host, port, readOnly, watchMillis, null, null, Path.of("desk"), limits);
    }

    /**
     * A workbench whose people, audit trail and coding desk are given: {@code access} null for single-user mode,
     * {@code audit} null for the default file, {@code desk} the coding desk's folder of reports and codings (the
     * coding pages, {@link CodingPages}).
     */
    public WorkbenchServer(Workbench workbench, String host, int port, boolean readOnly, long watchMillis,
                           org.assessor.govern.Access access, org.assessor.govern.AuditLog audit, Path desk)
            throws IOException {
        this(workbench, host, port, readOnly, watchMillis, access, audit, desk, BoundedServer.Limits.defaults());
    }

    /** People and audit trail given, the coding desk in {@code desk/}. */
    public WorkbenchServer(Workbench workbench, String host, int port, boolean readOnly, long watchMillis,
                           org.assessor.govern.Access access, org.assessor.govern.AuditLog audit) throws IOException {
        this(workbench, host, port, readOnly, watchMillis, access, audit, Path.of("desk"), BoundedServer.Limits.defaults());
    }

    /** In single-user mode, with the coding desk in {@code desk}. */
    public WorkbenchServer(Workbench workbench, String host, int port, boolean readOnly, long watchMillis, Path desk)
            throws IOException {
        this(workbench, host, port, readOnly, watchMillis, null, null, desk, BoundedServer.Limits.defaults());
    }

    WorkbenchServer(Workbench workbench, String host, int port, boolean readOnly, long watchMillis,
                    org.assessor.govern.Access access, org.assessor.govern.AuditLog audit, Path desk,
                    BoundedServer.Limits limits)
            throws IOException {
        this.workbench = workbench;
        this.readOnly = readOnly;
        this.proposals = org.assessor.govern.Proposals.open(workbench.rules()).orElse(null);
        this.access = access != null ? access : org.assessor.govern.Access.singleUser(localPerson(proposals),
                java.time.Clock.systemUTC());
        this.audit = audit != null ? audit : new org.assessor.govern.AuditLog(
                org.assessor.govern.UsersFile.stateFolder(workbench.rules()).resolve("audit.jsonl"),
                java.time.Clock.systemUTC());
        this.host = host;
        this.heavy = new HeavyPages(limits.heavyRunning(), limits.heavyWaiting(), limits.heavyWaitMillis());
        this.jobs = Executors.newSingleThreadExecutor(r -> daemon(r, "workbench-dry-run"));
        this.server = new BoundedServer(host, port, limits, this::handle);
        this.watcher = watchMillis > 0 ? new Watcher(workbench, watchMillis) : null;
        this.pages = new Pages(workbench, readOnly, current::get, this.access, proposals);
        this.portfolio = new PortfolioPages(pages);
        this.policy = new PolicyPages(pages);
        this.rulePages = new RulePages(pages);
        this.coding = new CodingPages(pages, new org.assessor.draft.Desk(desk));
        this.govern = new GovernPages(pages, proposals, this.audit);
    }

    /**
     * The one person of single-user mode: the git identity of the repository holding the rules (user.name and
     * user.email), with every role; "local user" when git has none.
     */
    private static org.assessor.govern.Person localPerson(org.assessor.govern.Proposals proposals) {
        String name = System.getProperty("user.name", "local user");
        String email = name + "@localhost";
        if (proposals != null) {
            var id = proposals.localIdentity();
            if (!"null".equals(id.getName())) name = id.getName();
            if (!"null".equals(id.getEmailAddress())) email = id.getEmailAddress();
        }
        return new org.assessor.govern.Person("local", name, email, org.assessor.govern.Role.ADMIN);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts answering; pages say how far the first evaluation has got until it has finished. */
    public void start() throws IOException {
        server.start();
        if (watcher != null) watcher.start();
    }

    public int port() {
        return server.port();
    }

    /** The connections open now (tests watch the cap). */
    int connections() {
        return server.connections();
    }

    /** The cap on heavy pages (tests fill it to see the busy page). */
    HeavyPages heavy() {
        return heavy;
    }

    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** In single-user mode, the per-process token every state-changing form carries (tests read it from a page). */
    String token() {
        return access.singleUser() ? access.singleSession().csrf() : null;
    }

    @Override
    public void close() {
        server.close();
        if (watcher != null) watcher.close();
        jobs.shutdownNow();
        workbench.close();
        if (proposals != null) proposals.close();
    }

    private void handle(Http.Exchange ex) throws IOException {
        try {
            checkHost(ex);
            Http.Request req = Http.read(ex);
            if (!req.method().equals("GET") && !req.method().equals("HEAD") && !req.method().equals("POST")) {
                throw new Http.Refused(405, "only GET and POST are served here");
            }
            org.assessor.govern.Access.Session session = access.session(cookie(req)).orElse(null);
            current.set(session);
            if (req.method().equals("POST")) checkSameOrigin(req);
            if (session == null) {
                signIn(req);
                return;
            }
            current.set(session);
            if (req.method().equals("POST")) checkToken(req, session);
            route(req, session.person());
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
            String said = "The workbench could not answer this request: " + e + ". The results shown elsewhere are unchanged.";
            String page;
            try {
                page = pages.error("Something went wrong", said);
            } catch (RuntimeException again) {
                Http.send(ex, 500, "text/plain; charset=utf-8", ("500 " + said + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            Http.send(ex, 500, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        } finally {
            current.remove();
        }
    }

    private static final String COOKIE = "assessor_session";

    private static String cookie(Http.Request req) {
        String header = req.header("Cookie");
        if (header != null) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(COOKIE + "=")) return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    /**
     * A request without a live session (only when there is a users file): the sign-in page and its form, the style
     * sheet, script and icon; anything else goes to the sign-in page (a form sent after its session ended is refused).
     */
    private void signIn(Http.Request req) throws IOException {
        Http.Exchange ex = req.exchange();
        String path = req.path();
        if (path.startsWith("/assets/")) {
            asset(ex, path);
            return;
        }
        if (path.equals("/status.json")) {
            throw new Http.Refused(403, "sign in first");
        }
        if (path.equals("/sign-in") && req.method().equals("POST")) {
            String login = req.f("login") == null ? "" : req.f("login").strip();
            char[] password = req.f("password") == null ? new char[0] : req.f("password").toCharArray();
            var result = access.signIn(login, password);
            java.util.Arrays.fill(password, '\0');
            if (result.session() == null) {
                audit.record(login.isEmpty() ? "(no login)" : login, "sign-in refused", result.refusal());
                Http.send(ex, 403, "text/html; charset=utf-8", govern.signIn(result.refusal(), login, next(req.f("next")))
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            audit.record(login, "sign-in", "signed in as " + result.session().person().role().word());
            Http.redirect(ex, next(req.f("next")), Map.of("Set-Cookie", COOKIE + "=" + result.session().id()
                    + "; Path=/; HttpOnly; SameSite=Strict"));
            return;
        }
        if (req.method().equals("POST")) {
            throw new Http.Refused(403, "refused: you are not signed in (or your session ended); sign in and send the form again");
        }
        if (path.equals("/sign-in")) {
            Http.send(ex, 200, "text/html; charset=utf-8", govern.signIn(null, "", next(req.q("next")))
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String back = path + (req.rawQuery() == null ? "" : "?" + req.rawQuery());
        Http.redirect(ex, "/sign-in?next=" + Http.url(back));
    }

    /** Where to go after signing in: a path of this workbench only (never another site). */
    private static String next(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && !next.contains("\r") && !next.contains("\n") ? next : "/";
    }

    /** Refuses a person whose role does not allow an action, in words, and records the refusal. */
    private void require(org.assessor.govern.Person who, org.assessor.govern.Role role, String action) {
        if (!who.may(role)) {
            String why = action + " needs the role " + role.word() + " or above; " + who.login() + " is " + who.role().word();
            audit.record(who.login(), "refused", why);
            throw new Http.Refused(403, "refused: " + why);
        }
    }

    /** Refuses a request addressed to another host name (a page elsewhere reaching this server by DNS rebinding). */
    private void checkHost(Http.Exchange ex) {
        String given = ex.header("Host");
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
        java.net.InetAddress bound = server.address().getAddress();
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

    /** A state-changing request must come from a page of this server. */
    private void checkSameOrigin(Http.Request req) {
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
    }

    /** ... and carry the token of the session that sends it (single-user mode: this process's). */
    private void checkToken(Http.Request req, org.assessor.govern.Access.Session session) {
        if (!Http.sameSecret(req.f("token"), session.csrf())) {
            throw new Http.Refused(403, "refused: the form's token is missing or is not this session's (reload the "
                    + "page: the token changes with each sign-in, and each time the workbench starts)");
        }
    }

    /** Pages that take a while and much memory; at most a few are built at once ({@link HeavyPages}). */
    private static final java.util.Set<String> HEAVY = java.util.Set.of("GET /provider", "GET /compare",
            "POST /tests/run", "POST /policy/review", "POST /policy/dry-run", "POST /policy/save");

    private void route(Http.Request req, org.assessor.govern.Person who) throws IOException {
        Http.Exchange ex = req.exchange();
        String path = req.path();
        boolean post = req.method().equals("POST");
        Workbench.Progress progress = workbench.progress();
        if (workbench.snapshot() == null && progress.running() && !path.startsWith("/assets/")
                && !path.equals("/status.json")) {
            starting(ex, progress);
            return;
        }
        if (!HEAVY.contains((post ? "POST " : "GET ") + path)) {
            answer(req, who, ex, path, post);
            return;
        }
        HeavyPages.Turn turn;
        try {
            turn = heavy.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a turn", e);
        }
        if (turn == null) {
            Http.send(ex, 503, "text/html; charset=utf-8", pages.error("Busy: try again", "The workbench is building as "
                    + "many pages that take a while (explanations, tests, dry runs) as it can at once, and others are "
                    + "waiting; try again in a few seconds.").getBytes(StandardCharsets.UTF_8), Map.of("Retry-After", "5"));
            return;
        }
        try (turn) {
            answer(req, who, ex, path, post);
        }
    }

    /** Until the portfolio is first evaluated, every page says how far it has got, and refreshes itself. */
    private void starting(Http.Exchange ex, Workbench.Progress p) throws IOException {
        Map<String, Object> m = pages.page("Starting", "");
        m.put("phase", p.phase());
        m.put("done", p.done());
        m.put("total", p.total());
        m.put("counting", p.total() > 0);
        Http.send(ex, 503, "text/html; charset=utf-8", render("starting", m).getBytes(StandardCharsets.UTF_8),
                Map.of("Retry-After", "2"));
    }

    private void answer(Http.Request req, org.assessor.govern.Person who, Http.Exchange ex, String path, boolean post)
            throws IOException {
        org.assessor.govern.Role analyst = org.assessor.govern.Role.ANALYST;
        org.assessor.govern.Role approver = org.assessor.govern.Role.APPROVER;
        if (path.equals("/desk") || path.startsWith("/desk/")) {
            if (post) require(who, org.assessor.govern.Role.ANALYST, "coding at the desk");
            coding.route(req);
            return;
        }
        if (!post) {
            switch (path) {
                case "/" -> html(ex, portfolio.portfolio(req, message()));
                case "/portfolio.csv" -> {
                    String body = portfolio.portfolioCsv(req);
                    audit.record(who.login(), "export", "portfolio as CSV" + (req.rawQuery() == null || req.rawQuery().isEmpty() ? ""
                            : " (" + req.rawQuery() + ")"));
                    csv(ex, "portfolio", body);
                }
                case "/provider" -> html(ex, pages.provider(req));
                case "/provider/short" -> {
                    String page = pages.shortReport(req);
                    audit.record(who.login(), "export", "short report of " + req.q("id"));
                    html(ex, page);
                }
                case "/policy/run.csv" -> {
                    DryRun r = run(req.q("run"));
                    String body = Exports.dryRun(r);
                    audit.record(who.login(), "export", "dry run " + r.id + " as CSV (" + r.description + ")");
                    csv(ex, "dry-run-" + r.id, body);
                }
                case "/compare.csv" -> {
                    DryRun r = run(req.q("run"));
                    pages.current(r);
                    String body = Exports.compare(r, req.q("id"));
                    audit.record(who.login(), "export", "comparison of " + req.q("id") + " in dry run " + r.id + " as CSV");
                    csv(ex, "dry-run-" + r.id + "-compare", body);
                }
                case "/policy" -> html(ex, policy.policy(req, null, Map.of()));
                case "/policy/run" -> html(ex, policy.dryRun(run(req.q("run"))));
                case "/compare" -> html(ex, pages.compare(run(req.q("run")), req.q("id")));
                case "/rules" -> html(ex, rulePages.rules());
                case "/rules/file" -> html(ex, rulePages.ruleFile(req.q("file"), false));
                case "/rules/edit" -> {
                    require(who, analyst, "editing a rule or register file");
                    requireWritable();
                    html(ex, rulePages.ruleFile(req.q("file"), true));
                }
                case "/tests" -> html(ex, rulePages.tests(false));
                case "/proposals" -> html(ex, govern.list(message()));
                case "/proposal" -> html(ex, govern.view(number(req.q("n")), null));
                case "/audit" -> {
                    require(who, approver, "reading the audit trail");
                    html(ex, govern.audit());
                }
                case "/audit.csv" -> {
                    require(who, approver, "exporting the audit trail");
                    String body = govern.auditCsv();
                    audit.record(who.login(), "export", "audit trail as CSV");
                    csv(ex, "audit-trail", body);
                }
                case "/sign-in" -> Http.redirect(ex, "/");
                case "/status.json" -> Http.send(ex, 200, "application/json; charset=utf-8", status());
                default -> asset(ex, path);
            }
            return;
        }
        switch (path) {
            case "/policy/dry-run" -> {
                require(who, analyst, "a dry run");
                startDryRun(req, who);
            }
            case "/rules/dry-run-edit" -> {
                require(who, analyst, "a dry run of an edited file");
                requireWritable();
                startFileDryRun(req, who);
            }
            case "/policy/review" -> {
                require(who, analyst, "proposing a change");
                requireWritable();
                html(ex, policy.review(run(req.f("run")), List.of(), req.form()));
            }
            case "/proposals/new" -> {
                require(who, analyst, "proposing a change");
                requireWritable();
                propose(req, who);
            }
            case "/policy/save" -> throw new Http.Refused(410, "saving straight into the register is replaced by "
                    + "proposals: review the change, give a reason, and propose it; someone else approves it");
            case "/proposals/approve" -> {
                require(who, approver, "approving a proposal");
                requireWritable();
                approve(req, who);
            }
            case "/proposals/reject" -> {
                require(who, approver, "rejecting a proposal");
                requireWritable();
                reject(req, who);
            }
            case "/tests/run" -> {
                require(who, analyst, "running the tests");
                html(ex, rulePages.tests(true));
            }
            case "/sign-out" -> {
                access.signOut(cookie(req));
                audit.record(who.login(), "sign-out", "");
                Http.redirect(ex, access.singleUser() ? "/" : "/sign-in", Map.of("Set-Cookie",
                        COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"));
            }
            default -> throw new Http.Refused(404, "no such action: " + Problem.visible(path));
        }
    }

    private static int number(String n) {
        if (n == null || !n.matches("[0-9]{1,6}")) throw new Http.Refused(404, "no such proposal");
        return Integer.parseInt(n);
    }

    private void say(String message) {
        var s = current.get();
        if (s != null) messages.put(s.csrf(), message);
    }

    private String message() {
        var s = current.get();
        return s == null ? null : messages.remove(s.csrf());
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

    private void startDryRun(Http.Request req, org.assessor.govern.Person who) throws IOException {
        Workbench.Snapshot snap = workbench.snapshot();
        if (snap == null) throw new Http.Refused(409, "the portfolio has not been evaluated yet");
        if (workbench.linesPortfolio() && snap.items().isEmpty()) throw new Http.Refused(409, "nothing to dry-run");
        Map<String, String> values = new LinkedHashMap<>();
        // The revision list's first choice ("None") sends an empty revision: no revision.
        String revision = req.f("revision") == null || req.f("revision").isBlank() ? null : req.f("revision");
        List<String> errors = new ArrayList<>();
        Assessor head;
        String description;
        if (revision != null) {
            Map<String, String> current = policy.registerValues(snap);
            List<String> changed = new ArrayList<>();
            req.form().forEach((k, v) -> {
                if (k.startsWith("value.") && !v.strip().equals(current.get(k.substring(6)))) {
                    changed.add(k.substring(6) + " = " + v.strip());
                }
            });
            if (!changed.isEmpty()) {
                // Both at once would compare two different things; say so rather than drop the values.
                Map<String, String> entered = new LinkedHashMap<>();
                req.form().forEach((k, v) -> { if (k.startsWith("value.")) entered.put(k.substring(6), v); });
                html(req.exchange(), policy.policy(req, List.of("expected either a revision or changed register "
                        + "values, not both; found the revision " + Problem.visible(revision.length() > 12
                        ? revision.substring(0, 12) : revision) + " and " + String.join(", ", changed) + ". Choose "
                        + "\"None\" to dry-run the values, or put the values back to dry-run the revision"), entered));
                return;
            }
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
                head.compileEveryFramework();
            } catch (InvalidInputException e) {
                // Named as the files are in git, not at the folder the revision was extracted to.
                Path extracted = revisionDirs.get(revision);
                List<String> problems = new java.util.ArrayList<>();
                problems.add("the rules at revision " + revision.substring(0, 12) + " do not compile with this Assessor, "
                        + "so nothing was run:");
                (extracted == null ? e.problems() : RulesAtRevision.asInGit(e.problems(), extracted, workbench.rules(),
                        revision.substring(0, 12))).stream().map(Problem::toString).forEach(problems::add);
                html(req.exchange(), policy.policy(req, problems, Map.of()));
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
        keep(run);
        audit.record(who.login(), "dry run", run.description);
        Assessor other = head;
        boolean isRevision = revision != null;
        // A revision is the "before" side (as diff --base <revision> has it); changed register values the "after" side.
        jobs.submit(() -> run.run(workbench, snap, isRevision ? other : null, isRevision ? null : other));
        Http.redirect(req.exchange(), "/policy/run?run=" + run.id);
    }

    private final Object saveLock = new Object();

    /** Keeps at most 20 dry runs (the oldest go). */
    private void keep(DryRun run) {
        runs.put(run.id, run);
        if (runs.size() > 20) runs.keySet().stream().sorted().limit(runs.size() - 20).toList().forEach(runs::remove);
    }

    /**
     * A dry run of an edited rule, register or framework file: the edited text checked as {@code validate} checks a
     * folder (refused with the problems at their file, line and column), then the portfolio evaluated with it.
     */
    private void startFileDryRun(Http.Request req, org.assessor.govern.Person who) throws IOException {
        Workbench.Snapshot snap = workbench.snapshot();
        if (snap == null) throw new Http.Refused(409, "the portfolio has not been evaluated yet");
        String file = req.f("file");
        String text = req.f("text");
        if (file == null || text == null || !rulePages.editable(file)) {
            throw new Http.Refused(404, "no rule, register or framework file of that name in the rules folder");
        }
        String root = workbench.rules().toAbsolutePath().normalize().getFileName() + "/";
        if (!file.startsWith(root)) throw new Http.Refused(404, "expected a file inside the rules folder");
        String rel = file.substring(root.length());
        text = text.replace("\r\n", "\n");
        ProposedRules proposed;
        try {
            proposed = ProposedRules.of(workbench.rules(), Map.of(rel, text));
        } catch (IllegalArgumentException e) {
            throw new Http.Refused(400, e.getMessage());
        }
        List<String> problems = proposed.problems();
        if (!problems.isEmpty()) {
            proposed.close();
            html(req.exchange(), rulePages.editPage(file, text, problems));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(proposed::close));
        Assessor head;
        try {
            head = new Assessor(new RuleSetCompiler().compile(proposed.dir), Evaluator.DEFAULT_MAX_FIRINGS,
                    snap.items().size() <= Workbench.GRAPH_LIMIT, Duration.ofSeconds(60));
        } catch (InvalidInputException e) {
            proposed.close();
            html(req.exchange(), rulePages.editPage(file, text, e.problems().stream().map(Problem::toString)
                    .map(x -> x.replace(proposed.dir.toString(), workbench.rules().toString())).toList()));
            return;
        }
        DryRun run = new DryRun(runIds.incrementAndGet(), file + " as edited", Map.of(), Map.of(rel, text), null,
                snap.generation(), snap.items().size());
        keep(run);
        audit.record(who.login(), "dry run", run.description);
        jobs.submit(() -> run.run(workbench, snap, null, head));
        Http.redirect(req.exchange(), "/policy/run?run=" + run.id);
    }

    /**
     * Proposes a dry run's change: the files it writes (register rows with their edited cells, or the edited files)
     * checked as {@code validate} checks them, the dry run made again on exactly those files, and the whole recorded
     * as a commit on a new proposal branch, authored by the person, with their reason and the dry run's summary.
     */
    private void propose(Http.Request req, org.assessor.govern.Person who) throws IOException {
        DryRun run = run(req.f("run"));
        if (!run.proposable()) throw new Http.Refused(400, "only a change of register values or of files can be proposed");
        if (proposals == null) throw new Http.Refused(409, "the rules folder is not in a git working tree: a proposal "
                + "is a commit, so nothing can be proposed here");
        String reason = req.f("reason") == null ? "" : req.f("reason").strip();
        long started = System.nanoTime();
        synchronized (saveLock) {
            Workbench.Snapshot snap = pages.current(run);
            Map<String, String> files = new java.util.TreeMap<>();
            List<String> errors = new ArrayList<>();
            if (reason.isEmpty()) errors.add("expected a reason for the change; found none");
            try {
                if (!run.values.isEmpty()) {
                    RegisterEdit.Plan plan = run.reviewed;
                    if (plan == null) throw new Http.Refused(409, "review the change before proposing it");
                    Map<Integer, Map<String, String>> edits = new java.util.TreeMap<>();
                    req.form().forEach((k, v) -> {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("row\\.(\\d{1,4})\\.([a-z_]+)").matcher(k);
                        if (m.matches() && RegisterEdit.TEXT_COLUMNS.contains(m.group(2))) {
                            edits.computeIfAbsent(Integer.parseInt(m.group(1)), x -> new java.util.LinkedHashMap<>())
                                    .put(m.group(2), v);
                        }
                    });
                    Path root = workbench.rules().toRealPath();
                    RegisterEdit.withEdits(workbench.rules(), plan, edits).forEach((file, text) -> {
                        if (!text.equals(plan.was().get(file))) files.put(root.relativize(file).toString().replace('\\', '/'), text);
                    });
                } else {
                    files.putAll(run.files);
                }
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            if (errors.isEmpty()) {
                try (ProposedRules proposed = ProposedRules.of(workbench.rules(), files)) {
                    errors.addAll(proposed.problems());
                    if (errors.isEmpty()) {
                        // The dry run attached is the one reviewed: it evaluated these same values as if written (or
                        // these same files); the other cells a proposal may change (rationale, source, citation, owner)
                        // are read by no rule.
                        var p = proposals.propose(who, reason, files, run.summary());
                        audit.record(who.login(), "proposal", "proposal " + p.number() + " (" + p.branch() + ", commit "
                                + p.shortTip() + "): " + p.title() + "; changes " + String.join(", ", files.keySet())
                                + "; " + (run.impact == null ? "" : run.impact.moved().size() + " assessments moved"));
                        say("Proposed as proposal " + p.number() + " (branch " + p.branch() + ", commit "
                                + p.shortTip() + ") in " + (System.nanoTime() - started) / 1_000_000 + " ms. Someone "
                                + "with the approver role, other than you, reviews and approves or rejects it.");
                        Http.redirect(req.exchange(), "/proposal?n=" + p.number());
                        return;
                    }
                } catch (org.assessor.govern.Proposals.Refused e) {
                    errors.add(e.getMessage());
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
            audit.record(who.login(), "proposal refused", run.description + ": " + String.join("; ", errors));
            html(req.exchange(), policy.review(run, errors, req.form()));
        }
    }

    /** Approves a proposal (never its author's own), then evaluates the portfolio with the rules it brought. */
    private void approve(Http.Request req, org.assessor.govern.Person who) throws IOException {
        int n = number(req.f("n"));
        if (proposals == null) throw new Http.Refused(409, "the rules folder is not in a git working tree");
        long started = System.nanoTime();
        String commit;
        boolean loaded;
        synchronized (saveLock) {
            try {
                commit = proposals.approve(who, n);
            } catch (org.assessor.govern.Proposals.Refused e) {
                audit.record(who.login(), "approval refused", "proposal " + n + ": " + e.getMessage());
                Http.send(req.exchange(), 403, "text/html; charset=utf-8", govern.view(n, e.getMessage())
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            loaded = workbench.reload() && workbench.problems().isEmpty();
        }
        long took = (System.nanoTime() - started) / 1_000_000;
        audit.record(who.login(), "approval", "proposal " + n + " merged as commit " + commit.substring(0, 12));
        say("Approved proposal " + n + " (commit " + commit.substring(0, 12) + "); " + (loaded
                ? "the portfolio below is evaluated with the rules it brought (" + took + " ms from approval)."
                : "the rules did not load after the merge (see the problems above); the results below are the last good ones."));
        Http.redirect(req.exchange(), "/");
    }

    private void reject(Http.Request req, org.assessor.govern.Person who) throws IOException {
        int n = number(req.f("n"));
        if (proposals == null) throw new Http.Refused(409, "the rules folder is not in a git working tree");
        String reason = req.f("reason") == null ? "" : req.f("reason").strip();
        synchronized (saveLock) {
            try {
                proposals.reject(who, n, reason);
            } catch (org.assessor.govern.Proposals.Refused e) {
                audit.record(who.login(), "rejection refused", "proposal " + n + ": " + e.getMessage());
                Http.send(req.exchange(), 403, "text/html; charset=utf-8", govern.view(n, e.getMessage())
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        audit.record(who.login(), "rejection", "proposal " + n + ": " + reason);
        say("Rejected proposal " + n + ".");
        Http.redirect(req.exchange(), "/proposals");
    }

    private byte[] status() {
        Workbench.Snapshot s = workbench.snapshot();
        StringBuilder b = new StringBuilder("{\"generation\":").append(s == null ? 0 : s.generation())
                .append(",\"problems\":").append(workbench.problems().size()).append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void asset(Http.Exchange ex, String path) throws IOException {
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

    /** A CSV download, named after what it holds and today's date ({@code portfolio-2026-12-07.csv}). */
    private void csv(Http.Exchange ex, String name, String body) throws IOException {
        Http.send(ex, 200, "text/csv; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of(
                "Content-Disposition", "attachment; filename=\"" + name + "-" + java.time.LocalDate.now() + ".csv\""));
    }

    private static void html(Http.Exchange ex, String page) throws IOException {
        Http.send(ex, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /** Renders a template of this package with a model (every value escaped by Mustache). */
    static String render(String template, Object model) {
        Mustache m = TEMPLATES.compile(template + ".mustache");
        StringWriter w = new StringWriter();
        m.execute(w, model);
        return w.toString();
    }

    /** An item's explained report as HTML, and the explanation it shows. */
    record Explained(String html, Explanation explanation) {}

    /**
     * The explained report of one item as HTML, with the register values its numbers were set by: evaluated under the
     * item's own register values, if its case names any.
     */
    static Explained report(Assessor assessor, Workbench.Item item, boolean sensitivity, String idPrefix)
            throws IOException, InvalidInputException {
        Assessor own = item.own(assessor.forFixture(item.evidence(), item.source())); // the item's framework, once
        Explanation x = Explanations.of(own, item.result());
        if (sensitivity) x = Explanations.withSensitivity(own, item.evidence(), item.source(), x, null, null);
        return new Explained(HtmlReporter.withRegister(own.framework().register()).body(x, idPrefix), x);
    }
}
