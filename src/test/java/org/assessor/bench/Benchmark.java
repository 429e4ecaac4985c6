package org.assessor.bench;

import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.assessor.batch.Generator;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.explain.ResultBuilder;
import org.assessor.engine.Evaluator;
import org.assessor.ruleset.RuleSet;
import org.assessor.ruleset.RuleSetCompiler;

/**
 * The benchmark: prints rule compile time, cold evaluate of the seed (process start to report), assessments per
 * second at 1 and 2 threads with and without the derivation graph, heap used, and the same workload through a
 * plain-Java baseline with the ratio. Run with: mvn -q -DskipTests package exec:exec@benchmark
 */
public final class Benchmark {
    private static final int ASSESSMENTS = Integer.getInteger("bench.count", 2000);

    public static void main(String[] args) throws Exception {
        var rt = Runtime.getRuntime();
        System.out.printf("machine: %d cores, Java %s, max heap %d MiB%n", rt.availableProcessors(),
                System.getProperty("java.version"), rt.maxMemory() >> 20);
        long t = System.nanoTime();
        RuleSet rules = new RuleSetCompiler().compile(Path.of("rules"));
        double compileFirst = ms(t);
        t = System.nanoTime();
        new RuleSetCompiler().compile(Path.of("rules"));
        System.out.printf("rule compile: %.0f ms first in this JVM, %.0f ms warm (%d rules)%n", compileFirst, ms(t),
                rules.rulesByName().size());
        System.out.printf("cold evaluate of the seed (java -jar, process start to printed report): %s%n", coldSeed());

        StringWriter generated = new StringWriter();
        new Generator(rules.framework(), 1).write(ASSESSMENTS, generated);
        EvidenceLoader loader = new EvidenceLoader(rules.framework());
        List<LoadedAssessment> inputs = new ArrayList<>();
        for (String line : generated.toString().split("\n")) inputs.add(loader.load(line.getBytes(StandardCharsets.UTF_8), "generated"));
        System.out.printf("workload: %d generated five-key-question assessments (seed 1), %d facts on average%n",
                inputs.size(), inputs.stream().mapToInt(i -> i.facts().size()).sum() / inputs.size());

        for (boolean graph : new boolean[] {true, false}) {
            Evaluator ev = new Evaluator(rules, Evaluator.DEFAULT_MAX_FIRINGS, graph);
            Consumer<LoadedAssessment> drools = in -> new ResultBuilder(ev.evaluate(in)).build();
            for (int threads = 1; threads <= 2; threads++) {
                System.out.printf("Drools, graph %s, %d thread%s: %,.0f assessments/s%n", graph ? "recorded" : "off",
                        threads, threads == 1 ? "" : "s", throughput(inputs, drools, threads));
            }
        }
        Consumer<LoadedAssessment> plain = PlainJavaMethod::evaluate;
        double base1 = throughput(inputs, plain, 1);
        double base2 = throughput(inputs, plain, 2);
        System.out.printf("plain Java baseline, 1 thread: %,.0f assessments/s; 2 threads: %,.0f assessments/s%n", base1, base2);
        Evaluator ev = new Evaluator(rules, Evaluator.DEFAULT_MAX_FIRINGS, true);
        double d2 = throughput(inputs, in -> new ResultBuilder(ev.evaluate(in)).build(), 2);
        System.out.printf("ratio at 2 threads, graph recorded: plain Java is %.0f× faster than Drools%n", base2 / d2);
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("heap used after the runs (after GC): %d MiB of %d MiB max%n", heap.getUsed() >> 20, heap.getMax() >> 20);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getPeakUsage() != null)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("peak heap (sum of pool peaks): %d MiB%n", peak >> 20);
    }

    private static double throughput(List<LoadedAssessment> inputs, Consumer<LoadedAssessment> work, int threads) throws Exception {
        run(inputs.subList(0, Math.min(500, inputs.size())), work, threads); // warm-up
        long t = System.nanoTime();
        run(inputs, work, threads);
        return inputs.size() / (ms(t) / 1000.0);
    }

    private static void run(List<LoadedAssessment> inputs, Consumer<LoadedAssessment> work, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = (inputs.size() + threads - 1) / threads;
            for (int i = 0; i < inputs.size(); i += chunk) {
                List<LoadedAssessment> part = inputs.subList(i, Math.min(inputs.size(), i + chunk));
                futures.add(pool.submit(() -> part.forEach(work)));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
    }

    private static String coldSeed() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(java, "-jar", "target/assessor.jar", "evaluate", "fixtures/cpft-well-led-2025")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            if (p.waitFor() != 0) return "failed (exit " + p.exitValue() + ")";
            times.add(ms(t));
        }
        times.sort(Double::compare);
        return String.format("%.0f ms median of 3 (%.0f–%.0f ms)", times.get(1), times.get(0), times.get(2));
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

}
