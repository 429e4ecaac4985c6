package org.assessor.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assessor.TestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench bounds its clients: a connection that never finishes its headers, or its body, is closed while others
 * are answered; no more than the cap of connections is accepted at once; pages that take a while beyond their cap get
 * a "busy, try again" page; and until the portfolio is first evaluated every page says how far it has got, with rules
 * that never return reported as such.
 */
class WorkbenchLimitsTest {
    @TempDir Path tmp;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static BoundedServer.Limits limits(int connections, long headerMillis, int heavyRunning) {
        return new BoundedServer.Limits(connections, headerMillis, 1_000, 30_000, 16, heavyRunning, 0, 0);
    }

    private WorkbenchServer started(BoundedServer.Limits limits) throws Exception {
        Path rules = tmp.resolve("rules");
        Path fixtures = tmp.resolve("fixtures");
        TestSupport.copy(Path.of("rules"), rules);
        TestSupport.copy(Path.of("fixtures/cpft-well-led-2025"), fixtures.resolve("cpft-well-led-2025"));
        Workbench w = new Workbench(rules, fixtures, null, 1, Duration.ofSeconds(60));
        w.reload();
        WorkbenchServer s = new WorkbenchServer(w, "127.0.0.1", 0, true, 0, limits);
        s.start();
        return s;
    }

    private static HttpResponse<String> get(WorkbenchServer s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A connection that has sent part of a request; returns -1 from read once the server closes it. */
    private static Socket partial(WorkbenchServer s, String start) throws Exception {
        Socket socket = new Socket("127.0.0.1", s.port());
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(start.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads until the server closes the connection; what it sent before closing. */
    private static String untilClosed(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void connectionsThatNeverFinishTheirHeadersAreClosedWhileOthersAreAnswered() throws Exception {
        try (WorkbenchServer s = started(limits(16, 1_000, 1))) {
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 4; i++) slow.add(partial(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\nX-Slow: "));
            assertThat(get(s, "/").statusCode()).as("a page answers while four clients dawdle").isEqualTo(200);
            for (Socket socket : slow) {
                try (socket) {
                    assertThat(untilClosed(socket)).as("closed without an answer").isEmpty();
                }
            }
        }
    }

    @Test
    void aBodyThatNeverArrivesIsCutOff() throws Exception {
        try (WorkbenchServer s = started(limits(16, 10_000, 1))) {
            try (Socket socket = partial(s, "POST /tests/run HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ntoken=")) {
                String answer = untilClosed(socket);
                assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 4") || answer.startsWith("HTTP/1.1 5"))
                        .as("closed, or answered with an error, never a page: " + answer).isTrue();
            }
            assertThat(get(s, "/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void noMoreThanTheCapOfConnectionsIsAcceptedAtOnce() throws Exception {
        try (WorkbenchServer s = started(limits(2, 60_000, 1))) {
            Socket a = partial(s, "GET / HTTP/1.1\r\n");
            Socket b = partial(s, "GET / HTTP/1.1\r\n");
            while (s.connections() < 2) Thread.sleep(10);
            CompletableFuture<HttpResponse<String>> third = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create(s.url() + "status.json")).GET().build(), HttpResponse.BodyHandlers.ofString());
            // Held at the cap, the third is not answered...
            assertThat(third.completeOnTimeout(null, 500, TimeUnit.MILLISECONDS).get()).isNull();
            third = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(s.url() + "status.json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            a.close();
            b.close();
            // ...until one of the held connections ends.
            assertThat(third.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHeavyPageBeyondItsCapGetsABusyPageAndTheNextOneIsBuilt() throws Exception {
        try (WorkbenchServer s = started(limits(16, 10_000, 1))) {
            HttpResponse<String> busy;
            try (HeavyPages.Turn held = s.heavy().enter()) {
                assertThat(held).isNotNull();
                busy = get(s, "/provider?id=cpft-well-led-2025");
                assertThat(get(s, "/").statusCode()).as("light pages answer meanwhile").isEqualTo(200);
            }
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).contains("5");
            assertThat(busy.body()).contains("Busy: try again").contains("try again in a few seconds");
            assertThat(get(s, "/provider?id=cpft-well-led-2025").statusCode()).isEqualTo(200);
        }
    }

    /** A rule within the language that never returns in practice (rounding to a million decimal places). */
    @Test
    void theFirstEvaluationSaysHowFarItHasGotAndRulesThatNeverReturnAreReported() throws Exception {
        Path rules = tmp.resolve("rules");
        Path fixtures = tmp.resolve("fixtures");
        TestSupport.copy(Path.of("rules"), rules);
        TestSupport.copy(Path.of("fixtures/cpft-well-led-2025"), fixtures.resolve("cpft-well-led-2025"));
        Files.writeString(rules.resolve("well-led/zz-hostile.drl"), org.assessor.HostileInputTestRules.NEVER_RETURNS);
        Workbench w = new Workbench(rules, fixtures, null, 1, Duration.ofSeconds(3));
        try (WorkbenchServer s = new WorkbenchServer(w, "127.0.0.1", 0, true, 0, limits(16, 10_000, 1))) {
            s.start();
            Thread reload = new Thread(w::reload, "test-reload");
            reload.start();
            String starting = null;
            while (reload.isAlive() && starting == null) {
                HttpResponse<String> r = get(s, "/");
                if (r.statusCode() == 503 && r.body().contains("evaluating 0 of 1")) starting = r.body();
            }
            assertThat(starting).as("a page said how far the evaluation had got").contains("<h1>Starting</h1>")
                    .contains("data-refresh");
            reload.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(reload.isAlive()).isFalse();
            String after = get(s, "/").body();
            assertThat(after).contains("the rules did not finish evaluating").contains("time limit of 3 seconds")
                    .contains("A rule that never returns");
        }
    }
}
