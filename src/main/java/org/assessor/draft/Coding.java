package org.assessor.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;

/**
 * One coder's coding of one report, held while it is coded on the coding page: the fixture (its items, some still
 * suggestions) and the report's sentences from the draft. Edits change it in memory; {@link #save} writes both files,
 * each whole and then moved into place. Every field a coder sets stops being a suggestion; accepting an item takes
 * every suggestion of it as the coder's.
 */
public final class Coding {
    /** The fields of an observation and of a metric as the page edits them. */
    public static final List<String> OBSERVATION_FIELDS = List.of("theme", "direction", "kind", "extent", "cue", "impact",
            "who");

    private final Path folder;
    private ObjectNode fixture;
    private ObjectNode sentences;
    private boolean changed;

    private Coding(Path folder, ObjectNode fixture, ObjectNode sentences) {
        this.folder = folder;
        this.fixture = fixture;
        this.sentences = sentences;
    }

    /** Opens the coding saved in a folder (evidence.json, and draft.json when the draft wrote one). */
    public static Coding open(Path folder) throws InvalidInputException {
        Path evidence = folder.resolve(EvidenceLoader.EVIDENCE_FILE);
        Path side = folder.resolve(Draft.SENTENCES_FILE);
        try {
            JsonNode f = Draft.JSON.readTree(Files.readAllBytes(evidence));
            if (!(f instanceof ObjectNode fo) || !(fo.get("evidence") instanceof ArrayNode)) {
                throw new InvalidInputException(new Problem(evidence.toString(), 1, 1, "expected a fixture: an object "
                        + "with \"assessment\" and \"evidence\""));
            }
            ObjectNode s = Files.isRegularFile(side) && Draft.JSON.readTree(Files.readAllBytes(side)) instanceof ObjectNode so
                    ? so : Draft.JSON.createObjectNode();
            return new Coding(folder, fo, s);
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(evidence.toString(), 0, 0, "cannot be read: " + e.getMessage()));
        }
    }

    /** A new coding from a draft, to be saved in {@code folder}. */
    public static Coding of(Path folder, Draft.Made made) {
        try {
            return new Coding(folder, (ObjectNode) Draft.JSON.readTree(made.evidence()),
                    (ObjectNode) Draft.JSON.readTree(made.sentences()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path folder() {
        return folder;
    }

    public boolean changed() {
        return changed;
    }

    public String framework() {
        String f = fixture.path("assessment").path("framework").asText("");
        return f.isEmpty() ? sentences.path("framework").asText("") : f;
    }

    public ArrayNode items() {
        return (ArrayNode) fixture.get("evidence");
    }

    public ObjectNode item(int i) {
        return (ObjectNode) items().get(i);
    }

    public int size() {
        return items().size();
    }

    /** The fields of an item still suggested. */
    public static List<String> suggested(JsonNode item) {
        List<String> out = new ArrayList<>();
        item.path("suggested").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The first item still holding a suggestion (where a coder who stopped carries on), or 0 when none does. */
    public int firstUnaccepted() {
        for (int i = 0; i < size(); i++) if (!suggested(item(i)).isEmpty()) return i;
        return 0;
    }

    public int unaccepted() {
        int n = 0;
        for (JsonNode i : items()) if (!suggested(i).isEmpty()) n++;
        return n;
    }

    public List<String> envelopeSuggested() {
        List<String> out = new ArrayList<>();
        fixture.path("assessment").path("suggested").forEach(n -> out.add(n.asText()));
        return out;
    }

    public ObjectNode envelope() {
        return (ObjectNode) fixture.get("assessment");
    }

    /** The report's sentences (empty for a fixture coded without a draft). */
    public List<JsonNode> sentences() {
        List<JsonNode> out = new ArrayList<>();
        sentences.path("sentences").forEach(out::add);
        return out;
    }

    public boolean finished() {
        return sentences.path("finished").asBoolean(false);
    }

    /**
     * Sets fields of an item, each then the coder's (no longer suggested). {@code fields}: statement, category, type
     * ("observation" or "metric"), the observation's fields, and the metric's (measure, value, unit, period); an empty
     * extent removes extent and cue.
     */
    public void set(int i, Map<String, String> fields) {
        ObjectNode item = item(i);
        List<String> suggested = suggested(item);
        for (var e : fields.entrySet()) {
            String k = e.getKey();
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (k) {
                case "statement", "category" -> item.put(k, v);
                case "theme", "direction", "kind", "impact" -> observation(item).put(k, v);
                case "extent" -> {
                    if (v.isEmpty()) {
                        observation(item).remove("extent");
                        observation(item).remove("cue");
                    } else {
                        observation(item).put("extent", v);
                    }
                }
                case "cue" -> {
                    if (v.isEmpty()) observation(item).remove("cue"); else observation(item).put("cue", v);
                }
                case "who" -> {
                    List<String> who = List.of(v.split("\\s*,\\s*"));
                    if (who.size() == 1) observation(item).put("who", who.get(0));
                    else observation(item).set("who", Draft.JSON.valueToTree(who));
                }
                case "measure" -> {
                    // A catalogued measure takes its name and direction from the catalogue; none keeps the text's.
                    if (!v.isEmpty()) {
                        metric(item).remove("name");
                        metric(item).remove("better");
                        metric(item).put("measure", v);
                    }
                }
                case "unit", "period" -> metric(item).put(k, v);
                case "value" -> {
                    try {
                        metric(item).put("value", Double.parseDouble(v));
                    } catch (NumberFormatException ex) {
                        metric(item).put("value", v); // the loader says what is wrong, beside the item
                    }
                }
                default -> throw new IllegalArgumentException("no such field: " + k);
            }
            suggested.remove(k.equals("cue") ? "extent" : k);
        }
        keep(item, suggested);
        changed = true;
    }

    /** Accepts an item: every suggestion left is taken as the coder's. */
    public void accept(int i) {
        item(i).remove("suggested");
        changed = true;
    }

    /** Accepts the assessment's suggestions (provider, service type, scope, date). */
    public void acceptEnvelope(Map<String, String> fields) {
        ObjectNode env = envelope();
        fields.forEach((k, v) -> {
            if (List.of("provider", "serviceType", "scope", "assessmentDate").contains(k) && v != null && !v.isBlank()) {
                env.put(k, v.strip());
            }
        });
        env.remove("suggested");
        changed = true;
    }

    /** Leaves an item out of the coding: its sentence stays in the report's text, marked as left out by the coder. */
    public void leaveOut(int i) {
        String quote = item(i).path("source").path("quote").asText();
        items().remove(i);
        boolean still = false;
        for (JsonNode other : items()) if (other.path("source").path("quote").asText().equals(quote)) still = true;
        if (!still) {
            for (JsonNode s : sentences.path("sentences")) {
                if (quote.contains(s.path("text").asText()) && s instanceof ObjectNode o) o.put("leftOut", true);
            }
        }
        changed = true;
    }

    /**
     * Codes a sentence that has no item (the draft marked it not evidence, or the coder left it out): its suggested
     * items are added after the items before it in the report, and the sentence is no longer marked. Returns the index
     * of the first new item.
     */
    public int codeSentence(String sentenceId, org.assessor.ruleset.Framework framework,
                            org.assessor.ruleset.CodingWords words) {
        ObjectNode sentence = null;
        int position = -1;
        List<JsonNode> all = sentences();
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).path("id").asText().equals(sentenceId)) {
                sentence = (ObjectNode) all.get(k);
                position = k;
            }
        }
        if (sentence == null) throw new IllegalArgumentException("no sentence '" + sentenceId + "' in this coding's report");
        String serviceType = envelope().path("serviceType").asText();
        var type = framework.serviceTypes().get(serviceType);
        java.util.Set<String> categories = new java.util.LinkedHashSet<>(type == null
                ? framework.categories().keySet() : type.evidenceCategories());
        String date = envelope().path("assessmentDate").asText("");
        String year = date.length() >= 4 ? date.substring(0, 4) : "";
        String document = items().size() > 0 ? item(0).path("source").path("document").asText()
                : sentences.path("report").asText("the report");
        var s = new Sections.Sentence(sentence.path("statement").asText(), sentence.path("section").asText(),
                sentence.path("where").asText(), sentence.path("text").asText(), null);
        java.util.Set<String> ids = new java.util.HashSet<>();
        items().forEach(i -> ids.add(i.path("id").asText()));
        List<Map<String, Object>> made = Draft.itemsFor(framework, words, categories, year, document, s, ids::contains);
        // After the last item whose quote holds a sentence before this one.
        int at = 0;
        for (int k = 0; k < position; k++) {
            String text = all.get(k).path("text").asText();
            for (int i = 0; i < size(); i++) {
                if (item(i).path("source").path("quote").asText().contains(text)) at = Math.max(at, i + 1);
            }
        }
        for (int k = 0; k < made.size(); k++) items().insert(at + k, Draft.JSON.valueToTree(made.get(k)));
        sentence.remove("notEvidence");
        sentence.remove("leftOut");
        changed = true;
        return at;
    }

    /** Marks the coding finished (every item accepted): a second coder's agreement page may then show it. */
    public void finish(boolean done) {
        sentences.put("finished", done);
        changed = true;
    }

    private static ObjectNode observation(ObjectNode item) {
        if (!(item.get("observation") instanceof ObjectNode o)) {
            throw new IllegalArgumentException("item '" + item.path("id").asText() + "' is a metric, not an observation");
        }
        return o;
    }

    private static ObjectNode metric(ObjectNode item) {
        if (!(item.get("metric") instanceof ObjectNode o)) {
            throw new IllegalArgumentException("item '" + item.path("id").asText() + "' is an observation, not a metric");
        }
        return o;
    }

    private static void keep(ObjectNode item, List<String> suggested) {
        if (suggested.isEmpty()) item.remove("suggested");
        else item.set("suggested", Draft.JSON.valueToTree(suggested));
    }

    /** Replaces an item by another coding's item (the pair settling a disagreement), or adds it when missing. */
    public void put(JsonNode from) {
        String id = from.path("id").asText();
        for (int i = 0; i < size(); i++) {
            if (item(i).path("id").asText().equals(id)) {
                items().set(i, from.deepCopy());
                changed = true;
                return;
            }
        }
        items().add(from.deepCopy());
        changed = true;
    }

    /** The fixture's JSON as it stands. */
    public byte[] bytes() {
        try {
            return Draft.JSON.writeValueAsBytes(fixture);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sentences' JSON as it stands. */
    public byte[] sentenceBytes() {
        try {
            return Draft.JSON.writeValueAsBytes(sentences);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the coding: draft.json then evidence.json, each whole and moved into place. {@code check} is run on the
     * fixture first (counting suggestions as coded); its problems are returned and nothing is written.
     */
    public List<Problem> save(Checker check) throws IOException {
        List<Problem> problems = check.problems(EvidenceLoader.asCoded(bytes()),
                folder.resolve(EvidenceLoader.EVIDENCE_FILE).toString());
        if (!problems.isEmpty()) return problems;
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (sentences.size() > 0) files.put(Draft.SENTENCES_FILE, sentenceBytes());
        files.put(EvidenceLoader.EVIDENCE_FILE, bytes());
        DraftFiles.write(folder, files);
        changed = false;
        return List.of();
    }

    /** Loads a fixture's bytes and gives its problems (none when it loads). */
    public interface Checker {
        List<Problem> problems(byte[] fixture, String shown);
    }

    /** The first line of each evidence item in a fixture's JSON, so a problem at a line can be shown beside its item. */
    public static int[] itemLines(byte[] json) {
        List<Integer> found = new ArrayList<>();
        try (var p = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
            int depth = 0;
            boolean inEvidence = false;
            int index = -1;
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && depth == 1) {
                    inEvidence = p.currentName().equals("evidence");
                }
                if (t.isStructStart()) {
                    depth++;
                    if (inEvidence && depth == 3 && t == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                        index++;
                        found.add(p.currentTokenLocation().getLineNr());
                    }
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
        } catch (IOException e) {
            return new int[0];
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The item a line of a fixture's JSON belongs to (-1: the assessment, before the first item). */
    public static int itemAtLine(byte[] json, int line) {
        int[] lines = itemLines(json);
        int found = -1;
        for (int i = 0; i < lines.length; i++) if (lines[i] <= line) found = i;
        return found;
    }

    /** The index of the item at a JSON pointer's evidence position ("/evidence/3/…" is 3), or -1. */
    public static int itemAt(String pointer) {
        if (pointer == null || !pointer.startsWith("/evidence/")) return -1;
        String rest = pointer.substring("/evidence/".length());
        int slash = rest.indexOf('/');
        try {
            return Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
