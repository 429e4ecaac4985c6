package org.assessor.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The browser harness can fail: a page with a console error, an uncaught exception, an unlabelled input and
 * low-contrast text is caught by each check, and a clean page passes them all (so a pass means something).
 */
class BrowserHarnessTest {
    static final Path PAGES = Path.of("target/browser-harness");
    static final String HEAD = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>%s</title></head>";
    private static Browser shared;

    /** One browser for the class, started by the first test that needs it (so a missing browser skips each test). */
    static Browser browser() {
        if (shared == null) shared = Browser.open(800, 600);
        return shared;
    }

    @AfterAll
    static void stop() {
        if (shared != null) shared.close();
    }

    static Path page(String name, String body) throws Exception {
        Files.createDirectories(PAGES);
        Path file = PAGES.resolve(name + ".html");
        Files.writeString(file, String.format(HEAD, name) + "<body>" + body + "</body></html>");
        return file;
    }

    @Test
    void aBrokenPageFailsEveryCheck() throws Exception {
        Browser browser = browser();
        browser.go(page("broken", """
                <main><h1>Broken</h1>
                <p id="faint" style="color:#aaaaaa;background:#ffffff">Faint text that few can read.</p>
                <a href="#x" id="first">A link</a>
                <input id="nameless" type="text">
                <button id="go">Go</button></main>
                <script>console.error('harness: deliberate console error');</script>
                <script>throw new Error('harness: deliberate uncaught exception');</script>
                """));

        assertThat(browser.consoleErrors()).anyMatch(e -> e.contains("harness: deliberate console error"))
                .anyMatch(e -> e.contains("harness: deliberate uncaught exception"));

        List<Browser.Violation> violations = browser.axe();
        assertThat(violations).extracting(Browser.Violation::id).contains("label", "color-contrast");
        assertThat(violations).filteredOn(v -> v.id().equals("label")).singleElement()
                .satisfies(v -> assertThat(v.targets()).anyMatch(t -> t.contains("nameless")));
        assertThat(violations).filteredOn(v -> v.id().equals("color-contrast")).singleElement()
                .satisfies(v -> assertThat(v.seriousOrWorse()).isTrue());

        Browser.Contrast faint = browser.contrast("#faint");
        assertThat(faint.ratio()).as(faint.toString()).isCloseTo(2.32, within(0.01)).isLessThan(4.5);

        assertThat(browser.tabThrough(10)).extracting(Browser.Focus::id).containsExactly("first", "nameless", "go");
    }

    @Test
    void aCleanPagePassesEveryCheck() throws Exception {
        Browser browser = browser();
        browser.go(page("clean", """
                <main><h1>Clean</h1>
                <p id="plain" style="color:#767676;background:#ffffff">Grey text at the AA limit.</p>
                <label for="named">Name</label> <input id="named" type="text">
                <button id="go">Go</button></main>
                <script>console.log('harness: not an error');</script>
                """));
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.axe()).isEmpty();
        assertThat(browser.contrast("#plain").ratio()).isCloseTo(4.54, within(0.01));
        assertThat(browser.tabThrough(10)).extracting(Browser.Focus::id).containsExactly("named", "go");
    }

    @Test
    void screenshotsAreFullPageAtTheViewportWidth() throws Exception {
        Browser browser = browser();
        browser.go(page("tall", "<main><h1>Tall</h1><div style=\"height:3000px;background:#036\"></div></main>"));
        browser.resize(390, 600);
        try {
            Path png = browser.screenshot("harness-tall-390.png");
            byte[] bytes = Files.readAllBytes(png);
            assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
            // PNG IHDR: width and height, big-endian, at bytes 16 and 20.
            int width = java.nio.ByteBuffer.wrap(bytes, 16, 4).getInt();
            int height = java.nio.ByteBuffer.wrap(bytes, 20, 4).getInt();
            assertThat(width).isEqualTo(390);
            assertThat(height).isGreaterThan(3000);
        } finally {
            browser.resize(800, 600);
        }
    }

    @Test
    void contrastRatioFollowsTheWcagFormula() {
        assertThat(Browser.contrastRatio(new int[] {0, 0, 0}, new int[] {255, 255, 255})).isCloseTo(21.0, within(1e-9));
        assertThat(Browser.contrastRatio(new int[] {255, 255, 255}, new int[] {255, 255, 255})).isEqualTo(1.0);
        assertThat(Browser.contrastRatio(new int[] {0x76, 0x76, 0x76}, new int[] {255, 255, 255}))
                .isCloseTo(4.54, within(0.01));
    }
}
