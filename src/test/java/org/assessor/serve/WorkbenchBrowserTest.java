package org.assessor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.assessor.browser.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench in a real browser (Debian's headless chromium through its chromedriver): a policy team's path from
 * the portfolio to a provider to the policy page, a register value changed, the fixtures {@code assessor diff} says
 * move seen moving, each explanation side by side, the change saved after its register diff was shown. On every
 * page: no console error, no serious or critical axe-core WCAG 2 A/AA violation, every page usable at 390 px without
 * sideways scrolling of the page, and desktop and 390-px screenshots under {@code target/screenshots/}.
 */
class WorkbenchBrowserTest {
    @TempDir static Path tmp;
    static Path rules;
    static Path fixtures;
    static WorkbenchServer server;

    @BeforeAll
    static void start() throws Exception {
        rules = tmp.resolve("rules");
        fixtures = tmp.resolve("fixtures");
        org.assessor.TestSupport.copy(Path.of("rules"), rules);
        org.assessor.TestSupport.copy(Path.of("fixtures"), fixtures);
        server = WorkbenchTest.start(rules, fixtures, false, 200);
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

    @Test
    void fromThePortfolioToAProviderToAPolicyChangeThatMovesTheFixturesDiffNamesAndIsSaved() throws Exception {
        // What diff says the same change moves, for comparison with what the page shows.
        Set<String> expected = movedByDiff("band.good.from", "65");
        assertThat(expected).as("the change moves some fixtures").isNotEmpty();
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            b.go(server.url());
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Portfolio");
            assertThat(d.findElements(By.cssSelector(".wb-table tbody tr"))).hasSize(WorkbenchTest.fixtureCount(fixtures));
            checkPage(b, "portfolio");

            // Keyboard: the first Tab reaches the skip link, the next ones the pages of the workbench, each visibly.
            b.focusStart();
            var focus = b.tabThrough(6);
            assertThat(focus.get(0).label()).contains("Skip to the content");
            assertThat(focus.stream().map(Browser.Focus::label).toList()).contains("Portfolio", "Policy impact", "Rules", "Tests");
            focus.forEach(f -> assertThat(f.outline()).as("focus outline of " + f).isNotIn("none", "", "0px none"));

            // Filter by service type (a form without script).
            new Select(d.findElement(By.id("f-service"))).selectByVisibleText("NHS trust (provider level)");
            d.findElement(By.cssSelector(".wb-filters button[type=submit]")).click();
            new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> x.getCurrentUrl().contains("service="));
            int trusts = d.findElements(By.cssSelector(".wb-table tbody tr")).size();
            assertThat(trusts).isBetween(1, WorkbenchTest.fixtureCount(fixtures) - 1);
            assertThat(d.getCurrentUrl()).contains("service=NHS+trust");

            // To the seed's explained rating.
            d.findElement(By.linkText("Cambridgeshire and Peterborough NHS Foundation Trust")).click();
            waitForTitle(d, "Cambridgeshire and Peterborough NHS Foundation Trust");
            assertThat(d.findElement(By.cssSelector("[data-score]")).getAttribute("data-score")).isEqualTo("44");
            assertThat(d.getPageSource()).contains("Requires improvement").contains("Freedom to speak up");
            for (WebElement badge : d.findElements(By.cssSelector(".badge"))) {
                if (!badge.isDisplayed()) continue;
                assertThat(b.contrast(badge).ratio()).as("contrast of the rating " + badge.getText()).isGreaterThanOrEqualTo(4.5);
            }
            checkPage(b, "provider");

            // To the policy page: change one register value and dry-run it.
            d.findElement(By.linkText("Policy impact")).click();
            waitForTitle(d, "Policy impact");
            checkPage(b, "policy");
            WebElement label = d.findElement(By.xpath("//label[normalize-space()='band.good.from']"));
            WebElement input = d.findElement(By.id(label.getAttribute("for")));
            assertThat(input.getAttribute("value")).isEqualTo("62.5");
            input.clear();
            input.sendKeys("65");
            d.findElement(By.xpath("//button[normalize-space()='Dry run across the portfolio']")).click();
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> !x.findElements(By.id("summary")).isEmpty());
            Set<String> shown = new TreeSet<>();
            d.findElements(By.cssSelector(".wb-moved > li")).forEach(li -> shown.add(li.getAttribute("data-id")));
            assertThat(shown).as("the assessments the page shows moving are those diff names").isEqualTo(expected);
            assertThat(d.findElement(By.cssSelector("#summary strong")).getText()).isEqualTo(expected.size() + " changed");
            checkPage(b, "dry-run");

            // A moved provider's two explanations side by side.
            String first = expected.iterator().next();
            d.findElement(By.cssSelector(".wb-moved > li[data-id='" + first + "'] > a")).click();
            waitForTitle(d, "Before and after");
            assertThat(d.findElements(By.cssSelector(".wb-compare [data-score]")).size()).isGreaterThanOrEqualTo(2);
            checkPage(b, "compare");
            d.navigate().back();
            waitForTitle(d, "Policy impact: dry run");

            // Saving shows the register diff first, then writes.
            String before = Files.readString(rules.resolve("policy/register.csv"));
            d.findElement(By.xpath("//button[starts-with(normalize-space(),'Save these values')]")).click();
            waitForTitle(d, "Save to the register");
            assertThat(d.findElement(By.cssSelector(".wb-diff")).getText()).contains("62.5 → 65");
            assertThat(Files.readString(rules.resolve("policy/register.csv"))).isEqualTo(before);
            checkPage(b, "review");
            d.findElement(By.xpath("//button[normalize-space()='Write these lines to the register']")).click();
            waitForTitle(d, "Portfolio");
            assertThat(d.findElement(By.cssSelector(".wb-message")).getText()).contains("Saved band.good.from: 62.5 → 65");
            assertThat(Files.readString(rules.resolve("policy/register.csv")))
                    .contains("band.good.from,rating:good,cut-off,65,");
        }
    }

    @Test
    void theRulesAndTestsPagesWorkAndPassTheSameChecks() throws Exception {
        try (Browser b = Browser.open(1280, 900)) {
            var d = b.driver();
            b.go(server.url() + "rules");
            assertThat(d.findElement(By.tagName("p")).getText()).isNotEmpty();
            checkPage(b, "rules");
            d.findElement(By.linkText("rules/method/statement-score.drl")).click();
            waitForTitle(d, "rules/method/statement-score.drl");
            assertThat(d.getPageSource()).contains("M-STMT-01");
            checkPage(b, "rule-file");
            b.go(server.url() + "tests");
            d.findElement(By.xpath("//button[normalize-space()='Run the fixture tests']")).click();
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> !x.findElements(By.id("test-summary")).isEmpty());
            String summary = d.findElement(By.id("test-summary")).getText();
            assertThat(summary).matches("\\d+ passed, \\d+ failed, \\d+ without expectations \\(\\d+ ms\\)\\.");
            checkPage(b, "tests");
        }
    }

    /** Waits for the next page, whose title begins with these words (a click starts a navigation; it may not have ended). */
    private static void waitForTitle(org.openqa.selenium.WebDriver d, String start) {
        new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> x.getTitle().startsWith(start));
    }

    /** The fixtures {@code assessor diff} says move when a register value is written into a copy of the rules. */
    private static Set<String> movedByDiff(String id, String value) throws Exception {
        var diff = WorkbenchTest.diffAfterWriting(tmp, Path.of("rules"), fixtures, "policy/register.csv", id, value);
        Set<String> moved = new TreeSet<>();
        for (var f : diff.get("fixtures")) {
            moved.add(fixtures.relativize(Path.of(f.get("fixture").asText())).toString());
        }
        return moved;
    }
}
