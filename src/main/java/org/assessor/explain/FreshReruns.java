package org.assessor.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.assessor.input.InvalidInputException;
import org.assessor.result.Assessor;
import org.assessor.result.Result;

/**
 * Each question answered by writing a changed copy of the evidence.json, reading and checking it again and evaluating
 * it in a fresh session: slow (the seed's full explanation re-runs the engine about 1,500 times), but nothing is
 * carried from one question to the next. Kept as the reference {@link LiveReruns} is tested against.
 */
final class FreshReruns implements Reruns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Assessor assessor;
    private final byte[] evidence;
    private final String shown;
    private final EvidenceVariant original;
    private final JsonNode doc;

    FreshReruns(Assessor assessor, byte[] evidence, String shown) throws IOException {
        this.assessor = assessor;
        this.evidence = evidence;
        this.shown = shown;
        this.original = EvidenceVariant.of(evidence);
        this.doc = JSON.readTree(evidence);
    }

    @Override
    public Result withRecordedScores(Map<String, Integer> scores) throws IOException, InvalidInputException {
        return assessor.evaluate(EvidenceVariant.of(evidence).recordedScores(scores).bytes(), shown + " (sensitivity)");
    }

    @Override
    public Result withMetricValue(String evidenceId, double value) throws IOException, InvalidInputException {
        return assessor.evaluate(original.copy().metricValue(evidenceId, value).bytes(), shown + " (sensitivity)");
    }

    @Override
    public List<String> gradesAlone(String evidenceId, double value) throws IOException, InvalidInputException {
        Result r = assessor.evaluate(original.copy().onlyItem(evidenceId).metricValue(evidenceId, value).bytes(),
                shown + " (sensitivity)");
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).flatMap(s -> s.findings().stream())
                .filter(f -> f.evidenceId().equals(evidenceId))
                .map(f -> f.grade() + (f.against().isEmpty() ? "" : " against " + f.against())).sorted().toList();
    }

    @Override
    public Result withCoding(String evidenceId, Map<String, String> fields) throws IOException, InvalidInputException {
        JsonNode copy = doc.deepCopy();
        for (JsonNode item : copy.path("evidence")) {
            if (!evidenceId.equals(item.path("id").asText())) continue;
            ObjectNode o = (ObjectNode) item.get("observation");
            fields.forEach((field, value) -> {
                if (field.equals("category")) ((ObjectNode) item).put("category", value); else o.put(field, value);
            });
            // A changed extent needs a cue the loader can find: the whole quote is one.
            if (fields.containsKey("extent")) o.put("cue", item.path("source").path("quote").asText());
        }
        return assessor.evaluate(JSON.writeValueAsBytes(copy), shown + " (coding sensitivity)");
    }

    @Override
    public Result withoutItem(String evidenceId) throws IOException, InvalidInputException {
        JsonNode copy = doc.deepCopy();
        var items = (com.fasterxml.jackson.databind.node.ArrayNode) copy.path("evidence");
        for (int i = items.size() - 1; i >= 0; i--) if (evidenceId.equals(items.get(i).path("id").asText())) items.remove(i);
        return assessor.evaluate(JSON.writeValueAsBytes(copy), shown + " (segmentation sensitivity)");
    }

    @Override
    public Result withItemSplit(String evidenceId) throws IOException, InvalidInputException {
        JsonNode copy = doc.deepCopy();
        var items = (com.fasterxml.jackson.databind.node.ArrayNode) copy.path("evidence");
        for (int i = 0; i < items.size(); i++) {
            if (!evidenceId.equals(items.get(i).path("id").asText())) continue;
            ObjectNode twin = items.get(i).deepCopy();
            twin.put("id", evidenceId + SPLIT);
            items.insert(i + 1, twin);
            break;
        }
        return assessor.evaluate(JSON.writeValueAsBytes(copy), shown + " (segmentation sensitivity)");
    }

    @Override
    public void close() {}
}
