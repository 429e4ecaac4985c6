package org.assessor.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.facts.Benchmark;
import org.assessor.facts.Comparison;
import org.assessor.facts.KeyQuestion;
import org.assessor.facts.Metric;
import org.assessor.facts.Observation;
import org.assessor.facts.StatementInScope;

/**
 * The plain-Java baseline for the benchmark only: the method (statement regime) and the general evidence judgements
 * (benchmark comparisons, observations) written by hand, on the same loaded facts. It is never used for a result;
 * it shows what the rules engine costs.
 */
final class PlainJavaMethod {
    private PlainJavaMethod() {}

    /** Returns the rating rank of each assessed key question (and, as the last element, a checksum of scores). */
    static int[] evaluate(LoadedAssessment a) {
        Map<String, List<int[]>> findings = new HashMap<>(); // statement -> [grade, categoryHash]
        Map<String, Metric> metrics = new HashMap<>();
        for (Object f : a.facts()) if (f instanceof Metric m) metrics.put(m.evidenceId(), m);
        for (Object f : a.facts()) {
            if (f instanceof Benchmark b) {
                Metric m = metrics.get(b.evidenceId());
                if (m == null) continue;
                Comparison c = Comparison.of(m, b);
                int g = grade(c);
                if (g > 0) findings.computeIfAbsent(m.statement(), k -> new ArrayList<>()).add(new int[] {g, m.category().hashCode()});
            } else if (f instanceof Observation o) {
                int g = switch (o.direction()) {
                    case "negative" -> o.extent().equals("widespread") ? 1 : 2;
                    case "mixed" -> 2;
                    default -> o.extent().equals("widespread") ? 4 : 3;
                };
                findings.computeIfAbsent(o.statement(), k -> new ArrayList<>()).add(new int[] {g, o.category().hashCode()});
            }
        }
        Map<String, List<Integer>> byKq = new HashMap<>();
        for (Object f : a.facts()) {
            if (!(f instanceof StatementInScope s)) continue;
            List<int[]> fs = findings.get(s.statement());
            if (fs == null || fs.isEmpty()) continue;
            int sum = 0;
            Set<Integer> oneCats = new HashSet<>();
            boolean low = false;
            for (int[] g : fs) {
                sum += g[0];
                if (g[0] == 1) oneCats.add(g[1]);
                if (g[0] <= 2) low = true;
            }
            int score = band(100.0 * sum / (4.0 * fs.size()));
            if (!oneCats.isEmpty()) score = Math.min(score, oneCats.size() >= 2 ? 1 : 2);
            if (score == 4 && low) score = 3;
            byKq.computeIfAbsent(s.keyQuestion(), k -> new ArrayList<>()).add(score);
        }
        int[] out = new int[6];
        int i = 0;
        int checksum = 0;
        for (Object f : a.facts()) {
            if (!(f instanceof KeyQuestion kq) || !kq.inScope()) continue;
            List<Integer> scores = byKq.getOrDefault(kq.id(), List.of());
            if (scores.isEmpty()) continue;
            int sum = scores.stream().mapToInt(Integer::intValue).sum();
            double raw = 100.0 * sum / (4.0 * scores.size());
            int shown = BigDecimal.valueOf(raw).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
            int rating = band(raw);
            if (rating == 3 && scores.contains(1)) rating = 2;
            if (rating == 4 && (scores.contains(1) || scores.contains(2))) rating = 3;
            if (i < 5) out[i++] = rating;
            checksum += shown;
        }
        out[5] = checksum;
        return out;
    }

    private static int grade(Comparison c) {
        double gap = c.gapPercent();
        return switch (c.kind()) {
            case "national-average", "peer-average", "organisation-average" -> gap <= -10 ? 1 : gap < -2.5 ? 2 : gap < 10 ? 3 : 4;
            case "target", "parity" -> gap <= -10 ? 1 : gap < 0 ? 2 : 3;
            default -> gap < -2.5 ? 2 : gap > 2.5 ? 3 : 0;
        };
    }

    private static int band(double p) {
        return p >= 87.5 ? 4 : p >= 62.5 ? 3 : p >= 37.5 ? 2 : 1;
    }
}
