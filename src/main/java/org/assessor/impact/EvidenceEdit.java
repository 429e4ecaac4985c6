package org.assessor.impact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * Edits a fixture's evidence.json in memory for {@code what-if}: {@code <evidence-id>.<field>=<value>} sets a
 * metric's value, unit, measure or period, a benchmark's value ({@code benchmark.<kind>}), an observation's field, or
 * an item's statement or category. A changed extent keeps the observation's cue, or takes the whole quote as its cue
 * when it had none. The file is never touched.
 */
public final class EvidenceEdit {
    static final List<String> METRIC_FIELDS = List.of("value", "unit", "measure", "period");
    static final List<String> OBSERVATION_FIELDS = List.of("theme", "direction", "kind", "extent", "cue", "impact", "who");
    static final List<String> ITEM_FIELDS = List.of("statement", "category");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A change that cannot be made, with the reason in plain words. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private EvidenceEdit() {}

    /** The evidence with every assignment applied, as JSON bytes. */
    public static byte[] apply(byte[] evidence, String shown, List<String> assignments) throws IOException, Refused {
        ObjectNode doc = (ObjectNode) JSON.readTree(evidence);
        for (String s : assignments) apply(doc, s, shown);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    }

    private static void apply(ObjectNode doc, String assignment, String shown) throws Refused {
        int eq = assignment.indexOf('=');
        int dot = assignment.indexOf('.');
        if (eq < 0 || dot < 0 || dot > eq) throw new Refused("expected <evidence-id>.<field>=<value>, found '" + assignment + "'");
        // An id may itself hold dots (sdc.06): the longest evidence id the assignment starts with, then a dot, wins.
        JsonNode item = null;
        String id = assignment.substring(0, dot);
        for (JsonNode e : doc.path("evidence")) {
            String candidate = e.path("id").asText();
            if (assignment.startsWith(candidate + ".") && candidate.length() + 1 < eq
                    && (item == null || candidate.length() > item.path("id").asText().length())) {
                item = e;
                id = candidate;
            }
        }
        if (item == null) throw new Refused("no evidence item with id '" + id + "' in " + shown);
        String field = assignment.substring(id.length() + 1, eq);
        String value = assignment.substring(eq + 1);
        if (field.startsWith("benchmark.")) {
            String kind = field.substring("benchmark.".length());
            for (JsonNode b : item.path("metric").path("benchmarks")) {
                if (kind.equals(b.path("kind").asText())) {
                    ((ObjectNode) b).put("value", number(value, assignment));
                    return;
                }
            }
            throw new Refused("evidence '" + id + "' has no benchmark of kind '" + kind + "'");
        }
        if (METRIC_FIELDS.contains(field) && item.has("metric")) {
            ObjectNode m = (ObjectNode) item.get("metric");
            if (field.equals("value")) m.put(field, number(value, assignment)); else m.put(field, value);
        } else if (OBSERVATION_FIELDS.contains(field) && item.has("observation")) {
            ObjectNode o = (ObjectNode) item.get("observation");
            o.put(field, value);
            // An extent needs a cue found in the quote; unless one is given too, the whole quote serves.
            if (field.equals("extent") && !o.has("cue")) o.put("cue", item.path("source").path("quote").asText());
        } else if (ITEM_FIELDS.contains(field)) {
            ((ObjectNode) item).put(field, value);
        } else {
            throw new Refused("evidence '" + id + "' has no field '" + field + "' that can be set; expected one of "
                    + (item.has("metric") ? METRIC_FIELDS + " or benchmark.<kind>" : OBSERVATION_FIELDS) + " or " + ITEM_FIELDS);
        }
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** A plain decimal number as a fixture writes it (not 0x1p5, 54d, 1e3 or NaN). */
    private static double number(String value, String assignment) throws Refused {
        if (!DECIMAL.matcher(value).matches()) {
            throw new Refused("expected a plain decimal number in '" + assignment + "' (such as 92 or 56.06), found '"
                    + value + "'");
        }
        return Double.parseDouble(value);
    }
}
