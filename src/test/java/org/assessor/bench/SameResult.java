package org.assessor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.assessor.batch.BatchWriter;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.engine.Evaluator;
import org.assessor.result.Result;
import org.assessor.result.ResultBuilder;

/**
 * Compares the rules engine and the same-result baseline on one assessment: both results through the same
 * {@link ResultBuilder} and the same JSON line of {@link BatchWriter} (written with the derivation graph).
 */
final class SameResult {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SameResult() {}

    /** The engine's and the baseline's JSON lines for one assessment, or where they first differ. */
    static String difference(Evaluator engine, SameResultBaseline baseline, BatchWriter withGraph, LoadedAssessment in) {
        Result drools = new ResultBuilder(engine.evaluate(in)).build();
        Result plain = new ResultBuilder(baseline.evaluate(in)).build();
        return difference(withGraph.line(0, in.file(), drools), withGraph.line(0, in.file(), plain));
    }

    /** Null when the two JSON lines are the same, else the first path where they differ and both values there. */
    static String difference(String drools, String plain) {
        if (drools.equals(plain)) return null;
        try {
            String at = firstDifference(JSON.readTree(drools), JSON.readTree(plain), "");
            return at != null ? at : "the JSON lines differ in their text but not in their content";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.equals(b)) return null;
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null) return path + "/" + e.getKey() + ": only the engine has it: " + e.getValue();
                String d = firstDifference(e.getValue(), other, path + "/" + e.getKey());
                if (d != null) return d;
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!a.has(name)) return path + "/" + name + ": only the baseline has it: " + b.get(name);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                String d = firstDifference(a.get(i), b.get(i), path + "/" + i);
                if (d != null) return d;
            }
            if (a.size() != b.size()) {
                return path + ": the engine has " + a.size() + " entries, the baseline " + b.size() + "; next: "
                        + (a.size() > b.size() ? "engine " + a.get(b.size()) : "baseline " + b.get(a.size()));
            }
        }
        return path + ": engine " + a + ", baseline " + b;
    }
}
