package org.assessor.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A real browser for tests: Debian's headless chromium driven through Debian's chromedriver (both installed by
 * .ci/run), with a fresh profile each time. The driver and browser paths are given explicitly, so Selenium never
 * looks for (or downloads) a driver or a browser of its own.
 *
 * <p>Where chromium or chromedriver is missing, {@link #open} skips the test, except under CI=true, where it fails.
 * It collects the page's console errors, runs axe-core (WCAG 2 A/AA) inside the page, takes full-page screenshots,
 * tabs through the page, and measures an element's text contrast by the WCAG formula.
 */
public final class Browser implements AutoCloseable {
    /** Debian's chromium; another build with -Dbrowser.chromium=PATH. */
    public static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    /** Debian's chromedriver (package chromium-driver), of the same version; another with -Dbrowser.chromedriver=PATH. */
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    /** Where screenshots go unless a test names another path. */
    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** axe-core's tags for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
    public static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /**
     * Selenium warns at every start that it has no CDP binding for this chromium's version; none is needed, since
     * the CDP calls here go through chromedriver. Held here so the logger (and its level) is not collected.
     */
    private static final java.util.logging.Logger CDP_VERSION_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final List<String> consoleErrors = new ArrayList<>();

    /** One axe rule broken on the page, with the CSS selectors of the elements that break it. */
    public record Violation(String id, String impact, String help, List<String> targets) {
        public boolean seriousOrWorse() {
            return "serious".equals(impact) || "critical".equals(impact);
        }

        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + " at " + targets;
        }
    }

    /** The element that has focus after a key press, as a keyboard user meets it. */
    public record Focus(String tag, String id, String label, String outline) {
        @Override
        public String toString() {
            return tag + (id.isEmpty() ? "" : "#" + id) + " \"" + label + "\" outline: " + outline;
        }
    }

    /** Text colour and the colour behind it (both as sRGB 0–255), and their WCAG contrast ratio. */
    public record Contrast(int[] foreground, int[] background, double ratio) {
        @Override
        public String toString() {
            return String.format("%s on %s: %.2f:1", hex(foreground), hex(background), ratio);
        }

        private static String hex(int[] rgb) {
            return String.format("#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
        }
    }

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /**
     * Starts headless chromium with a viewport of the given size. Skips the calling test where chromium or
     * chromedriver is not installed, and fails it under CI=true, where .ci/run must have installed both.
     */
    public static Browser open(int width, int height) {
        requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("assessor-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        // Belt and braces: with these set, Selenium has no reason to ask Selenium Manager for a driver.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath());
        // The page's console, read back by consoleErrors() through the driver's log endpoint.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        Browser browser = new Browser(driver, service, profile);
        browser.resize(width, height);
        return browser;
    }

    private static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "); .ci/run must install them";
        if (!installed && "true".equals(System.getenv("CI"))) fail(message);
        assumeTrue(installed, message + "; skipped here");
    }

    /** The driver, for whatever the helpers here do not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Loads a local file (file:// URL) and waits for its load event; console errors start afresh. */
    public Browser go(Path file) {
        return go(file.toAbsolutePath().toUri().toString());
    }

    public Browser go(String url) {
        drainConsole();
        consoleErrors.clear();
        driver.get(url);
        return this;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Sets the viewport (not the window, whose frame size differs by platform) to width × height CSS pixels,
     * and checks that the page really sees that width.
     */
    public Browser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long inner = ((Number) js("return window.innerWidth;")).longValue();
        if (inner != width) {
            // Headless windows may keep a minimum width or a frame: emulate the viewport instead.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
        }
        long now = ((Number) js("return window.innerWidth;")).longValue();
        if (now != width) throw new IllegalStateException("viewport is " + now + " px wide, not " + width);
        return this;
    }

    /**
     * Every console error and uncaught exception since the page was loaded by {@link #go} (level SEVERE in
     * chromedriver's browser log, which also carries failed resource loads), oldest first.
     */
    public List<String> consoleErrors() {
        drainConsole();
        return List.copyOf(consoleErrors);
    }

    private void drainConsole() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) consoleErrors.add(e.getMessage());
        }
    }

    /** axe-core's WCAG 2 A/AA violations on the current page; fails if axe itself errored. */
    public List<Violation> axe() {
        Results results = new AxeBuilder().withTags(WCAG_A_AA).setTimeout(60).analyze(driver);
        if (results.isErrored()) throw new IllegalStateException("axe failed: " + results.getErrorMessage());
        return results.getViolations().stream()
                .map(r -> new Violation(r.getId(), r.getImpact(), r.getHelp(),
                        r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList()))
                .toList();
    }

    /** A full-page PNG (the whole document, not just the viewport) under target/screenshots/. */
    public Path screenshot(String fileName) {
        return screenshot(SCREENSHOTS.resolve(fileName));
    }

    /** A full-page PNG (the whole document, not just the viewport) at the given path. */
    @SuppressWarnings("unchecked")
    public Path screenshot(Path png) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) content.get("width")).doubleValue();
        double height = ((Number) content.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            if (png.getParent() != null) Files.createDirectories(png.getParent());
            Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png;
    }

    /** Moves focus to the start of the page, as a keyboard user who has just arrived. */
    public Browser focusStart() {
        js("if (document.activeElement) document.activeElement.blur();"
                + "window.getSelection().removeAllRanges(); document.body.focus();");
        return this;
    }

    /** Presses Tab once and tells which element has focus. */
    public Focus tab() {
        new Actions(driver).sendKeys(Keys.TAB).perform();
        return focused();
    }

    /**
     * Presses Tab up to {@code max} times from the start of the page and returns each element reached in order,
     * stopping when focus leaves the page or comes back to the first element reached.
     */
    public List<Focus> tabThrough(int max) {
        focusStart();
        List<Focus> stops = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            Focus f = tab();
            if (f.tag().equals("body") || (!stops.isEmpty() && f.equals(stops.get(0)))) break;
            stops.add(f);
        }
        return stops;
    }

    /** The element that has focus now: tag, id, accessible-ish label and its computed outline. */
    @SuppressWarnings("unchecked")
    public Focus focused() {
        Map<String, Object> f = (Map<String, Object>) js("""
                const e = document.activeElement || document.body;
                const s = getComputedStyle(e);
                const label = (e.getAttribute('aria-label') || e.innerText || e.value || e.getAttribute('name')
                    || e.getAttribute('title') || '').trim().replace(/\\s+/g, ' ').slice(0, 80);
                return {tag: e.tagName.toLowerCase(), id: e.id || '', label: label,
                    outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor};
                """);
        return new Focus((String) f.get("tag"), (String) f.get("id"), (String) f.get("label"),
                (String) f.get("outline"));
    }

    /** The WCAG contrast of the first element matching the CSS selector. */
    public Contrast contrast(String cssSelector) {
        return contrast(driver.findElement(By.cssSelector(cssSelector)));
    }

    /**
     * The WCAG contrast of an element's text colour against the colour behind it: its computed color, over the
     * computed background-color of it and its ancestors composited onto white (background images and gradients
     * are not seen). Any CSS colour syntax is turned into sRGB by drawing it on a canvas.
     */
    @SuppressWarnings("unchecked")
    public Contrast contrast(WebElement element) {
        List<Number> rgb = (List<Number>) js("""
                const el = arguments[0];
                const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
                const rgba = c => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = c;
                    ctx.fillRect(0, 0, 1, 1); const d = ctx.getImageData(0, 0, 1, 1).data;
                    return [d[0], d[1], d[2], d[3] / 255]; };
                const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
                const layers = [];
                for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
                let bg = [255, 255, 255];
                for (const layer of layers.reverse()) bg = over(layer, bg);
                const fg = over(rgba(getComputedStyle(el).color), bg);
                return fg.map(Math.round).concat(bg.map(Math.round));
                """, element);
        int[] fg = {rgb.get(0).intValue(), rgb.get(1).intValue(), rgb.get(2).intValue()};
        int[] bg = {rgb.get(3).intValue(), rgb.get(4).intValue(), rgb.get(5).intValue()};
        return new Contrast(fg, bg, contrastRatio(fg, bg));
    }

    /** WCAG 2 contrast ratio of two sRGB colours (0–255 each): (L1 + 0.05) / (L2 + 0.05), from 1 to 21. */
    public static double contrastRatio(int[] a, int[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG 2 relative luminance (sRGB linearised with the 0.04045 threshold; WCAG 2.0 printed 0.03928). */
    static double luminance(int[] rgb) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = rgb[i] / 255.0;
            c[i] = s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp profile left behind is harmless.
        }
    }
}
