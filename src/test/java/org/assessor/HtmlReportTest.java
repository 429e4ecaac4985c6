package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assessor.browser.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The HTML report: one self-contained page that escapes evidence text, checked as text and in headless Chromium
 * (installed by .ci/run; required when CI=true, skipped elsewhere if absent). The screenshot is kept in target/.
 */
class HtmlReportTest {
    static final Path OUT = Path.of("target/report");
    static final Path PAGE = OUT.resolve("cpft-well-led-2025.html");
    static final List<String> STATEMENTS = List.of("Shared direction and culture",
            "Capable, compassionate and inclusive leaders", "Freedom to speak up",
            "Workforce equality, diversity and inclusion", "Governance, management and sustainability",
            "Partnerships and communities", "Learning, improvement and innovation",
            "Environmental sustainability – sustainable development");
    @TempDir Path tmp;

    @BeforeAll
    static void render() throws Exception {
        Files.createDirectories(OUT);
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--format", "html", "-o", PAGE.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(0);
    }

    @Test
    void thePageIsSelfContainedAndCarriesTheResult() throws Exception {
        String html = Files.readString(PAGE);
        assertThat(html).contains("data-score=\"44\"").contains("Requires improvement")
                .contains("<div class=\"box\">14 of 32 (8 statements × 4) &#61; 43.75%, shown as 44</div>")
                .contains("What would change it").contains("up to Good: 6 points")
                .contains("Rules sha256 ").contains("<svg");
        STATEMENTS.forEach(s -> assertThat(html).contains(s));
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link").doesNotContain("src=");
        // One stylesheet for the page and any page embedding the body; the summary (overall rating, a row per key
        // question) comes before the key questions' sections.
        assertThat(html).contains(org.assessor.report.HtmlReporter.css()).contains("<html lang=\"en\">")
                .contains("<th scope=\"col\">Key question</th>")
                .contains("<th scope=\"row\"><a href=\"#kq-well-led\">Well-led</a></th>");
        assertThat(html.indexOf("id=\"summary\"")).isLessThan(html.indexOf("id=\"kq-well-led\""));
        assertThat(html.indexOf("Trust-level rating (well-led)")).isLessThan(html.indexOf("id=\"kq-well-led\""));
        // Statements open by default; every section, statement and finding can be linked to.
        assertThat(html).contains("<details open>").doesNotContain("<details>")
                .contains("<div class=\"statement\" id=\"statement-freedom-to-speak-up\">")
                .contains("<a class=\"permalink\" href=\"#statement-freedom-to-speak-up\" aria-label=\"Link to this statement\">")
                .contains("<li id=\"finding-sdc-02-EV-OB-01\">")
                .contains("<svg class=\"chart\" role=\"img\" aria-label=\"Statement scores for Well-led\"");
        // Where the numbers are set: register ids read from the derivation graph, each with its value on the
        // assessment's date.
        assertThat(html).contains("Numbers set in the policy register: <code>regime.statement-from &#61; 2024-12-02 (date)</code>")
                .contains("<code>statement.some-shortfalls.topics &#61; 2</code>");
        // Digests may wrap anywhere, words only between words.
        assertThat(html).doesNotContain("break-all").contains("Rules sha256 <code>");
    }

    @Test
    void evidenceTextIsEscaped() throws Exception {
        Path fixture = tmp.resolve("case");
        TestSupport.copy(Path.of("fixtures/boundaries/regime-statement-2025"), fixture);
        TestSupport.replace(fixture.resolve("evidence.json"), "Synthetic: most staff fear speaking up.",
                "<script>alert(1)</script><img src=x onerror=alert(2)> & \\\"quoted\\\": most staff fear speaking up.");
        Path page = tmp.resolve("page.html");
        assertThat(TestSupport.cli("evaluate", fixture.toString(), "--format", "html", "-o", page.toString()).code()).isEqualTo(0);
        String html = Files.readString(page);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#61;x onerror&#61;alert(2)&gt; &amp; &quot;quoted&quot;")
                .doesNotContain("<script>alert").doesNotContain("<img");
        String body = html.substring(html.indexOf("<article"), html.indexOf("</article>"));
        assertThat(body).doesNotContain("<script").doesNotContain("<style").doesNotContain("<img");
    }

    @Test
    void chromiumRendersTheScoreAndEveryStatementWithoutConsoleErrors() throws Exception {
        try (Browser browser = Browser.open(1100, 900)) {
            browser.go(PAGE);
            var page = browser.driver();
            assertThat(page.findElement(By.cssSelector(".big[data-score]")).getDomAttribute("data-score")).isEqualTo("44");
            WebElement badge = page.findElement(By.cssSelector(".score .badge"));
            assertThat(badge.isDisplayed()).isTrue();
            assertThat(badge.getText()).isEqualTo("Requires improvement");
            List<WebElement> summaries = page.findElements(By.cssSelector(".statement > details > summary"));
            assertThat(summaries).extracting(WebElement::getText)
                    .as("every statement has a visible summary, in order")
                    .zipSatisfy(STATEMENTS, (shown, statement) -> assertThat(shown).startsWith(statement));
            assertThat(summaries).allSatisfy(s -> assertThat(s.isDisplayed()).as(s.getText()).isTrue());

            // The rating's colour carries white text: normal-size bold text needs 4.5:1 (WCAG 1.4.3).
            Browser.Contrast ratingColour = browser.contrast(badge);
            assertThat(ratingColour.ratio()).as(ratingColour.toString()).isGreaterThanOrEqualTo(4.5);

            // A keyboard user reaches every statement, in order, by Tab alone, and sees where focus is.
            List<Browser.Focus> stops = browser.tabThrough(120);
            assertThat(stops).allSatisfy(f -> assertThat(f.outline()).as(f.toString()).doesNotStartWith("none"));
            assertThat(stops).filteredOn(f -> f.tag().equals("summary")).extracting(Browser.Focus::label)
                    .zipSatisfy(STATEMENTS, (label, statement) -> assertThat(label).startsWith(statement));

            assertThat(browser.consoleErrors()).as("console errors").isEmpty();
            List<Browser.Violation> serious = browser.axe().stream().filter(Browser.Violation::seriousOrWorse).toList();
            assertThat(serious).as("axe-core WCAG 2 A/AA violations of impact serious or critical:%n%s",
                    serious.stream().map(Object::toString).collect(Collectors.joining("\n"))).isEmpty();

            assertRealPng(browser.screenshot("report-desktop.png"));
            browser.resize(390, 844);
            Object overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).intValue()).as("the report scrolls sideways on a 390-px phone").isLessThanOrEqualTo(0);
            assertRealPng(browser.screenshot("report-390.png"));
            assertThat(browser.consoleErrors()).as("console errors after resizing").isEmpty();
        }
    }

    private static void assertRealPng(Path png) throws Exception {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as(png + " size").isGreaterThan(20_000);
        assertThat(Arrays.copyOf(bytes, 8)).as(png + " PNG signature")
                .containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }
}
