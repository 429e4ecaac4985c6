package org.assessor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assessor.browser.Browser;
import org.assessor.result.Assessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The coding desk in a real browser: the seed's public report drafted and coded by keyboard (a suggestion accepted, one
 * changed, a cue chosen by selecting words of the quote), saved, and reopened by a workbench started afresh; the seed's
 * own coding opened on the page, changed and changed back with the scores moving live, saved, and evaluated to the
 * fixture's scores; two coders coding one report blind and settling a disagreement on the agreement page; a report
 * with no statement heading refused with nothing written. On every page: no console error, no serious axe-core
 * violation, no sideways scrolling at 390 px.
 */
class CodingBrowserTest {
    @TempDir static Path tmp;
    static Path rules = Path.of("rules");
    static Path fixtures;
    static Path desk;
    static Workbench workbench;
    static WorkbenchServer server;

    @BeforeAll
    static void start() throws Exception {
        fixtures = tmp.resolve("fixtures");
        org.assessor.TestSupport.copy(Path.of("fixtures/cpft-well-led-2025"), fixtures.resolve("cpft-well-led-2025"));
        desk = tmp.resolve("desk");
        Files.createDirectories(desk);
        String seed = Files.readString(Path.of("src/test/resources/reports/cpft-well-led-2025.txt"));
        Files.writeString(desk.resolve("cpft.txt"), seed);
        // One statement of the seed, for two coders to code in full.
        int from = seed.indexOf("Freedom to speak up\n");
        int to = seed.indexOf("Workforce equality, diversity and inclusion\n");
        Files.writeString(desk.resolve("fsu.txt"), "Cambridgeshire and Peterborough NHS Foundation Trust\n\nReport from "
                + "17 July 2025 assessment\n\n" + seed.substring(from, to));
        Files.writeString(desk.resolve("minutes.txt"), "Minutes of the board\n\nThe board met on 3 March 2025.\n");
        // The seed's own coding, as a coding at the desk.
        Files.createDirectories(desk.resolve("seed/lead"));
        Files.copy(Path.of("fixtures/cpft-well-led-2025/evidence.json"), desk.resolve("seed/lead/evidence.json"));
        server = startServer();
    }

