package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assessor.batch.Generator;
import org.assessor.report.JsonReporter;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.assessor.ruleset.Framework;

/**
 * A statement is judged by its material findings, not by how the report was cut into items: over generated
 * assessments of both frameworks, scored statement by statement, duplicating an item, splitting one quote into two items
 * with the same coding, or adding any number of positive descriptions of little effect on people changes no score;
 * filing the items in another order changes nothing in the result; and adding a material shortfall never raises a
 * score. In the evidence-category regime the same holds within the categories an assessment already has evidence in.
 */
class StatementInvarianceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Assessor assessor;

    private static Assessor assessor() throws Exception {
        if (assessor == null) assessor = new Assessor(Path.of("rules"));
        return assessor;
    }

    /** One generated assessment of a framework (the default, or the council one for odd seeds), in a stated regime. */
    private static ObjectNode generated(int seed, String regime) throws Exception {
        Framework fw = seed % 2 == 0 ? assessor().framework()
                : Framework.load(Path.of("rules"), "local-authority");
        StringWriter out = new StringWriter();
        new Generator(fw, seed).write(1, out);
        ObjectNode doc = (ObjectNode) JSON.readTree(out.toString().strip());
        if (fw.regimes().stream().anyMatch(r -> r.id().equals(regime))) {
            ((ObjectNode) doc.get("assessment")).put("regime", regime);
        }
        return doc;
    }

    private static Result evaluate(ObjectNode doc) throws Exception {
        return assessor().evaluate(JSON.writeValueAsBytes(doc), "generated");
    }

    /** Each statement's score, by id (null: not scored). */
    private static Map<String, Integer> scores(Result r) {
        Map<String, Integer> out = new TreeMap<>();
        r.keyQuestions().forEach(k -> k.statements().forEach(s -> out.put(s.id(), s.score())));
        return out;
    }

    private static ArrayNode evidence(ObjectNode doc) {
        return (ArrayNode) doc.get("evidence");
    }

    @Property(tries = 40)
    void duplicatingAnItemChangesNoScore(@ForAll @IntRange(min = 1, max = 100_000) int seed,
                                         @ForAll @IntRange(min = 0, max = 1000) int pick) throws Exception {
        for (String regime : List.of("statement", "evidence-category")) {
            ObjectNode doc = generated(seed, regime);
            Map<String, Integer> before = scores(evaluate(doc));
            ArrayNode items = evidence(doc);
            ObjectNode twin = items.get(pick % items.size()).deepCopy();
            twin.put("id", twin.get("id").asText() + "-again");
            items.add(twin);
            assertThat(scores(evaluate(doc))).as(regime).isEqualTo(before);
        }
    }

    @Property(tries = 40)
    void splittingAQuoteIntoTwoItemsChangesNoScore(@ForAll @IntRange(min = 1, max = 100_000) int seed,
                                                    @ForAll @IntRange(min = 0, max = 1000) int pick) throws Exception {
        for (String regime : List.of("statement", "evidence-category")) {
            ObjectNode doc = generated(seed, regime);
            Map<String, Integer> before = scores(evaluate(doc));
            ArrayNode items = evidence(doc);
            int i = pick % items.size();
            ObjectNode first = (ObjectNode) items.get(i);
            ObjectNode second = first.deepCopy();
            second.put("id", first.get("id").asText() + "-b");
            String[] halves = halves(first);
            ((ObjectNode) first.get("source")).put("quote", halves[0]);
            ((ObjectNode) second.get("source")).put("quote", halves[1]);
            items.insert(i + 1, second);
            assertThat(scores(evaluate(doc))).as(regime).isEqualTo(before);
        }
    }

    /** A quote cut in two, each half keeping the extent's cue when the item has one. */
    private static String[] halves(ObjectNode item) {
        String quote = item.get("source").get("quote").asText();
        JsonNode cue = item.path("observation").path("cue");
        if (cue.isTextual()) {
            int at = quote.indexOf(cue.asText());
            return new String[] {quote.substring(0, at + cue.asText().length()), quote.substring(at)};
        }
        int mid = quote.indexOf(' ', quote.length() / 2);
        return mid < 0 ? new String[] {quote, quote} : new String[] {quote.substring(0, mid), quote.substring(mid + 1)};
    }

    @Property(tries = 40)
    void addingDescriptionsOfLittleEffectChangesNoScore(@ForAll @IntRange(min = 1, max = 100_000) int seed,
                                                        @ForAll @IntRange(min = 1, max = 25) int count) throws Exception {
        ObjectNode doc = generated(seed, "statement");
        Map<String, Integer> before = scores(evaluate(doc));
        ArrayNode items = evidence(doc);
        List<JsonNode> existing = new ArrayList<>();
        items.forEach(existing::add);
        Random random = new Random(seed);
        for (int n = 0; n < count; n++) {
            JsonNode like = existing.get(random.nextInt(existing.size()));
            ObjectNode pad = items.addObject();
            pad.put("id", "padding-" + n);
            pad.put("statement", like.get("statement").asText());
            pad.put("category", like.get("category").asText());
            pad.putObject("source").put("document", "Synthetic padding").put("section", "padding")
                    .put("quote", "A document of little effect on people existed (" + n + ").");
            ObjectNode o = pad.putObject("observation");
            o.put("theme", "padding " + n).put("direction", "positive").put("kind", "arrangement").put("impact", "low");
            o.put("who", speakerFor(like.get("category").asText()));
        }
        assertThat(scores(evaluate(doc))).isEqualTo(before);
    }

    @Property(tries = 30)
    void filingItemsInAnotherOrderChangesNothing(@ForAll @IntRange(min = 1, max = 100_000) int seed) throws Exception {
        ObjectNode doc = generated(seed, "statement");
        String before = withoutProvenance(evaluate(doc));
        List<JsonNode> shuffled = new ArrayList<>();
        evidence(doc).forEach(shuffled::add);
        Collections.shuffle(shuffled, new Random(seed));
        evidence(doc).removeAll();
        shuffled.forEach(evidence(doc)::add);
        assertThat(withoutProvenance(evaluate(doc))).isEqualTo(before);
    }

    /** The result as JSON without its provenance, whose fixture digest follows the bytes of the file. */
    private static String withoutProvenance(Result r) throws Exception {
        ObjectNode tree = (ObjectNode) JsonReporter.mapper().valueToTree(r);
        tree.remove("provenance");
        return JSON.writeValueAsString(tree);
    }

    @Property(tries = 40)
    void addingAMaterialShortfallNeverRaisesAScore(@ForAll @IntRange(min = 1, max = 100_000) int seed,
                                                    @ForAll @IntRange(min = 0, max = 1000) int pick,
                                                    @ForAll boolean widespread, @ForAll boolean high) throws Exception {
        ObjectNode doc = generated(seed, "statement");
        Map<String, Integer> before = scores(evaluate(doc));
        ArrayNode items = evidence(doc);
        JsonNode like = items.get(pick % items.size());
        ObjectNode shortfall = items.addObject();
        shortfall.put("id", "shortfall");
        shortfall.put("statement", like.get("statement").asText());
        shortfall.put("category", like.get("category").asText());
        shortfall.putObject("source").put("document", "Synthetic shortfall").put("section", "shortfall")
                .put("quote", "People were widely left waiting for care.");
        ObjectNode o = shortfall.putObject("observation");
        o.put("theme", "people left waiting").put("direction", "negative").put("kind", "outcome");
        if (widespread) o.put("extent", "widespread").put("cue", "widely");
        o.put("impact", high ? "high" : "moderate");
        o.put("who", speakerFor(like.get("category").asText()));
        Map<String, Integer> after = scores(evaluate(doc));
        before.forEach((st, score) -> {
            if (score != null && after.get(st) != null) assertThat(after.get(st)).as(st).isLessThanOrEqualTo(score);
        });
    }

    /** A speaker whose evidence is filed under the category (the framework data's whoCategories). */
    private static String speakerFor(String category) throws Exception {
        for (Framework fw : List.of(assessor().framework(), Framework.load(Path.of("rules"), "local-authority"))) {
            for (var e : fw.vocabulary().whoCategories().entrySet()) {
                if (e.getValue().contains(category)) return e.getKey();
            }
        }
        throw new IllegalStateException("no speaker files under " + category);
    }
}
