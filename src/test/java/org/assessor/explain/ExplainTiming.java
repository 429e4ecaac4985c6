package org.assessor.explain;

import java.nio.file.Path;
import org.assessor.result.Assessor;

/**
 * How long a full explanation of a fixture takes warm, in one JVM: the explanation (result, limiters and every part of
 * "what would change it") made 10 times each way, each time printed as wall-clock ms and, in brackets, the CPU ms the
 * process used meanwhile (steadier than wall clock on a machine shared with other work). Not a test: timings vary.
 * Run with: mvn -q test-compile exec:exec@explain-timing [-Dexplain.fixture=fixtures/…] [-Dexplain.ways=LIVE,FRESH_JSON]
 */
public final class ExplainTiming {
    public static void main(String[] args) throws Exception {
        Path fixture = Path.of(System.getProperty("explain.fixture", "fixtures/cpft-well-led-2025"));
        int runs = Integer.getInteger("explain.runs", 10);
        Assessor assessor = new Assessor(Path.of("rules"));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (String way : System.getProperty("explain.ways", "LIVE,FRESH_SESSIONS,FRESH_JSON").split(",")) {
            StringBuilder line = new StringBuilder(way + " (" + fixture + "), ms (CPU ms):");
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                Explanation base = Explanations.of(assessor, fixture);
                Explanations.withSensitivity(assessor, fixture, base, null, null, Reruns.Way.valueOf(way.strip()));
                line.append(' ').append((System.nanoTime() - t) / 1_000_000).append(" (")
                        .append((os.getProcessCpuTime() - cpu) / 1_000_000).append(')');
            }
            System.out.println(line);
        }
    }
}
