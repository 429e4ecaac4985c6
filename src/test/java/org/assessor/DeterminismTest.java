package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.assessor.batch.Generator;
import org.assessor.evidence.Fixtures;
import org.assessor.report.JsonReporter;
import org.assessor.result.Assessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixture and a rules digest determine the result: the rule language reaches no clock, chance, environment, file
 * or network, so evaluating again (in order, on several threads at once, in another JVM, from the compiled-rules
 * cache) gives the same JSON, byte for byte.
 */
class DeterminismTest {
    private static final int THREADS = 4;
    @TempDir Path tmp;

    private static Assessor shared;

    private static synchronized Assessor assessor() throws Exception {
        if (shared == null) shared = new Assessor(Path.of("rules"));
        return shared;
    }

    private static String json(Assessor assessor, Path fixture) throws Exception {
        return JsonReporter.mapper().writeValueAsString(assessor.evaluate(fixture));
    }

    @Test
    void everyShippedFixtureGivesTheSameBytesOnEveryRunAndOnEveryThread() throws Exception {
        Assessor assessor = assessor();
        List<Path> fixtures = Fixtures.under(Path.of("fixtures"));
        Map<Path, String> first = new LinkedHashMap<>();
        for (Path f : fixtures) first.put(f, json(assessor, f));
        for (Path f : fixtures) assertThat(json(assessor, f)).as("a second run of " + f).isEqualTo(first.get(f));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Map<Path, String>>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Path> order = new ArrayList<>(fixtures);
                Collections.shuffle(order, new Random(t));
                runs.add(pool.submit(() -> {
                    Map<Path, String> out = new LinkedHashMap<>();
                    for (Path f : order) out.put(f, json(assessor, f));
                    return out;
                }));
            }
            for (var run : runs) {
                Map<Path, String> got = run.get(10, TimeUnit.MINUTES);
                for (Path f : fixtures) assertThat(got.get(f)).as("on another thread, " + f).isEqualTo(first.get(f));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Property(tries = 20, seed = "20251207")
    void aGeneratedAssessmentGivesTheSameBytesOnTwoThreadsAtOnce(@ForAll @LongRange(min = 1, max = 1_000_000) long seed)
            throws Exception {
        Assessor assessor = assessor();
        var text = new java.io.StringWriter();
        new Generator(assessor.framework(), seed).write(1, text);
        byte[] evidence = text.toString().strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> JsonReporter.mapper().writeValueAsString(assessor.evaluate(evidence, "generated")));
            var b = pool.submit(() -> JsonReporter.mapper().writeValueAsString(assessor.evaluate(evidence, "generated")));
            assertThat(b.get(5, TimeUnit.MINUTES)).isEqualTo(a.get(5, TimeUnit.MINUTES));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherJvmCompilingAndThenReadingTheCacheGivesTheSameBytes() throws Exception {
        var here = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--format", "json");
        assertThat(here.code()).isZero();
        Path cache = tmp.resolve("cache");
        String compiled = inItsOwnJvm(cache, "evaluate", "fixtures/cpft-well-led-2025", "--format", "json");
        assertThat(Files.list(cache).anyMatch(p -> p.getFileName().toString().startsWith("rules-"))).isTrue();
        String cached = inItsOwnJvm(cache, "evaluate", "fixtures/cpft-well-led-2025", "--format", "json");
        assertThat(compiled).isEqualTo(here.out());
        assertThat(cached).isEqualTo(here.out());
    }

    private String inItsOwnJvm(Path cache, String... args) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                "org.assessor.cli.Main"));
        command.addAll(List.of(args));
        File out = tmp.resolve("out.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out).redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("ASSESSOR_CACHE_DIR", cache.toString());
        pb.environment().remove("ASSESSOR_CACHE");
        Process p = pb.start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the run ended").isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("err.txt"))).isZero();
        return Files.readString(out.toPath());
    }
}
