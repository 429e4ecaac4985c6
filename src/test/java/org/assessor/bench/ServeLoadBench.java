package org.assessor.bench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.assessor.serve.Workbench;
import org.assessor.serve.WorkbenchServer;

/**
 * The workbench under hostile load, as the issue measured it: clients that never finish their headers, and 200
 * "what would change it" pages asked at once. Reports whether other pages kept answering and how long they took,
 * how the 200 were answered (built, or "busy, try again"), and the most heap in use while they ran.
 *
 * <p>{@code mvn -q -DskipTests package exec:exec@serve-load-benchmark}
 */
public final class ServeLoadBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30)).build();

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("assessor-serve-load-");
        org.assessor.TestSupport.copy(Path.of("rules"), work.resolve("rules"));
        org.assessor.TestSupport.copy(Path.of("fixtures"), work.resolve("fixtures"));
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, Java %s, max heap %d MiB%n", cores, System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        Workbench w = new Workbench(work.resolve("rules"), work.resolve("fixtures"), null, cores, Duration.ofSeconds(60));
        w.reload();
        try (WorkbenchServer server = new WorkbenchServer(w, "127.0.0.1", 0, true, 0)) {
            server.start();
            String base = server.url();
            for (int i = 0; i < 3; i++) get(base + "provider?id=cpft-well-led-2025&sensitivity=1");
            for (int i = 0; i < 10; i++) get(base);

            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                OutputStream out = s.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            List<Double> light = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long t = System.nanoTime();
                int code = get(base).statusCode();
                light.add(ms(t));
                if (code != 200) System.out.println("portfolio page answered " + code + " beside the slow clients");
            }
            System.out.printf("portfolio page with 4 clients that never finish their headers: median %.0f ms, all "
                    + "answered%n", median(light));
            for (Socket s : slow) s.close();

            AtomicBoolean storm = new AtomicBoolean(true);
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (storm.get()) {
                    peak.accumulateAndGet(heapUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            System.gc();
            long before = heapUsed();
            sampler.start();
            long t = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> asked = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                asked.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base
                        + "provider?id=cpft-well-led-2025&sensitivity=1")).GET().build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<Double> during = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                get(base);
                during.add(ms(s));
            }
            Map<Integer, Integer> codes = new TreeMap<>();
            for (var f : asked) {
                int code;
                try {
                    code = f.get().statusCode();
                } catch (Exception e) {
                    code = -1;
                }
                codes.merge(code, 1, Integer::sum);
            }
            double stormMs = ms(t);
            storm.set(false);
            sampler.join();
            System.out.printf("200 sensitivity pages asked at once: answered in %.1f s, by status %s (200 built, 503 "
                    + "busy, try again; -1 no answer)%n", stormMs / 1000, codes);
            System.out.printf("portfolio page during them: median %.0f ms (max %.0f ms)%n", median(during),
                    Collections.max(during));
            System.out.printf("heap in use: %d MiB before, at most %d MiB while they ran%n", before >> 20, peak.get() >> 20);
        }
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) used += pool.getUsage().getUsed();
        }
        return used;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
