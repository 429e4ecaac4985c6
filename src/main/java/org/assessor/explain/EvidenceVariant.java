package org.assessor.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A changed copy of a fixture's evidence.json, for re-running the engine on "what if" evidence: a metric's value,
 * statement scores recorded as judgement, or only one evidence item kept. The original bytes are never touched.
 */
final class EvidenceVariant {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode doc;

    private EvidenceVariant(ObjectNode doc) {
        this.doc = doc;
    }

    static EvidenceVariant of(byte[] evidenceJson) throws IOException {
        return new EvidenceVariant((ObjectNode) MAPPER.readTree(evidenceJson));
    }

    EvidenceVariant copy() {
        return new EvidenceVariant(doc.deepCopy());
    }

    /** Sets a metric's value. */
    EvidenceVariant metricValue(String evidenceId, double value) {
        for (JsonNode e : doc.path("evidence")) {
            if (evidenceId.equals(e.path("id").asText()) && e.has("metric")) ((ObjectNode) e.get("metric")).put("value", value);
        }
        return this;
    }

    /** Keeps only one evidence item (and no recorded scores), to judge that item alone quickly. */
    EvidenceVariant onlyItem(String evidenceId) {
        ArrayNode kept = MAPPER.createArrayNode();
        for (JsonNode e : doc.path("evidence")) if (evidenceId.equals(e.path("id").asText())) kept.add(e);
        doc.set("evidence", kept);
        ObjectNode a = (ObjectNode) doc.get("assessment");
        a.remove(List.of("recordedScores", "recordedScoresByStatement", "recordedScoresReason", "recordedScoresBy"));
        return this;
    }

    /** Records these statement scores as judgements, replacing any recorded before for the same statements. */
    EvidenceVariant recordedScores(Map<String, Integer> scores) {
        ObjectNode a = (ObjectNode) doc.get("assessment");
        ArrayNode list = MAPPER.createArrayNode();
        for (JsonNode r : a.path("recordedScores")) if (!scores.containsKey(r.path("statement").asText())) list.add(r);
        // The compact form of recorded scores moves into the list, so each statement is recorded once.
        JsonNode compact = a.path("recordedScoresByStatement");
        compact.fields().forEachRemaining(e -> {
            if (!scores.containsKey(e.getKey())) list.addObject().put("statement", e.getKey()).put("score", e.getValue().asInt())
                    .put("reason", a.path("recordedScoresReason").asText()).put("by", a.path("recordedScoresBy").asText());
        });
        a.remove(List.of("recordedScoresByStatement", "recordedScoresReason", "recordedScoresBy"));
        scores.forEach((st, sc) -> list.addObject().put("statement", st).put("score", sc)
                .put("reason", "sensitivity: what if this statement scored " + sc).put("by", "Assessor sensitivity"));
        a.set("recordedScores", list);
        return this;
    }

    byte[] bytes() throws IOException {
        return MAPPER.writeValueAsBytes(doc);
    }
}
