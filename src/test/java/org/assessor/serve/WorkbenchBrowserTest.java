package org.assessor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.assessor.TestSupport;
import org.assessor.browser.Browser;
import org.assessor.govern.Access;
import org.assessor.govern.AuditLog;
import org.assessor.govern.UsersFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench in a real browser (Debian's headless chromium through its chromedriver), on a git repository holding
 * the rules and fixtures as the README's clone does, with people who sign in: an analyst goes from the portfolio to a
 * provider to the policy page, changes a register value, sees the fixtures {@code assessor diff} says move (each with
 * why), each explanation side by side, and proposes the change with a reason; the approver reads the proposal and
 * approves it, and the portfolio then comes from that approval; an author's own approval is refused. On every page: no
 * console error, no serious or critical axe-core WCAG 2 A/AA violation, usable at 390 px without sideways scrolling of
 * the page, the Overall column on screen at 1366 and 390 px, and desktop and 390-px screenshots under
 * {@code target/screenshots/}. The short report prints on at most three A4 pages.
 */
class WorkbenchBrowserTest {
    @TempDir static Path tmp;
    static Path repo;
    static WorkbenchServer server;
    static final String PASSWORD = "a long enough password";

    @BeforeAll
    static void start() throws Exception {
        repo = TestSupport.gitRepository(tmp.resolve("clone"));
        Path users = TestSupport.people(repo.resolve("rules"), PASSWORD, "ana:analyst", "ben:approver");
        Workbench w = new Workbench(repo.resolve("rules"), repo.resolve("fixtures"), null, 2, Duration.ofSeconds(60));
        w.reload();
        server = new WorkbenchServer(w, "127.0.0.1", 0, false, 200, Access.withUsers(users, Clock.systemUTC()),
                new AuditLog(UsersFile.stateFolder(repo.resolve("rules")).resolve("audit.jsonl"), Clock.systemUTC()));
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** Checks the page as it stands: console, accessibility, reflow at 390 px; saves both screenshots. */
    private static void checkPage(Browser b, String name) {
        assertThat(b.consoleErrors()).as(name + ": console errors").isEmpty();
        var serious = b.axe().stream().filter(Browser.Violation::seriousOrWorse).toList();
        assertThat(serious).as(name + ": serious or critical accessibility violations").isEmpty();
        Object duplicates = b.js("var seen = {}, dup = []; document.querySelectorAll('[id]').forEach(function (e) {"
                + " if (seen[e.id]) dup.push(e.id); seen[e.id] = true; }); return dup.join(' ');");
        assertThat((String) duplicates).as(name + ": element ids used twice").isEmpty();
        b.screenshot("workbench-" + name + "-desktop.png");
        b.resize(390, 844);
        Object overflow = b.js("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).as(name + ": the page scrolls sideways at 390 px").isLessThanOrEqualTo(0);
        b.screenshot("workbench-" + name + "-390.png");
        b.resize(1280, 900);
    }

    private static void signIn(Browser b, String login) {
        var d = b.driver();
        b.go(server.url() + "sign-in");
        d.findElement(By.id("login")).sendKeys(login);
        d.findElement(By.id("password")).sendKeys(PASSWORD);
        d.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
        waitForTitle(d, "Portfolio");
    }

    private static void signOut(Browser b) {
        b.driver().findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        waitForTitle(b.driver(), "Sign in");
    }

    /** The right edge of the Overall column's heading is on screen (the table is not scrolled). */
    private static void overallOnScreen(Browser b, int width) {
        b.resize(width, 900);
        Object right = b.js("var h = Array.from(document.querySelectorAll('.wb-portfolio thead th')).find(function (t) {"
                + " return t.textContent.trim() === 'Overall'; }); return h.getBoundingClientRect().right;");
        assertThat(((Number) right).doubleValue()).as("Overall heading at " + width + " px").isLessThanOrEqualTo(width);
        b.resize(1280, 900);
    }

    @Test
    void anAnalystProposesAChangeDiffWouldShowAndTheApproverApprovesItIntoThePortfolio() throws Exception {
        Set<String> expected = movedByDiff("band.good.from", "65");
        assertThat(expected).as("the change moves some fixtures").isNotEmpty();
        int total = WorkbenchTest.fixtureCount(repo.resolve("fixtures"));
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            b.go(server.url());
            waitForTitle(d, "Sign in");
            checkPage(b, "sign-in");
            signIn(b, "ana");
            assertThat(d.findElements(By.cssSelector(".wb-portfolio tbody tr"))).hasSize(total);
            assertThat(d.findElement(By.id("provenance")).getText()).contains("The rules in use come from commit");
            overallOnScreen(b, 1366);
            overallOnScreen(b, 390);
            checkPage(b, "portfolio");

            // Keyboard: the first Tab reaches the skip link, the next ones the pages of the workbench, each visibly.
            var focus = b.tabThrough(8);
            assertThat(focus.get(0).label()).contains("Skip to the content");
            assertThat(focus.stream().map(Browser.Focus::label).toList()).contains("Portfolio", "Policy impact", "Proposals");
            focus.forEach(f -> assertThat(f.outline()).as("focus outline of " + f).isNotIn("none", "", "0px none"));

            // Hide the test fixture sets: only the top level and the councils stay.
            for (WebElement box : d.findElements(By.cssSelector(".wb-sets input[type=checkbox]"))) {
                String set = box.getAttribute("value");
                if (!set.equals("top") && !set.equals("local-authority") && box.isSelected()) box.click();
            }
            d.findElement(By.cssSelector(".wb-filters button[type=submit]")).click();
            new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> x.getCurrentUrl().contains("sets=1"));
            int shown = d.findElements(By.cssSelector(".wb-portfolio tbody tr")).size();
            assertThat(shown).isBetween(2, total - 1);
            assertThat(d.findElement(By.cssSelector("[data-overall-score='58']")).getText()).isEqualTo("58");

            // Filter by service type, then to the seed's explained rating and what would change it.
            new Select(d.findElement(By.id("f-service"))).selectByVisibleText("NHS trust (provider level)");
            d.findElement(By.cssSelector(".wb-filters button[type=submit]")).click();
            new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> x.getCurrentUrl().contains("service="));
            d.findElement(By.linkText("Cambridgeshire and Peterborough NHS Foundation Trust")).click();
            waitForTitle(d, "Cambridgeshire and Peterborough NHS Foundation Trust");
            assertThat(d.findElement(By.cssSelector("[data-score]")).getAttribute("data-score")).isEqualTo("44");
            d.findElement(By.linkText("Show what would change it")).click();
            new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> !x.findElements(By.id("what-would-change")).isEmpty());
            WebElement nearest = d.findElement(By.id("what-would-change"));
            assertThat(nearest.getText()).contains("Well-led is Requires improvement at 44");
            Object top = b.js("return arguments[0].getBoundingClientRect().top;", nearest);
            assertThat(((Number) top).doubleValue()).as("reached without scrolling").isBetween(-1.0, 900.0);
            for (WebElement badge : d.findElements(By.cssSelector(".badge"))) {
                if (!badge.isDisplayed()) continue;
                assertThat(b.contrast(badge).ratio()).as("contrast of the rating " + badge.getText()).isGreaterThanOrEqualTo(4.5);
            }
            checkPage(b, "provider");

            // The short report prints on at most three A4 pages.
            b.go(server.url() + "provider/short?id=cpft-well-led-2025");
            waitForTitle(d, "Short report");
            checkPage(b, "short-report");
            @SuppressWarnings("unchecked")
            var pdf = (java.util.Map<String, Object>) d.executeCdpCommand("Page.printToPDF", java.util.Map.of(
                    "paperWidth", 8.27, "paperHeight", 11.69, "preferCSSPageSize", true));
            byte[] bytes = java.util.Base64.getDecoder().decode((String) pdf.get("data"));
            Files.write(Path.of("target/screenshots/short-report.pdf"), bytes);
            int pages = java.util.regex.Pattern.compile("/Type\\s*/Page[^s]").matcher(new String(bytes,
                    java.nio.charset.StandardCharsets.ISO_8859_1)).results().mapToInt(m -> 1).sum();
            assertThat(pages).as("A4 pages of the short report").isBetween(1, 3);

            // The policy page: change one register value and dry-run it.
            b.go(server.url() + "policy");
            waitForTitle(d, "Policy impact");
            checkPage(b, "policy");
            WebElement label = d.findElement(By.xpath("//label[normalize-space()='band.good.from']"));
            WebElement input = d.findElement(By.id(label.getAttribute("for")));
            assertThat(input.getAttribute("value")).isEqualTo("62.5");
            input.clear();
            input.sendKeys("65");
            d.findElement(By.xpath("//button[normalize-space()='Dry run across the portfolio']")).click();
            new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> !x.findElements(By.id("summary")).isEmpty());
            Set<String> moved = new TreeSet<>();
            d.findElements(By.cssSelector(".wb-moved > li")).forEach(li -> moved.add(li.getAttribute("data-id")));
            moved.removeAll(WorkbenchTest.withOwnValues(repo.resolve("fixtures")));
            assertThat(moved).as("the assessments the page shows moving are those diff names").isEqualTo(expected);
            assertThat(d.findElement(By.cssSelector(".wb-reasons")).getText()).contains("is now below band.good.from = 65");
            checkPage(b, "dry-run");

            // A moved provider's two explanations side by side, what changed first.
            String first = expected.iterator().next();
            d.findElement(By.cssSelector(".wb-moved > li[data-id='" + first + "'] > a")).click();
            waitForTitle(d, "Before and after");
            assertThat(d.findElement(By.id("what-changed")).isDisplayed()).isTrue();
            checkPage(b, "compare");
            d.navigate().back();
            waitForTitle(d, "Policy impact: dry run");

            // Proposing shows the change to the register first, with the row's words to edit, and asks why.
            String before = Files.readString(repo.resolve("rules/policy/register.csv"));
            d.findElement(By.xpath("//button[starts-with(normalize-space(),'Propose this change')]")).click();
            waitForTitle(d, "Propose this change");
            assertThat(d.findElement(By.cssSelector(".wb-diff")).getText()).contains("62.5 → 65");
            checkPage(b, "review");
            WebElement rationale = d.findElement(By.id("row-0-rationale"));
            rationale.clear();
            rationale.sendKeys("Raised to 65 by the board.");
            d.findElement(By.id("reason")).sendKeys("Raise the Good cut-off to 65");
            d.findElement(By.xpath("//button[normalize-space()='Propose this change']")).click();
            waitForTitle(d, "Proposal 1");
            assertThat(d.findElement(By.id("own-proposal")).getText()).contains("someone else");
            assertThat(d.findElements(By.xpath("//button[starts-with(normalize-space(),'Approve')]"))).isEmpty();
            assertThat(Files.readString(repo.resolve("rules/policy/register.csv"))).as("unchanged until approved").isEqualTo(before);
            checkPage(b, "proposal");
            signOut(b);

            // The approver reads it and approves it; the portfolio then comes from that approval.
            signIn(b, "ben");
            b.go(server.url() + "proposals");
            waitForTitle(d, "Proposals");
            checkPage(b, "proposals");
            d.findElement(By.partialLinkText("1: Raise the Good cut-off to 65")).click();
            waitForTitle(d, "Proposal 1");
            assertThat(d.findElement(By.id("proposal-diff")).getText()).contains("+band.good.from,rating:good,cut-off,65,")
                    .contains("Raised to 65 by the board.");
            assertThat(d.findElement(By.id("proposal-dry-run")).getText()).contains("assessments evaluated again");
            d.findElement(By.xpath("//button[normalize-space()='Approve and merge proposal 1']")).click();
            waitForTitle(d, "Portfolio");
            assertThat(d.findElement(By.cssSelector(".wb-message")).getText()).contains("Approved proposal 1");
            assertThat(d.findElement(By.id("provenance")).getText()).contains("proposal 1, approved by Ben Approver");
            assertThat(Files.readString(repo.resolve("rules/policy/register.csv"))).contains("band.good.from,rating:good,cut-off,65,");

            // The approver's own proposal: no approve button, and the server refuses it when sent anyway.
            b.go(server.url() + "rules/edit?file=rules%2Fpolicy%2Fregister.csv");
            waitForTitle(d, "Edit rules/policy/register.csv");
            checkPage(b, "rule-edit");
            WebElement text = d.findElement(By.id("text"));
            String register = text.getAttribute("value");
            b.js("arguments[0].value = arguments[1];", text, register.replace("Assessor policy team", "Policy team"));
            d.findElement(By.xpath("//button[normalize-space()='Check and dry-run this edit']")).click();
            new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> !x.findElements(By.id("summary")).isEmpty());
            d.findElement(By.xpath("//button[starts-with(normalize-space(),'Propose this change')]")).click();
            waitForTitle(d, "Propose this change");
            d.findElement(By.id("reason")).sendKeys("Rename the owner");
            d.findElement(By.xpath("//button[normalize-space()='Propose this change']")).click();
            waitForTitle(d, "Proposal 2");
            assertThat(d.findElements(By.xpath("//button[starts-with(normalize-space(),'Approve')]"))).isEmpty();
            Object refused = b.js("var t = document.querySelector('input[name=token]').value;"
                    + "var x = new XMLHttpRequest(); x.open('POST', '/proposals/approve', false);"
                    + "x.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');"
                    + "x.send('token=' + encodeURIComponent(t) + '&n=2'); return x.status + ' ' + x.responseText;");
            assertThat((String) refused).startsWith("403").contains("a proposal is approved by someone other than its author");
            b.go(server.url() + "audit");
            waitForTitle(d, "Audit trail");
            assertThat(d.findElement(By.id("audit")).getText()).contains("approval refused").contains("approval")
                    .contains("proposal").contains("sign-in");
            checkPage(b, "audit");
        }
    }

    @Test
    void theRulesAndTestsPagesWorkAndPassTheSameChecks() throws Exception {
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            signIn(b, "ana");
            b.go(server.url() + "rules");
            assertThat(d.findElement(By.tagName("p")).getText()).isNotEmpty();
            checkPage(b, "rules");
            d.findElement(By.linkText("rules/method/statement-score.drl")).click();
            waitForTitle(d, "rules/method/statement-score.drl");
            assertThat(d.getPageSource()).contains("M-STMT-01");
            checkPage(b, "rule-file");
            b.go(server.url() + "tests");
            d.findElement(By.xpath("//button[normalize-space()='Run the fixture tests']")).click();
            new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> !x.findElements(By.id("test-summary")).isEmpty());
            String summary = d.findElement(By.id("test-summary")).getText();
            assertThat(summary).matches("\\d+ passed, \\d+ failed, \\d+ without expectations \\(\\d+ ms\\)\\.");
            checkPage(b, "tests");
        }
    }

    /** Waits for the next page, whose title begins with these words (a click starts a navigation; it may not have ended). */
    private static void waitForTitle(WebDriver d, String start) {
        new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> x.getTitle().startsWith(start));
    }

    /** The fixtures {@code assessor diff} says move when a register value is written into a copy of the rules. */
    private static Set<String> movedByDiff(String id, String value) throws Exception {
        var diff = WorkbenchTest.diffAfterWriting(tmp, Path.of("rules"), repo.resolve("fixtures"), "policy/register.csv", id, value);
        return WorkbenchTest.movedByDiff(diff, repo.resolve("fixtures"));
    }
}
