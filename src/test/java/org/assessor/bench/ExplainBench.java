package org.assessor.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assessor.explain.Explanation;
import org.assessor.explain.Explanations;
import org.assessor.result.Assessor;
import org.assessor.ruleset.RuleSet;

/**
 * The explanation figures: {@code explain} of the seed with full sensitivity ("what would change it": rating steps,
 * measured-value thresholds and coding changes), warm in one JVM as a resident process would answer it, and from the
 * command line as {@code ./assessor} runs it (compiled rules cached, class-data sharing, quick JIT).
 */
final class ExplainBench {
    static final Path SEED = Path.of("fixtures/cpft-well-led-2025");

    private ExplainBench() {}

    /** Median of the last runs of the seed's full explanation in this JVM, after warm-up runs, in ms. */
    static double warm(RuleSet rules) throws Exception {
        Assessor assessor = new Assessor(rules, org.assessor.engine.Evaluator.DEFAULT_MAX_FIRINGS, true);
        List<Double> times = new ArrayList<>();
        int lines = 0;
        for (int i = 0; i < 8; i++) {
            long t = System.nanoTime();
            Explanation x = Explanations.withSensitivity(assessor, SEED, Explanations.of(assessor, SEED), null, null);
            times.add((System.nanoTime() - t) / 1e6);
            lines = x.metrics().size() + x.keyQuestions().size();
        }
        if (lines == 0) throw new IllegalStateException("the seed's explanation found nothing to vary");
        List<Double> last = new ArrayList<>(times.subList(3, times.size()));
        last.sort(Double::compare);
        return last.get(last.size() / 2);
    }
}