    static WorkbenchServer startServer() throws Exception {
        workbench = new Workbench(rules, fixtures, null, 2, Duration.ofSeconds(60));
        workbench.reload();
        WorkbenchServer s = new WorkbenchServer(workbench, "127.0.0.1", 0, false, 0, desk);
        s.start();
        return s;
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static void checkPage(Browser b, String name) {
        assertThat(b.consoleErrors()).as(name + ": console errors").isEmpty();
        var serious = b.axe().stream().filter(Browser.Violation::seriousOrWorse).toList();
        assertThat(serious).as(name + ": serious or critical accessibility violations").isEmpty();
        b.screenshot("coding-" + name + "-desktop.png");
        b.resize(390, 844);
        Object overflow = b.js("return document.documentElement.scrollWidth - window.innerWidth;");
        Object wide = b.js("var out = []; document.querySelectorAll('body *').forEach(function (e) {"
                + " var r = e.getBoundingClientRect(); if (r.right > window.innerWidth + 1 && out.length < 5)"
                + " out.push(e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(r.right)); }); return out.join('; ');");
        assertThat(((Number) overflow).intValue()).as(name + ": the page scrolls sideways at 390 px: " + wide)
                .isLessThanOrEqualTo(0);
        b.screenshot("coding-" + name + "-390.png");
        b.resize(1280, 900);
    }

    /** Presses a key once the page's script is listening for it. */
    private static void key(ChromeDriver d, String k) {
        waitFor(d, x -> "yes".equals(x.findElement(By.tagName("body")).getAttribute("data-desk-ready")));
        new Actions(d).sendKeys(k).perform();
    }

    private static void start(ChromeDriver d, String report, String coder) {
        d.get(server.url() + "desk");
        d.findElement(By.id("coder-" + report)).sendKeys(coder);
        d.findElement(By.cssSelector("form.desk-start input[value='" + report + "'] ~ button")).click();
        waitFor(d, x -> !x.getCurrentUrl().endsWith("/desk"));
    }

    /** Waits for a page a click or a key loads; an element of the page before it is no help, and is skipped. */
    private static <T> T waitFor(org.openqa.selenium.WebDriver d, java.util.function.Function<org.openqa.selenium.WebDriver, T> what) {
        return new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(what::apply);
    }

    private static String status(org.openqa.selenium.WebDriver d) {
        return d.findElement(By.id("desk-status")).getText();
    }

    @Test
    void theSeedReportIsDraftedCodedByKeyboardSavedAndReopened() throws Exception {
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            b.go(server.url() + "desk");
            checkPage(b, "desk");
            start(d, "cpft", "ann");
            assertThat(d.findElement(By.tagName("h1")).getText()).startsWith("Coding cpft");
            assertThat(status(d)).startsWith("item 1 of ").contains("still suggestions");
            String firstQuote = d.findElement(By.id("desk-quote")).getText();
            assertThat(firstQuote).isEqualTo("The trust’s vision was ‘Together we will support our communities to live "
                    + "healthier lives’.");
            checkPage(b, "item");

            // a: accept the first suggestion as it stands, and move on.
            key(d, "a");
            waitFor(d, x -> status(x).startsWith("item 2 of "));
            assertThat(d.findElement(By.id("desk-moves")).getText()).contains("sdc-01 accepted");

            // The second item: direction by key (2: negative), the cue by selecting words of the quote, then accept.
            String quote = d.findElement(By.id("desk-quote")).getText();
            assertThat(quote).startsWith("The trusts’ purpose was");
            key(d, "2");
            assertThat(d.findElement(By.id("direction-negative")).isSelected()).isTrue();
            b.js("var q = document.getElementById('desk-quote'); var t = q.firstChild; var r = document.createRange();"
                    + " var i = t.textContent.indexOf('our citizens'); r.setStart(t, i); r.setEnd(t, i + 'our citizens'.length);"
                    + " var s = window.getSelection(); s.removeAllRanges(); s.addRange(r);"
                    + " q.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));");
            assertThat(d.findElement(By.id("f-cue")).getAttribute("value")).isEqualTo("our citizens");
            // The guide's paragraph for the field in focus is the one open.
            assertThat(d.findElement(By.cssSelector(".desk-guide-part[data-field='extent']")).getAttribute("open")).isNotNull();
            // Live: the scores the coding would give with these fields, before anything is kept.
            waitFor(d, x -> x.findElement(By.id("desk-moves")).getText()
                    .contains("with the fields as they are now"));
            d.findElement(By.tagName("body")).click();
            key(d, "a");
            waitFor(d, x -> status(x).startsWith("item 3 of "));
            assertThat(d.findElement(By.id("desk-moves")).getText()).contains("sdc-02 accepted with direction, extent, cue changed");

            // k: back to the item just coded; it is coded, with the cue chosen.
            key(d, "k");
            waitFor(d, x -> status(x).startsWith("item 2 of "));
            assertThat(d.findElement(By.cssSelector("#item-title .desk-badge")).getText()).isEqualTo("coded");
            assertThat(d.findElement(By.id("f-cue")).getAttribute("value")).isEqualTo("our citizens");

            d.findElement(By.id("desk-save")).click();
            assertThat(waitFor(d, x -> x.findElement(By.cssSelector(".desk-note"))).getText()).startsWith("Saved to ")
                    .contains("items are still suggestions, so evaluate refuses it");
        }
        Path saved = desk.resolve("cpft/ann/evidence.json");
        assertThat(saved).exists();
        assertThat(desk.resolve("cpft/ann/draft.json")).exists();
        var json = new ObjectMapper().readTree(saved.toFile());
        assertThat(json.path("evidence").get(0).has("suggested")).as("sdc-01 accepted").isFalse();
        assertThat(json.path("evidence").get(1).path("observation").path("cue").asText()).isEqualTo("our citizens");
        assertThat(json.path("evidence").get(2).has("suggested")).as("sdc-03 still a suggestion").isTrue();

        // Reopened by a workbench started afresh: the coding is where it was left.
        server.close();
        server = startServer();
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            b.go(server.url() + "desk/code?c=cpft%2Fann&i=1");
            assertThat(d.findElement(By.id("f-cue")).getAttribute("value")).isEqualTo("our citizens");
            assertThat(d.findElement(By.id("direction-negative")).isSelected()).isTrue();
            assertThat(d.findElement(By.cssSelector("#item-title .desk-badge")).getText()).isEqualTo("coded");
        }
    }

    @Test
    void theSeedsCodingOnThePageGivesItsScoresLiveAndSavedAsTheFixtureDoes() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        new ObjectMapper().readTree(Path.of("fixtures/cpft-well-led-2025/expected.json").toFile())
                .path("keyQuestions").path("well-led").path("statements").fields()
                .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asInt()));
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            b.go(server.url() + "desk/code?c=seed%2Flead&i=1");
            expected.forEach((st, score) -> assertThat(d.findElement(By.cssSelector("[data-statement='" + st + "']"))
                    .getText()).as(st).isEqualTo(String.valueOf(score)));
            assertThat(d.findElement(By.id("desk-quote")).getText()).isEqualTo("Feedback from stakeholders noted that "
                    + "the strategy did not feel embedded or lived.");
            // sdc-02 positive instead of negative: shared direction moves, and the page says so.
            d.findElement(By.id("direction-positive")).click();
            d.findElement(By.id("desk-set")).click();
            waitFor(d, x -> x.findElement(By.id("desk-moves")).getText()
                    .contains("Shared direction and culture: 1 → "));
            d.findElement(By.id("direction-negative")).click();
            d.findElement(By.id("desk-set")).click();
            waitFor(d, x -> x.findElement(By.id("desk-moves")).getText()
                    .contains("→ 1 (sdc-02: direction changed)"));
            d.findElement(By.id("desk-save")).click();
            assertThat(waitFor(d, x -> x.findElement(By.cssSelector(".desk-note"))).getText()).contains("every item is coded");
            checkPage(b, "seed");
            b.go(server.url() + "desk/sensitivity?c=seed%2Flead&statement=environmental-sustainability");
            assertThat(d.findElement(By.tagName("main")).getText()).contains("Environmental sustainability")
                    .containsPattern("(robust|fragile): ");
            checkPage(b, "sensitivity");
        }
        var result = new Assessor(rules).evaluate(desk.resolve("seed/lead"));
        Map<String, Integer> scores = new LinkedHashMap<>();
        result.keyQuestions().forEach(k -> k.statements().forEach(s -> scores.put(s.id(), s.score())));
        assertThat(scores).isEqualTo(expected);
        assertThat(result.keyQuestions().get(result.keyQuestions().size() - 1).score().shown()).isEqualTo(44);
    }

    @Test
    void twoCodersCodeOneReportBlindAndSettleADisagreement() throws Exception {
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            // The first coder: one item coded otherwise than suggested, the rest accepted, finished and saved.
            start(d, "fsu", "ann");
            int items = Integer.parseInt(status(d).replaceAll("^item 1 of (\\d+).*$", "$1"));
            d.findElement(By.id("direction-mixed")).click();
            d.findElement(By.id("desk-accept")).click();
            for (int i = 2; i <= items; i++) {
                waitFor(d, x -> !x.findElement(By.id("desk-unaccepted")).getText().isEmpty());
                key(d, "a");
                int n = i;
                waitFor(d, x -> Integer.parseInt(
                        x.findElement(By.id("desk-unaccepted")).getText()) == items - n);
            }
            d.findElement(By.id("desk-finish")).click();
            d.findElement(By.id("desk-save")).click();
            assertThat(waitFor(d, x -> x.findElement(By.cssSelector(".desk-note"))).getText()).contains("every item is coded");

            // Until both have finished, the agreement page shows neither coding.
            b.go(server.url() + "desk/agreement?r=fsu&a=ann&b=bob");
            assertThat(d.getCurrentUrl()).contains("agreement");
            assertThat(d.findElement(By.tagName("main")).getText()).contains("404");

            // The second coder starts from a fresh draft: the first coder's choice is not shown.
            start(d, "fsu", "bob");
            assertThat(d.findElement(By.id("direction-mixed")).isSelected()).isFalse();
            assertThat(d.findElement(By.cssSelector("#item-title .desk-badge")).getText()).startsWith("suggested");
            b.go(server.url() + "desk/agreement?r=fsu&a=ann&b=bob");
            assertThat(waitFor(d, x -> x.findElement(By.cssSelector(".desk-note"))).getText()).contains("bob has not finished coding");
            b.go(server.url() + "desk/code?c=fsu%2Fbob");
            for (int i = 1; i <= items; i++) {
                key(d, "a");
                int n = i;
                waitFor(d, x -> Integer.parseInt(
                        x.findElement(By.id("desk-unaccepted")).getText()) == items - n);
            }
            d.findElement(By.id("desk-finish")).click();
            d.findElement(By.id("desk-save")).click();

            b.go(server.url() + "desk/agreement?r=fsu&a=ann&b=bob");
            String page = d.findElement(By.tagName("main")).getText();
            assertThat(page).contains("observation direction").contains("Freedom to speak up").contains("1 disagreement, side by side");
            assertThat(d.findElements(By.cssSelector("#agreement-fields tbody tr"))).hasSizeGreaterThan(5);
            checkPage(b, "agreement");
            d.findElement(By.cssSelector(".desk-diffs button[value='b']")).click();
            waitFor(d, x -> x.findElement(By.cssSelector(".desk-diffs")).getText().contains("agreed: the second coder's coding"));
            assertThat(d.findElement(By.tagName("main")).getText()).contains("Open the agreed coding");
        }
    }

    @Test
    void aReportWithNoStatementHeadingIsRefusedOnTheDeskAndNothingIsWritten() throws Exception {
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            start(d, "minutes", "ann");
            assertThat(d.findElement(By.cssSelector(".wb-error-box")).getText())
                    .contains("The report could not be drafted, so nothing was started")
                    .contains("no heading of a quality statement found");
        }
        assertThat(desk.resolve("minutes")).doesNotExist();
    }
}
