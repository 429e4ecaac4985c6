package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                .contains("14 of 32 (8 statements × 4) &#61; 43.75%, shown as 44 (halves round to the even number, so 62.5 shows as 62)")
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
        // Where the numbers are set: register ids read from the derivation graph.
        assertThat(html).contains("Numbers set in the policy register: <code>band.good.from</code>");
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
        Path chromium = Path.of("/usr/bin/chromium");
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci) assertThat(chromium).as("CI must install Debian's chromium (see .ci/run)").exists();
        assumeTrue(Files.isExecutable(chromium), "chromium is not installed here; .ci/run installs it");
        Path profile = tmp.resolve("profile");
        String url = PAGE.toAbsolutePath().toUri().toString();
        var dom = chromium(chromium, profile, "--dump-dom", url);
        assertThat(dom.out()).contains("data-score=\"44\"").contains("Requires improvement");
        STATEMENTS.forEach(s -> assertThat(dom.out()).contains(s));
        assertThat(dom.err().lines().filter(l -> l.contains(":CONSOLE(") || l.contains("Uncaught"))).isEmpty();
        Path png = OUT.resolve("cpft-well-led-2025.png");
        Files.deleteIfExists(png);
        chromium(chromium, profile, "--window-size=1100,1800", "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(20_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private record Run(String out, String err) {}

    private static Run chromium(Path chromium, Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var outText = new java.util.concurrent.CompletableFuture<String>();
        var errText = new java.util.concurrent.CompletableFuture<String>();
        new Thread(() -> { try { outText.complete(new String(out.readAllBytes())); } catch (Exception e) { outText.complete(""); } }).start();
        new Thread(() -> { try { errText.complete(new String(err.readAllBytes())); } catch (Exception e) { errText.complete(""); } }).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s").isTrue();
        return new Run(outText.get(10, TimeUnit.SECONDS), errText.get(10, TimeUnit.SECONDS));
    }
}
