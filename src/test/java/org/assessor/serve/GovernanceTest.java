package org.assessor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assessor.TestSupport;
import org.assessor.govern.Access;
import org.assessor.govern.AuditLog;
import org.assessor.govern.UsersFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench with people (a users file) over HTTP, in a git repository as a user's clone is: nothing is shown before
 * sign-in; each session has its own form token; a viewer cannot dry-run, an analyst cannot approve; an analyst's
 * proposal is refused to its author and approved by an approver, after which the portfolio comes from that approval;
 * every step is in the audit trail, which exports as CSV. One server for the class.
 */
class GovernanceTest {
    @TempDir static Path tmp;
    static Path repo;
    static WorkbenchServer server;
    static final String PASSWORD = "a long enough password";

    @BeforeAll
    static void start() throws Exception {
        repo = TestSupport.gitRepository(tmp.resolve("clone"));
        Path users = TestSupport.people(repo.resolve("rules"), PASSWORD, "vera:viewer", "ana:analyst", "ben:approver");
        Workbench w = new Workbench(repo.resolve("rules"), repo.resolve("fixtures"), null, 2, Duration.ofSeconds(60));
        w.reload();
        Path desk = Files.createDirectories(tmp.resolve("desk"));
        Files.copy(Path.of("src/test/resources/reports/cpft-well-led-2025.txt"), desk.resolve("cpft.txt"));
        server = new WorkbenchServer(w, "127.0.0.1", 0, false, 0, Access.withUsers(users, Clock.systemUTC()),
                new AuditLog(UsersFile.stateFolder(repo.resolve("rules")).resolve("audit.jsonl"), Clock.systemUTC()), desk);
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** A signed-in person as a browser holds them: the session cookie, and the form token their pages carry. */
    record Who(String cookie, String token) {}

    static Who signIn(String login) throws Exception {
        var r = WorkbenchTest.post(server, "/sign-in", "login=" + login + "&password=" + Http.url(PASSWORD) + "&next=%2F",
                WorkbenchTest.origin(server));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(get(cookie, "/policy").body());
        assertThat(m.find()).isTrue();
        return new Who(cookie, m.group(1));
    }

    static HttpResponse<String> get(String cookie, String path) throws Exception {
        return WorkbenchTest.HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(Who who, String path, String form) throws Exception {
        return WorkbenchTest.HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", WorkbenchTest.origin(server))
                .header("Cookie", who.cookie()).POST(HttpRequest.BodyPublishers.ofString("token=" + who.token() + "&" + form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nothingIsShownBeforeSignInAndAWrongPasswordIsRefusedAndRecorded() throws Exception {
        var r = WorkbenchTest.get(server, "/provider?id=cpft-well-led-2025");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElse("")).isEqualTo("/sign-in?next=%2Fprovider%3Fid%3Dcpft-well-led-2025");
        assertThat(WorkbenchTest.get(server, "/sign-in").body()).contains("<h1>Sign in</h1>").doesNotContain("Cambridgeshire");
        var wrong = WorkbenchTest.post(server, "/sign-in", "login=ana&password=nope", WorkbenchTest.origin(server));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("the login or the password is wrong");
        var offsite = WorkbenchTest.post(server, "/sign-in", "login=ana&password=" + Http.url(PASSWORD), "http://evil.example");
        assertThat(offsite.statusCode()).isEqualTo(403);
        assertThat(Files.readString(UsersFile.stateFolder(repo.resolve("rules")).resolve("audit.jsonl")))
                .contains("\"who\":\"ana\",\"action\":\"sign-in refused\"");
    }

    @Test
    void signedInCodersCodeUnderTheirOwnLoginAndChangeOnlyTheirOwnCoding() throws Exception {
        Who vera = signIn("vera");
        Who ana = signIn("ana");
        assertThat(get(ana.cookie(), "/desk").body()).contains("name=\"coder\" value=\"ana\" readonly");
        var viewer = post(vera, "/desk/start", "report=cpft&coder=vera");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(viewer.body()).contains("coding at the desk needs the role analyst or above; vera is viewer");
        var other = post(ana, "/desk/start", "report=cpft&coder=ben");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("you code as ana; the coding by ben is theirs to change");
        var own = post(ana, "/desk/start", "report=cpft&coder=ana");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(303);
        assertThat(own.headers().firstValue("Location").orElse("")).isEqualTo("/desk/code?c=cpft%2Fana");
        var save = post(ana, "/desk/save", "c=cpft%2Fben");
        assertThat(save.statusCode()).isEqualTo(403);
        // Ben, coding second, neither reads ana's unfinished coding nor finds a link to it; ana reads her own.
        Who ben = signIn("ben");
        assertThat(post(ana, "/desk/save", "c=cpft%2Fana").statusCode()).isEqualTo(303);
        var peek = get(ben.cookie(), "/desk/code?c=cpft%2Fana");
        assertThat(peek.statusCode()).isEqualTo(403);
        assertThat(peek.body()).contains("ana&#39;s coding of cpft is hidden until they mark it finished");
        assertThat(get(ben.cookie(), "/desk").body()).contains("ana (hidden until finished)")
                .doesNotContain("/desk/code?c=cpft%2Fana");
        assertThat(get(ana.cookie(), "/desk/code?c=cpft%2Fana").statusCode()).isEqualTo(200);
        // Coming back to a coding opens it where its coder stopped: the first item still holding a suggestion.
        assertThat(post(ana, "/desk/item", "c=cpft%2Fana&i=0&action=accept").statusCode()).isEqualTo(303);
        var again = post(ana, "/desk/start", "report=cpft&coder=ana");
        assertThat(again.headers().firstValue("Location").orElse("")).isEqualTo("/desk/code?c=cpft%2Fana&i=1");
    }

    @Test
    void eachSessionHasItsOwnTokenAndEachRoleOnlyItsOwnActions() throws Exception {
        Who vera = signIn("vera");
        Who ana = signIn("ana");
        assertThat(vera.token()).isNotEqualTo(ana.token());
        assertThat(get(vera.cookie(), "/").body()).contains("Signed in as <strong>Vera Viewer</strong> (vera, viewer)");
        var viewerRun = post(vera, "/policy/dry-run", "value.band.good.from=65");
        assertThat(viewerRun.statusCode()).isEqualTo(403);
        assertThat(viewerRun.body()).contains("a dry run needs the role analyst or above; vera is viewer");
        var stolen = post(new Who(ana.cookie(), vera.token()), "/policy/dry-run", "value.band.good.from=65");
        assertThat(stolen.statusCode()).as("another session's token").isEqualTo(403);
        assertThat(post(ana, "/proposals/approve", "n=1").body()).contains("approving a proposal needs the role approver");
        assertThat(get(ana.cookie(), "/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void anAnalystsProposalIsRefusedToItsAuthorAndApprovedByAnApproverThenThePortfolioComesFromIt() throws Exception {
        Who ana = signIn("ana");
        Who ben = signIn("ben");
        var started = post(ana, "/policy/dry-run", "revision=&value.band.requires-improvement.from=45");
        assertThat(started.statusCode()).isEqualTo(303);
        String location = started.headers().firstValue("Location").orElseThrow();
        String page = "";
        for (int i = 0; i < 600 && !page.contains("data-moved"); i++) {
            Thread.sleep(100);
            page = get(ana.cookie(), location).body();
        }
        String run = WorkbenchTest.attr(page, "name=\"run\" value");
        assertThat(post(ana, "/policy/review", "run=" + run).body()).contains("Propose this change");
        var proposed = post(ana, "/proposals/new", "run=" + run + "&reason=" + Http.url("Requires improvement from 45"));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(303);
        String n = proposed.headers().firstValue("Location").orElseThrow().replace("/proposal?n=", "");
        assertThat(get(ana.cookie(), "/proposal?n=" + n).body()).contains("You proposed this change")
                .doesNotContain("Approve and merge");

        // The author is refused even with an approver's form; the approver approves.
        var own = post(ana, "/proposals/approve", "n=" + n);
        assertThat(own.statusCode()).isEqualTo(403);
        String review = get(ben.cookie(), "/proposal?n=" + n).body();
        assertThat(review).contains("Approve and merge proposal " + n).contains("Proposed by Ana Analyst &lt;ana@example.org&gt;")
                .contains("-band.requires-improvement.from,rating:requires-improvement,cut-off,37.5,")
                .contains("assessments evaluated again");
        var approved = post(ben, "/proposals/approve", "n=" + n);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
        String portfolio = get(ben.cookie(), "/").body();
        assertThat(portfolio).contains("Approved proposal " + n).contains("proposal " + n + ", approved by Ben Approver")
                .doesNotContain("uncommitted changes");
        assertThat(Files.readString(repo.resolve("rules/policy/register.csv")))
                .contains("band.requires-improvement.from,rating:requires-improvement,cut-off,45,");
        assertThat(get(ben.cookie(), "/proposals").body()).contains("approved by Ben Approver");

        String audit = get(ben.cookie(), "/audit").body();
        assertThat(audit).contains(">refused<").contains("approving a proposal needs the role approver or above; ana is analyst")
                .contains(">proposal<").contains(">approval<").contains(">dry run<")
                .doesNotContain("The trail has been altered");
        var csv = get(ben.cookie(), "/audit.csv").body();
        assertThat(csv).startsWith("\uFEFFseq,at,who,action,detail,chain").contains(",ben,approval,proposal " + n + " merged");
    }
}
