package org.assessor.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assessor.TestSupport.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assessor.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench over HTTP, without a browser: every page answers, a dry run shows the moves {@code assessor diff}
 * shows for the same register change, saving writes only the value cell and the page shows the new results, a rule
 * that does not compile shows with its position while the last good results stay, and the server refuses requests
 * from elsewhere, without the token, for paths outside its lists, and saving when read-only.
 */
class WorkbenchTest {
    @TempDir static Path tmp;

    static Path rules;
    static Path fixtures;
    static WorkbenchServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        rules = tmp.resolve("shared/rules");
        fixtures = tmp.resolve("shared/fixtures");
        copy(Path.of("rules"), rules);
        copy(Path.of("fixtures"), fixtures);
        server = start(rules, fixtures, false, 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** How many fixtures the copied folder holds: one per evidence.json, counted here rather than by the workbench. */
    static int fixtureCount(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return (int) files.filter(f -> f.getFileName().toString().equals("evidence.json")).count();
        }
    }

    static WorkbenchServer start(Path rules, Path fixtures, boolean readOnly, long watch) throws IOException {
        Workbench w = new Workbench(rules, fixtures, null, 2, Duration.ofSeconds(60));
        w.reload();
        WorkbenchServer s = new WorkbenchServer(w, "127.0.0.1", 0, readOnly, watch);
        s.start();
        return s;
    }

    static HttpResponse<String> get(WorkbenchServer s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(WorkbenchServer s, String path, String form, String origin) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(s.url() + path.substring(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) b.header("Origin", origin);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String origin(WorkbenchServer s) {
        return s.url().substring(0, s.url().length() - 1);
    }

    /** The token as a browser finds it: in a form of a page. */
    static String token(WorkbenchServer s) throws Exception {
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(get(s, "/policy").body());
        assertThat(m.find()).as("the policy page carries the token in its form").isTrue();
        return m.group(1);
    }

    /** Starts a dry run of one register change and waits for it; returns its finished page. */
    static String dryRun(WorkbenchServer s, String form) throws Exception {
        return finished(s, post(s, "/policy/dry-run", "token=" + token(s) + "&" + form, origin(s)));
    }

    /** Starts a dry run of a git revision of the rules and waits for it. */
    static String dryRunRevision(WorkbenchServer s, String revision) throws Exception {
        return finished(s, post(s, "/policy/dry-run", "token=" + token(s) + "&revision=" + revision, origin(s)));
    }

    /** Follows a started dry run to its page and polls it until it has finished. */
    private static String finished(WorkbenchServer s, HttpResponse<String> started) throws Exception {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String location = started.headers().firstValue("Location").orElseThrow();
        for (int i = 0; i < 600; i++) {
            String page = get(s, location).body();
            if (!page.contains("data-refresh")) return page;
            Thread.sleep(100);
        }
        throw new AssertionError("the dry run did not finish in a minute");
    }

    /**
     * What {@code assessor diff} reports when one register value is written into a copy of {@code rules} by a plain
     * edit of its lines (the shipped column order, value fourth; independent of the workbench's own writing).
     */
    static com.fasterxml.jackson.databind.JsonNode diffAfterWriting(Path work, Path rules, Path fixtures,
                                                                     String registerFile, String id, String value)
            throws Exception {
        Path edited = Files.createTempDirectory(work, "edited-rules-");
        copy(rules, edited.resolve("rules"));
        Path register = edited.resolve("rules").resolve(registerFile);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(register));
        int changed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (!cells[0].equals(id)) continue;
            cells[3] = value;
            lines.set(i, String.join(",", cells));
            changed++;
        }
        assertThat(changed).as(id + " in " + registerFile).isPositive();
        Files.write(register, lines);
        StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "diff", "--base", rules.toString(),
                "--head", edited.resolve("rules").toString(), fixtures.toString(), "--format", "json")).isEqualTo(0);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    }

    static String attr(String page, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as(name + " in the page").isTrue();
        return m.group(1);
    }

    @Test
    void everyPageAnswersWithTheSeedsResult() throws Exception {
        int total = fixtureCount(fixtures);
        assertThat(total).isGreaterThan(60);
        String portfolio = get(server, "/").body();
        assertThat(portfolio).contains(total + " of " + total + " assessments shown")
                .contains("Cambridgeshire and Peterborough NHS Foundation Trust").contains("Requires improvement");
        String seed = get(server, "/provider?id=cpft-well-led-2025").body();
        assertThat(seed).contains("data-score=\"44\"").contains("Requires improvement").contains("Freedom to speak up");
        String withSensitivity = get(server, "/provider?id=cpft-well-led-2025&sensitivity=1").body();
        assertThat(withSensitivity).contains("up to Good: 6 points");
        assertThat(get(server, "/provider?id=local-authority/ashvale-2025").body()).contains("data-score=");
        assertThat(get(server, "/rules").body()).contains("rules/method/");
        assertThat(get(server, "/?service=NHS%20trust&sort=overall&order=desc").statusCode()).isEqualTo(200);
        var response = get(server, "/portfolio.csv");
        String csv = response.body();
        assertThat(csv.lines().count()).isEqualTo(total + 1);
        assertThat(csv).as("a byte-order mark, so a spreadsheet reads UTF-8").startsWith("\uFEFF");
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("\uFEFFid,fixture_set,provider,service_type,"
                + "assessment_date,overall_rating,overall_score,overall_raw_percentage,")
                .contains("well-led_score,well-led_raw_percentage,well-led_rating").endsWith(",rules_sha256");
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("filename=\"portfolio-");
        String seedRow = csv.lines().filter(l -> l.startsWith("cpft-well-led-2025,")).findFirst().orElseThrow();
        String digest = get(server, "/provider?id=cpft-well-led-2025").body().replaceAll("(?s).*Rules sha256 <code>([0-9a-f]{64})</code>.*", "$1");
        assertThat(digest).hasSize(64);
        assertThat(seedRow).startsWith("cpft-well-led-2025,,Cambridgeshire and Peterborough NHS Foundation Trust,NHS trust (provider level),")
                .contains(",44,43.75,Requires improvement,").endsWith("," + digest).doesNotContain("–");
        // A council's row has its overall score (58) and raw percentage; empty number cells are empty, never a dash.
        String council = csv.lines().filter(l -> l.startsWith("local-authority/ashvale-2025,")).findFirst().orElseThrow();
        assertThat(council).startsWith("local-authority/ashvale-2025,local-authority,Ashvale County Council (fictional),")
                .contains(",Requires improvement,58,58.33").doesNotContain("–");
        assertThat(portfolio).contains("data-overall-score=\"58\"");
    }

    @Test
    void filtersKeepOnlyTheRowsTheyName() throws Exception {
        int total = fixtureCount(fixtures);
        String thin = get(server, "/?flag=thin").body();
        Matcher m = Pattern.compile("(\\d+) of " + total + " assessments shown").matcher(thin);
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isBetween(1, total - 1);
        assertThat(get(server, "/?flag=error").body()).contains("0 of " + total + " assessments shown");
        // The rating filter keeps exactly the rows whose overall rating it names (read from the unfiltered CSV).
        List<String> all = get(server, "/portfolio.csv").body().lines().toList();
        int overall = java.util.Arrays.asList(all.get(0).split(",")).indexOf("overall_rating");
        long outstanding = all.stream().skip(1).filter(l -> {
            String[] c = l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            return c.length > overall && c[overall].equals("Outstanding");
        }).count();
        assertThat(outstanding).isPositive();
        assertThat(get(server, "/?rating=Outstanding").body()).contains(outstanding + " of " + total + " assessments shown");
        assertThat(get(server, "/?q=blind-coding").body()).contains("1 of " + total + " assessments shown");
        assertThat(get(server, "/portfolio.csv?q=blind-coding").body().lines().count()).isEqualTo(2);
    }

    @Test
    void savedBatchResultsAreListedAsSavedAndAFixtureThatDoesNotLoadIsListedWithItsProblem() throws Exception {
        Path own = tmp.resolve("saved");
        copy(Path.of("fixtures/cpft-well-led-2025"), own.resolve("fixtures/cpft-well-led-2025"));
        copy(Path.of("fixtures/cpft-well-led-2025"), own.resolve("fixtures/broken"));
        Files.writeString(own.resolve("fixtures/broken/evidence.json"), "{\n  \"assessment\": 3\n}\n");
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "evaluate",
                "fixtures/services", "--out", own.resolve("batch").toString());
        assertThat(code).isEqualTo(0);
        Workbench w = new Workbench(rules, own.resolve("fixtures"), own.resolve("batch.jsonl"), 2, Duration.ofSeconds(60));
        w.reload();
        try (WorkbenchServer s = new WorkbenchServer(w, "127.0.0.1", 0, false, 0)) {
            s.start();
            String page = get(s, "/").body();
            long savedLines = Files.readAllLines(own.resolve("batch.jsonl")).stream().filter(l -> !l.isBlank()).count();
            assertThat(page).contains((2 + savedLines) + " of " + (2 + savedLines) + " assessments shown")
                    .contains("saved result").contains("1 assessment could not be evaluated")
                    .containsPattern("not evaluated: [^<]*broken/evidence\\.json:2:\\d+: ");
        }
    }

    @Test
    void aGitRevisionOfTheRulesCanBeDryRunAndHeadMovesNothing() throws Exception {
        // The project's own rules folder is in git; its working copy equals HEAD on a clean clone (CI).
        Process p = new ProcessBuilder("git", "status", "--porcelain", "--", "rules").redirectErrorStream(true).start();
        String dirty = new String(p.getInputStream().readAllBytes());
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0 && dirty.isBlank(),
                "rules/ differs from HEAD here, so HEAD's dry run would move something");
        Process h = new ProcessBuilder("git", "rev-parse", "HEAD").start();
        String head = new String(h.getInputStream().readAllBytes()).strip();
        try (WorkbenchServer s = start(Path.of("rules"), fixtures, true, 0)) {
            assertThat(get(s, "/policy").body()).contains("<option value=\"" + head.substring(0, 40));
            String page = dryRunRevision(s, head);
            assertThat(attr(page, "data-moved")).isEqualTo("0");
            assertThat(page).contains("the rules at revision " + head.substring(0, 12));
        }
    }

    @Test
    void aRevisionWhoseRulesDoNotCompileIsRefusedOnceNamingItsFileAsInGit() throws Exception {
        Path repo = org.assessor.TestSupport.gitRepository(tmp.resolve("broken-revision"));
        Path overall = repo.resolve("rules/frameworks/local-authority/overall.drl");
        String good = Files.readString(overall);
        Files.writeString(overall, good.replace("    double raw = Numbers.mean($raws);",
                "    for (Object o : $raws) { }\n    double raw = Numbers.mean($raws);"));
        String broken;
        try (var git = org.eclipse.jgit.api.Git.open(repo.toFile())) {
            git.add().addFilepattern("rules").call();
            var who = new org.eclipse.jgit.lib.PersonIdent("Test", "t@example.org");
            broken = git.commit().setMessage("A council rule with a loop").setAuthor(who).setCommitter(who).setSign(false)
                    .call().getName();
        }
        Files.writeString(overall, good);
        Path few = tmp.resolve("broken-revision-fixtures");
        org.assessor.TestSupport.copy(Path.of("fixtures/cpft-well-led-2025"), few.resolve("cpft-well-led-2025"));
        org.assessor.TestSupport.copy(Path.of("fixtures/local-authority/ashvale-2025"), few.resolve("ashvale-2025"));
        try (WorkbenchServer s = start(repo.resolve("rules"), few, false, 0)) {
            var r = post(s, "/policy/dry-run", "token=" + token(s) + "&revision=" + broken, origin(s));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("the rules at revision " + broken.substring(0, 12) + " do not compile with this "
                    + "Assessor, so nothing was run").contains("rules/frameworks/local-authority/overall.drl:")
                    .doesNotContain("assessor-base-");
        }
    }

    @Test
    void everyRuleFileListedOpensAndNamesTheFixturesThatFireItsRules() throws Exception {
        Matcher m = Pattern.compile("href=\"(/rules/file\\?file&#61;[^\"]+)\"").matcher(get(server, "/rules").body());
        int files = 0;
        while (m.find()) {
            var page = get(server, m.group(1).replace("&#61;", "="));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<pre class=\"wb-source\"");
            files++;
        }
        try (Stream<Path> drl = Files.walk(rules)) {
            assertThat(files).as("every rule file and register file is listed").isEqualTo(drl.filter(p -> p.toString()
                    .endsWith(".drl") || p.toString().endsWith(".csv")).count());
        }
        String statements = get(server, "/rules/file?file=rules%2Fmethod%2Fstatement-score.drl").body();
        assertThat(statements).contains("M-STMT-01").contains("/provider?id&#61;cpft-well-led-2025");
    }

    @Test
    void theTestsPageRunsTheFixtureCases() throws Exception {
        var page = post(server, "/tests/run", "token=" + token(server), origin(server));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("\\d+ passed, 0 failed");
    }

    /**
     * The fixtures whose own expected.json names register values ("policy"): the workbench evaluates them under those
     * values, as assessor test does, where assessor diff does not, so they are left out of comparisons with diff.
     */
    static java.util.Set<String> withOwnValues(Path fixtures) throws IOException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (var files = Files.walk(fixtures)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("expected.json")).toList()) {
                if (Files.readString(f).contains("\"policy\"")) out.add(fixtures.relativize(f.getParent()).toString());
            }
        }
        return out;
    }

    /** The fixtures diff moved, by id under the fixtures folder, less those with their own register values. */
    static java.util.Set<String> movedByDiff(com.fasterxml.jackson.databind.JsonNode diff, Path fixtures) throws IOException {
        java.util.Set<String> own = withOwnValues(fixtures);
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (var f : diff.get("fixtures")) out.add(fixtures.relativize(Path.of(f.get("fixture").asText())).toString());
        out.removeAll(own);
        return out;
    }

    @Test
    void aDryRunShowsTheSameMovesAsDiffForTheSameRegisterChange() throws Exception {
        String page = dryRun(server, "value.band.good.from=65");
        // The same change written into a copy of the rules, compared by the diff command.
        var diff = diffAfterWriting(tmp, rules, fixtures, "policy/register.csv", "band.good.from", "65");
        java.util.Set<String> expected = movedByDiff(diff, fixtures);
        java.util.Set<String> shown = new java.util.TreeSet<>();
        Matcher ids = Pattern.compile("<li data-id=\"([^\"]+)\"").matcher(page);
        while (ids.find()) shown.add(ids.group(1));
        shown.removeAll(withOwnValues(fixtures));
        assertThat(shown).isEqualTo(expected);
        assertThat(expected).as("the change moves something").isNotEmpty();
        int up = 0, down = 0;
        for (var f : diff.get("fixtures")) {
            if (!expected.contains(fixtures.relativize(Path.of(f.get("fixture").asText())).toString())) continue;
            for (var sc : f.get("scores")) {
                if (!sc.get("what").asText().equals("overall rating")) continue;
                if (sc.get("direction").asInt() > 0) up++;
                if (sc.get("direction").asInt() < 0) down++;
            }
        }
        int pageUp = 0, pageDown = 0;
        Matcher li = Pattern.compile("<li data-id=\"([^\"]+)\">.*?\\): overall rating (up|down|unchanged)", Pattern.DOTALL)
                .matcher(page);
        java.util.Set<String> own = withOwnValues(fixtures);
        while (li.find()) {
            if (own.contains(li.group(1))) continue;
            if (li.group(2).equals("up")) pageUp++;
            if (li.group(2).equals("down")) pageDown++;
        }
        assertThat(pageUp + "/" + pageDown).as("overall ratings up / down, fixtures with their own values left out")
                .isEqualTo(up + "/" + down);
        assertThat(page).contains("band.good.from").contains("62.5 → 65");
        assertThat(Files.readString(rules.resolve("policy/register.csv"))).as("a dry run writes nothing")
                .contains("band.good.from,rating:good,cut-off,62.5,");
        // Each moved assessment opens side by side.
        Matcher compare = Pattern.compile("href=\"(/compare\\?[^\"]+)\"").matcher(page);
        assertThat(compare.find()).isTrue();
        String both = get(server, compare.group(1).replace("&amp;", "&").replace("&#61;", "=")).body();
        assertThat(both).contains("Before").contains("After").contains("data-score=");
    }

    @Test
    void outsideGitNothingCanBeProposedAndThePageSaysWhy() throws Exception {
        String page = dryRun(server, "value.band.requires-improvement.from=45");
        String run = attr(page, "name=\"run\" value");
        String review = post(server, "/policy/review", "token=" + token(server) + "&run=" + run, origin(server)).body();
        assertThat(review).contains("is not in a git working tree, so nothing can be proposed from here");
        var refused = post(server, "/proposals/new", "token=" + token(server) + "&run=" + run + "&reason=x", origin(server));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(get(server, "/").body()).contains("The rules in use are not in a git working tree");
        assertThat(post(server, "/policy/save", "token=" + token(server) + "&run=" + run, origin(server)).body())
                .contains("replaced by proposals");
    }

    @Test
    void aRuleThatDoesNotCompileShowsWithItsPositionAndTheLastGoodResultsStay() throws Exception {
        Path own = tmp.resolve("broken");
        copy(Path.of("rules"), own.resolve("rules"));
        copy(Path.of("fixtures/cpft-well-led-2025"), own.resolve("fixtures/cpft-well-led-2025"));
        try (WorkbenchServer s = start(own.resolve("rules"), own.resolve("fixtures"), false, 100)) {
            assertThat(get(s, "/").body()).doesNotContain("could not be loaded");
            Files.writeString(own.resolve("rules/method/broken.drl"), "package method;\n\nrule \"half\"\nwhen\n  nonsense(\nthen\nend\n");
            String page = "";
            for (int i = 0; i < 100 && !page.contains("could not be loaded"); i++) {
                Thread.sleep(100);
                page = get(s, "/").body();
            }
            assertThat(page).contains("could not be loaded").containsPattern("broken\\.drl:\\d+:\\d+")
                    .contains("The results below are the last good ones").contains("Requires improvement");
            // The tests judge the rules on disk: with rules that do not compile, nothing passes.
            String tests = post(s, "/tests/run", "token=" + token(s), origin(s)).body();
            assertThat(tests).contains("The fixture tests were not run: the rules or fixtures on disk do not load")
                    .doesNotContain("passed,");
            Files.delete(own.resolve("rules/method/broken.drl"));
            for (int i = 0; i < 100 && page.contains("could not be loaded"); i++) {
                Thread.sleep(100);
                page = get(s, "/").body();
            }
            assertThat(page).doesNotContain("could not be loaded");
        }
    }

    @Test
    void stateChangingRequestsNeedTheTokenAndThisOrigin() throws Exception {
        String token = token(server);
        String form = "token=" + token + "&value.band.good.from=70";
        assertThat(post(server, "/policy/dry-run", form, null).statusCode()).as("no Origin, no Referer").isEqualTo(403);
        assertThat(post(server, "/policy/dry-run", form, "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(post(server, "/policy/dry-run", "token=wrong&value.band.good.from=70", origin(server)).statusCode())
                .isEqualTo(403);
        assertThat(post(server, "/policy/dry-run", "value.band.good.from=70", origin(server)).statusCode()).isEqualTo(403);
        assertThat(post(server, "/policy/dry-run", form, origin(server)).statusCode()).isEqualTo(303);
        // A page reached through another host name (DNS rebinding) is refused before anything is read.
        assertThat(rawGet(server, "/", "evil.example:" + server.port())).startsWith("HTTP/1.1 421");
        assertThat(rawGet(server, "/", "127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
        assertThat(rawGet(server, "/", "LOCALHOST:" + server.port())).startsWith("HTTP/1.1 200");
        assertThat(rawGet(server, "/", "[0:0:0:0:0:0:0:1]:" + server.port())).startsWith("HTTP/1.1 200");
        assertThat(rawGet(server, "/", "127.0.0.1")).as("no port").startsWith("HTTP/1.1 421");
        assertThat(rawGet(server, "/", "127.0.0.1.nip.io:" + server.port())).startsWith("HTTP/1.1 421");
        var headers = get(server, "/").headers();
        assertThat(headers.firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void listeningOnEveryAddressAnswersToThisMachinesAddressesOnly() throws Exception {
        Workbench w = new Workbench(rules, fixtures, null, 2, Duration.ofSeconds(60));
        try (WorkbenchServer s = new WorkbenchServer(w, "0.0.0.0", 0, true, 0)) {
            s.start();
            // Every address of this machine (the loopback one is always there), written as a browser writes it.
            for (var ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (var a : java.util.Collections.list(ni.getInetAddresses())) {
                    if (!(a instanceof java.net.Inet4Address)) continue;
                    assertThat(rawGet(s, "/status.json", a.getHostAddress() + ":" + s.port())).as(a.toString())
                            .startsWith("HTTP/1.1 200");
                }
            }
            assertThat(rawGet(s, "/status.json", "evil.example:" + s.port())).startsWith("HTTP/1.1 421");
            String foreign = java.util.stream.Stream.of("203.0.113.77", "198.51.100.77", "192.0.2.99")
                    .filter(a -> {
                        try {
                            return java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName(a)) == null;
                        } catch (IOException e) {
                            return false;
                        }
                    }).findFirst().orElseThrow();
            assertThat(rawGet(s, "/status.json", foreign + ":" + s.port())).as("not an address of this machine")
                    .startsWith("HTTP/1.1 421");
        }
    }

    @Test
    void noPathOutsideItsListsCanBeRead() throws Exception {
        for (String path : List.of("/provider?id=../../pom.xml", "/provider?id=%2e%2e%2fpom.xml", "/provider?id=/etc/passwd",
                "/rules/file?file=../pom.xml", "/rules/file?file=rules/../pom.xml", "/rules/file?file=%2Fetc%2Fpasswd",
                "/rules/file?file=rules%2Fpolicy%2F..%2F..%2Fpom.xml", "/rules/edit?file=..%2Fpom.xml", "/assets/../pom.xml", "/assets/%2e%2e/%2e%2e/pom.xml",
                "/assets/workbench.css/../../../pom.xml", "/..%2f..%2fpom.xml", "/compare?run=1&id=../../pom.xml",
                "/policy/run?run=../1")) {
            var r = get(server, path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("<project").doesNotContain("root:");
        }
        assertThat(rawGet(server, "/../../../../etc/passwd", "127.0.0.1:" + server.port())).doesNotContain("root:");
        // A revision must be one the page offered: a folder path or an option-like text is not run.
        var r = post(server, "/policy/dry-run", "token=" + token(server) + "&revision=" + "%2Ftmp", origin(server));
        assertThat(r.statusCode()).isEqualTo(400);
        var r2 = post(server, "/policy/dry-run", "token=" + token(server) + "&revision=--output%3D%2Ftmp%2Fx", origin(server));
        assertThat(r2.statusCode()).isEqualTo(400);
    }

    @Test
    void readOnlyHidesSavingAndRefusesIt() throws Exception {
        try (WorkbenchServer s = start(rules, fixtures, true, 0)) {
            String page = dryRun(s, "value.band.good.from=70");
            assertThat(page).doesNotContain("Save these values");
            String run = runOf(page);
            assertThat(post(s, "/policy/review", "token=" + token(s) + "&run=" + run, origin(s)).statusCode()).isEqualTo(403);
            assertThat(post(s, "/proposals/new", "token=" + token(s) + "&run=" + run + "&reason=x", origin(s)).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void aBadRegisterValueIsShownInTheFormAndNothingRuns() throws Exception {
        var r = post(server, "/policy/dry-run", "token=" + token(server) + "&value.band.good.from=lots", origin(server));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Nothing was run").contains("band.good.from").contains("value=\"lots\"");
        var none = post(server, "/policy/dry-run", "token=" + token(server), origin(server));
        assertThat(none.body()).contains("no value was changed");
    }

    @Test
    void aProposalWritesTheRightCellsWhateverTheFileLooksLikeAndNothingOverUncommittedRules() throws Exception {
        Path own = tmp.resolve("odd-register");
        copy(Path.of("rules"), own.resolve("rules"));
        copy(Path.of("fixtures/cpft-well-led-2025"), own.resolve("fixtures/cpft-well-led-2025"));
        Path register = own.resolve("rules/policy/register.csv");
        // A blank line after the first row, and the value and unit columns swapped: both valid registers.
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(register));
        for (int i = 0; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            String t = c[3];
            c[3] = c[4];
            c[4] = t;
            lines.set(i, String.join(",", c));
        }
        lines.add(2, "");
        Files.write(register, lines);
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(own.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            var who = new org.eclipse.jgit.lib.PersonIdent("Test Setup", "setup@example.org");
            git.commit().setMessage("odd register").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        try (WorkbenchServer s = start(own.resolve("rules"), own.resolve("fixtures"), false, 100)) {
            assertThat(get(s, "/").body()).doesNotContain("could not be loaded").contains("The rules in use come from commit");
            String page = dryRun(s, "value.band.requires-improvement.from=45");
            String run = attr(page, "name=\"run\" value");
            String review = post(s, "/policy/review", "token=" + token(s) + "&run=" + run, origin(s)).body();
            assertThat(review).contains("register.csv:5").contains("37.5 → 45").contains("name=\"row.0.rationale\"");
            String before = Files.readString(register);
            var noReason = post(s, "/proposals/new", "token=" + token(s) + "&run=" + run + "&reason=", origin(s));
            assertThat(noReason.body()).contains("Nothing was proposed").contains("expected a reason for the change");
            var proposed = post(s, "/proposals/new", "token=" + token(s) + "&run=" + run + "&reason="
                    + Http.url("Requires improvement from 45\n\nAs the board decided.") + "&row.0.rationale="
                    + Http.url("Raised to 45, as the board decided."), origin(s));
            assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(303);
            assertThat(Files.readString(register)).as("the rules in use change only on approval").isEqualTo(before);
            String onBranch;
            try (var repo = org.eclipse.jgit.api.Git.open(own.toFile()).getRepository();
                 var walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
                var tip = walk.parseCommit(repo.resolve("refs/heads/proposals/1-requires-improvement-from-45"));
                try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "rules/policy/register.csv", tip.getTree())) {
                    onBranch = new String(repo.open(tw.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            String row = before.lines().filter(l -> l.startsWith("band.requires-improvement.from,")).findFirst().orElseThrow();
            String[] cells = row.split(",", -1);
            String rationale = cells[9];
            assertThat(onBranch).isEqualTo(before.replace(row, row.replace(",percent,37.5,", ",percent,45,")
                    .replace("," + rationale + ",", ",\"Raised to 45, as the board decided.\",")));
            assertThat(get(s, "/proposal?n=1").body()).contains("Requires improvement from 45").contains("As the board decided.")
                    .contains("+band.requires-improvement.from,rating:requires-improvement,cut-off,percent,45,");

            // The rules in use edited by hand and not committed: the portfolio says so, and nothing is proposed.
            String generation = get(s, "/status.json").body();
            Files.writeString(register, before.replace("Assessor policy team", "Policy team"));
            for (int i = 0; i < 100 && get(s, "/status.json").body().equals(generation); i++) Thread.sleep(100);
            assertThat(get(s, "/").body()).contains("The rules in use have uncommitted changes").contains("rules/policy/register.csv");
            page = dryRun(s, "value.band.good.from=70");
            run = attr(page, "name=\"run\" value");
            post(s, "/policy/review", "token=" + token(s) + "&run=" + run, origin(s));
            var refused = post(s, "/proposals/new", "token=" + token(s) + "&run=" + run + "&reason=x", origin(s));
            assertThat(refused.body()).contains("Nothing was proposed").contains("uncommitted changes (rules/policy/register.csv)");
        }
        // Edited between the dry run and the review (no reload to notice it): the review refuses, nothing is proposed.
        try (WorkbenchServer s = start(own.resolve("rules"), own.resolve("fixtures"), false, 0)) {
            String page = dryRun(s, "value.band.good.from=70");
            String run = attr(page, "name=\"run\" value");
            String now = Files.readString(register);
            String edited = now.replace("Policy team", "The policy team");
            assertThat(edited).isNotEqualTo(now);
            Files.writeString(register, edited);
            String review = post(s, "/policy/review", "token=" + token(s) + "&run=" + run, origin(s)).body();
            assertThat(review).contains("changed after the dry run").contains("rules were read; nothing can be proposed");
            assertThat(Files.readString(register)).isEqualTo(edited);
        }
    }

    @Test
    void anEmptyRevisionIsNoRevisionAndARevisionWithChangedValuesIsRefusedNamingBoth() throws Exception {
        // The revision list's "None" sends an empty revision beside the values.
        String page = finished(server, post(server, "/policy/dry-run", "token=" + token(server)
                + "&revision=&value.band.good.from=65", origin(server)));
        assertThat(attr(page, "data-moved")).isNotEqualTo("0");
        String revision = "0123456789abcdef0123456789abcdef01234567";
        var both = post(server, "/policy/dry-run", "token=" + token(server) + "&revision=" + revision
                + "&value.band.good.from=65", origin(server));
        assertThat(both.body()).contains("Nothing was run").contains("expected either a revision or changed register values, "
                + "not both; found the revision 0123456789ab and band.good.from &#61; 65");
    }

    @Test
    void aFixtureIsEvaluatedUnderItsOwnRegisterValuesAndTheRulesPageCountsAsTestCoverageDoes() throws Exception {
        String id = "boundaries/limiter-outstanding-band-with-a-1-no-cascade";
        String expected = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(fixtures.resolve(id).resolve("expected.json").toFile()).path("overall").asText();
        String row = get(server, "/?q=" + Http.url(id)).body();
        assertThat(row).contains("1 of ").contains("own register values: limiters.cascade&#61;no")
                .contains("<span class=\"badge r3\">" + expected + "</span>");
        assertThat(get(server, "/provider?id=" + Http.url(id)).body()).contains("limiters.cascade &#61; no");
        var coverage = org.assessor.TestSupport.cli("test", fixtures.toString(), "--rules", rules.toString(), "--coverage");
        Matcher c = Pattern.compile("rules fired: (\\d+) of (\\d+)").matcher(coverage.out());
        assertThat(c.find()).as(coverage.out()).isTrue();
        assertThat(get(server, "/rules").body()).contains(c.group(1) + " of " + c.group(2) + " rules");
    }

    @Test
    void aMoveSaysWhichCutOffItCrossedTheComparisonFoldsWhatDidNotChangeAndBothExportAsCsv() throws Exception {
        String page = dryRun(server, "value.band.good.from=65");
        assertThat(page).contains("Well-led: 62.5% is now below band.good.from &#61; 65 (was 62.5), so rated Requires "
                + "improvement (was Good).");
        String run = runOf(page);
        String id = "boundaries/raw-62-5-rounds-half-even";
        String both = get(server, "/compare?run=" + run + "&id=" + Http.url(id)).body();
        assertThat(both).contains("id=\"what-changed\"").contains("<td class=\"wb-down\">down</td>")
                .contains("62.5% is now below band.good.from");
        // Every statement is folded (none of this fixture's statements changed), and the whole page is short.
        assertThat(both).doesNotContain("data-changed").doesNotContain("<details open>");
        String changed = get(server, "/compare?run=" + run + "&id=" + Http.url("boundaries/regime-evidence-category-2024")).body();
        assertThat(changed).contains("data-changed=\"1\"").contains("statement wb-changed");
        var csv = get(server, "/policy/run.csv?run=" + run);
        assertThat(csv.body()).startsWith("\uFEFFdry_run,before,after,id,provider,service_type,what,value_before,value_after,moved,why,")
                .contains(id + ",Synthetic trust (raw-62-5-rounds-half-even),NHS trust (provider level),well-led rating,Good,"
                        + "Requires improvement,down,");
        var one = get(server, "/compare.csv?run=" + run + "&id=" + Http.url(id)).body();
        assertThat(one.lines().count()).isGreaterThan(1);
        assertThat(one.lines().skip(1)).allSatisfy(l -> assertThat(l).contains(id));
    }

    @Test
    void theShortReportAndWhatWouldChangeItOpenWithThePlainSentences() throws Exception {
        String shortReport = get(server, "/provider/short?id=cpft-well-led-2025").body();
        assertThat(shortReport).contains("The statements that decide it").contains("Freedom to speak up")
                .contains("Well-led is Requires improvement at 44: ").contains("would make it Good");
        String council = get(server, "/provider/short?id=local-authority/ashvale-2025").body();
        assertThat(council).contains("data-score=\"58\"").doesNotContainPattern("(?i)key question");
        String seed = get(server, "/provider?id=cpft-well-led-2025").body();
        assertThat(seed).contains("href=\"/provider?id&#61;cpft-well-led-2025&amp;sensitivity&#61;1#what-would-change\"")
                .doesNotContain("about a second");
        String open = get(server, "/provider?id=cpft-well-led-2025&sensitivity=1").body();
        assertThat(open.indexOf("id=\"what-would-change\"")).as("before the report").isLessThan(open.indexOf("<article"));
    }

    @Test
    void aCouncilRegisterValueMovesWhatDiffMovesAndLeavesProviderFixturesAlone() throws Exception {
        String id = "dols.backlog.significant-share";
        String page = dryRun(server, "value." + id + "=35");
        var diff = diffAfterWriting(tmp, rules, fixtures, "frameworks/local-authority/register.csv", id, "35");
        java.util.Set<String> shown = new java.util.TreeSet<>();
        Matcher ids = Pattern.compile("<li data-id=\"([^\"]+)\"").matcher(page);
        while (ids.find()) shown.add(ids.group(1));
        shown.removeAll(withOwnValues(fixtures));
        assertThat(shown).isEqualTo(movedByDiff(diff, fixtures)).isNotEmpty();
        assertThat(page).doesNotContain("could not be evaluated");
    }

    @Test
    void aRegisterRowThatMovedOrCannotBeChangedCleanlyIsNotWritten() throws Exception {
        String text = Files.readString(Path.of("rules/policy/register.csv"));
        // The row at line 4 is band.requires-improvement.from with 37.5; ask for it at a line that now holds another.
        String moved = text.replaceFirst("\n", "\n\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.assessor.ruleset.PolicyRegister.withValueWritten(
                moved, 4, "band.requires-improvement.from", "37.5", "40")).hasMessageContaining("no longer holds");
        assertThat(org.assessor.ruleset.PolicyRegister.withValueWritten(moved, 5, "band.requires-improvement.from",
                "37.5", "40")).contains("band.requires-improvement.from,rating:requires-improvement,cut-off,40,");
        // A quote inside an unquoted cell: the CSV reading keeps it as a character, a naive cell split would not.
        String quoted = text.replace("band.inadequate.from,rating:inadequate,cut-off,0,",
                "band.inadequate.from,rating:inade\"quate,cut\"-off,0,");
        assertThat(quoted).isNotEqualTo(text);
        int line = quoted.substring(0, quoted.indexOf("band.inadequate.from,")).split("\n", -1).length;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.assessor.ruleset.PolicyRegister.withValueWritten(
                quoted, line, "band.inadequate.from", "0", "1")).hasMessageContaining("without changing other cells");
    }

    @Test
    void aJsonLinesPortfolioNamesEachLineAndAFailedAssessmentIsNotAMove() throws Exception {
        Path own = tmp.resolve("lines");
        Files.createDirectories(own);
        String seed = new String(Files.readAllBytes(Path.of("fixtures/cpft-well-led-2025/evidence.json")))
                .replaceAll("\\s*\n\\s*", " ");
        String bad = seed.replace("\"nhs-trust\"", "\"no-such-type\"");
        assertThat(bad).isNotEqualTo(seed);
        Files.writeString(own.resolve("portfolio.jsonl"), seed + "\n" + seed + "\n" + bad + "\n");
        try (WorkbenchServer s = start(rules, own.resolve("portfolio.jsonl"), false, 0)) {
            String portfolio = get(s, "/").body();
            assertThat(portfolio).contains("3 of 3 assessments shown").contains("1 assessment could not be evaluated")
                    .containsPattern("portfolio\\.jsonl:3:\\d+: ");
            assertThat(get(s, "/provider?id=line-2").body()).contains("portfolio.jsonl:2").contains("data-score=\"44\"");
            String page = dryRun(s, "value.band.requires-improvement.from=45");
            assertThat(attr(page, "data-moved")).isEqualTo("2");
            assertThat(page).contains("2 changed</strong>, 0 unchanged, 1 could not be evaluated")
                    .contains("<th scope=\"col\">Key question ratings up / down</th>");
            assertThat(portfolio).contains(">a key question sits on a band boundary</option>");
        }
    }

    @Test
    void aCouncilIsShownInItsFrameworksWordsAndAMixedPortfolioNamesBoth() throws Exception {
        // The shared portfolio holds providers and councils: its words name both grouping levels.
        assertThat(get(server, "/").body()).contains(">a key question or theme sits on a band boundary</option>");
        // A council's explained rating, with what would change it: themes, and never the providers' "key question".
        String council = get(server, "/provider?id=local-authority/ashvale-2025&sensitivity=1").body();
        assertThat(council).contains("<caption>Themes</caption>").contains("<th scope=\"col\">Theme</th>")
                .contains("M-KQ-03 A theme in the Good band with a statement of significant shortfalls")
                .contains("aria-label=\"Link to this theme\"").doesNotContainPattern("(?i)key question");
        // A portfolio of councils only: its filter and its dry runs say "theme".
        Path own = tmp.resolve("councils");
        copy(fixtures.resolve("local-authority"), own);
        try (WorkbenchServer s = start(rules, own, false, 0)) {
            String portfolio = get(s, "/").body();
            assertThat(portfolio).contains(">a theme sits on a band boundary</option>").doesNotContainPattern("(?i)key question");
            String page = dryRun(s, "value.dols.backlog.significant-share=35");
            assertThat(page).contains("<th scope=\"col\">Theme ratings up / down</th>")
                    .doesNotContainPattern("(?i)key[ -]question ratings");
        }
    }

    @Test
    void serveSaysClearlyWhenItCannotStart() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve", "--port", "70000"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--port must be 0 to 65535, found 70000");
        err = new StringWriter();
        assertThat(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve", "--fixtures", "no-such"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--fixtures no-such: no such folder or file");
        err = new StringWriter();
        assertThat(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve", "--host",
                "no-such-host.invalid")).isEqualTo(2);
        assertThat(err.toString()).contains("--host no-such-host.invalid: no such address");
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            err = new StringWriter();
            int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve", "--port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("choose another with --port");
        }
    }

    private static String runOf(String page) {
        Matcher m = Pattern.compile("<h1>Dry run (\\d+)</h1>").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A request with a Host header of our choosing (the JDK client will not send one). */
    static String rawGet(WorkbenchServer s, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
