package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assessor.result.Assessor;
import org.assessor.report.JsonReporter;
import org.assessor.result.Result;

/** Properties of the method over generated assessments: monotone, deterministic, consistent, and traceable. */
class MethodPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WELL_LED = List.of("shared-direction-and-culture",
            "capable-compassionate-and-inclusive-leaders", "freedom-to-speak-up", "workforce-equality-diversity-and-inclusion",
            "governance-management-and-sustainability", "partnerships-and-communities", "learning-improvement-and-innovation",
            "environmental-sustainability");
    private static final List<String> RATINGS = List.of("Inadequate", "Requires improvement", "Good", "Outstanding");
    private static Assessor assessor;

    private static Assessor assessor() throws Exception {
        if (assessor == null) assessor = new Assessor(Path.of("rules"));
        return assessor;
    }

    /** A generated assessment: scope, date, recorded statement scores (null: not scored), breach, previous ratings. */
    record Generated(boolean trust, boolean before2024Dec, List<Integer> scores, boolean breach, List<String> previous) {

        byte[] json() throws Exception {
            ObjectNode a = JSON.createObjectNode();
            a.put("provider", "Generated provider (synthetic)");
            a.put("serviceType", trust ? "nhs-trust" : "gp-practice");
            a.put("scope", trust ? "nhs-trust-well-led" : "service-well-led");
            a.put("assessmentDate", before2024Dec ? "2024-06-01" : "2025-06-01");
            ArrayNode rec = a.putArray("recordedScores");
            List<String> statements = trust ? WELL_LED : WELL_LED.subList(0, 7);
            for (int i = 0; i < statements.size(); i++) {
                if (scores.get(i) == null) continue;
                rec.addObject().put("statement", statements.get(i)).put("score", scores.get(i)).put("reason", "generated")
                        .put("by", "generator");
            }
            ArrayNode prev = a.putArray("previousRatings");
            List<String> others = List.of("safe", "effective", "caring", "responsive");
            if (!trust) for (int i = 0; i < previous.size(); i++) prev.addObject().put("keyQuestion", others.get(i)).put("rating", previous.get(i));
            prev.addObject().put("keyQuestion", "well-led").put("rating", "Requires improvement");
            if (breach) a.putArray("breaches").addObject().put("keyQuestion", "well-led").put("regulation", "Regulation 17")
                    .put("description", "generated");
            ObjectNode doc = JSON.createObjectNode();
            doc.set("assessment", a);
            doc.putArray("evidence");
            return JSON.writeValueAsBytes(doc);
        }

        Generated raise(int index) {
            List<Integer> s = new ArrayList<>(scores);
            s.set(index, s.get(index) + 1);
            return new Generated(trust, before2024Dec, s, breach, previous);
        }
    }

    @Provide
    Arbitrary<Generated> assessments() {
        Arbitrary<Integer> score = Arbitraries.integers().between(1, 4).injectNull(0.1);
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), score.list().ofSize(8),
                        Arbitraries.of(true, false).injectDuplicates(0.0), Arbitraries.of(RATINGS).list().ofSize(4))
                .as((trust, before, scores, breach, previous) -> new Generated(trust, before, scores, breach && scores.get(0) != null, previous))
                .filter(g -> g.scores().stream().limit(g.trust() ? 8 : 7).anyMatch(java.util.Objects::nonNull));
    }

    private static Result evaluate(Generated g) throws Exception {
        return assessor().evaluate(g.json(), "generated");
    }

    private static int rank(String rating) {
        return RATINGS.indexOf(rating) + 1; // "Not rated" ranks 0
    }

    private static Result.KeyQuestionView wellLed(Result r) {
        return r.keyQuestions().stream().filter(k -> k.id().equals("well-led")).findFirst().orElseThrow();
    }

    @Property(tries = 120, seed = "20251125")
    void raisingAnyStatementScoreNeverLowersTheRatings(@ForAll("assessments") Generated g) throws Exception {
        Result before = evaluate(g);
        int n = g.trust() ? 8 : 7;
        for (int i = 0; i < n; i++) {
            if (g.scores().get(i) == null || g.scores().get(i) == 4) continue;
            Result after = evaluate(g.raise(i));
            assertThat(rank(wellLed(after).rating().rating())).as("well-led after raising statement " + i)
                    .isGreaterThanOrEqualTo(rank(wellLed(before).rating().rating()));
            assertThat(rank(after.overall().rating())).as("overall after raising statement " + i)
                    .isGreaterThanOrEqualTo(rank(before.overall().rating()));
        }
    }

    @Property(tries = 120, seed = "20251125")
    void theDisplayedPercentageAndBandFollowTheMethodsDefinition(@ForAll("assessments") Generated g) throws Exception {
        var kq = wellLed(evaluate(g));
        List<Integer> scored = new ArrayList<>();
        int n = g.trust() ? 8 : 7;
        for (int i = 0; i < n; i++) {
            Integer s = g.scores().get(i);
            if (s != null) scored.add(s);
            else if (g.before2024Dec()) scored.add(2); // carried from the previous rating, Requires improvement
        }
        int sum = scored.stream().mapToInt(Integer::intValue).sum();
        double raw = 100.0 * sum / (4.0 * scored.size());
        assertThat(kq.score().raw()).isEqualTo(raw);
        assertThat(kq.score().shown()).isEqualTo(BigDecimal.valueOf(raw).setScale(0, RoundingMode.HALF_EVEN).intValueExact());
        String band = raw >= 87.5 ? "Outstanding" : raw >= 62.5 ? "Good" : raw >= 37.5 ? "Requires improvement" : "Inadequate";
        assertThat(kq.band().rating()).isEqualTo(band);
        assertThat(kq.band().boundary()).isEqualTo(raw == 87.5 || raw == 62.5 || raw == 37.5);
    }

    @Property(tries = 60, seed = "20251125")
    void everyStatementScoreDerivesFromEvidenceOrARecordedJudgement(@ForAll("assessments") Generated g) throws Exception {
        JsonNode json = JSON.readTree(JsonReporter.mapper().writeValueAsString(evaluate(g)));
        var edges = new HashMap<String, JsonNode>();
        json.at("/derivation/edges").forEach(e -> edges.put(e.get("fact").asText(), e));
        for (String score : edges.keySet().stream().filter(k -> k.startsWith("statement-score/")).toList()) {
            var reached = new HashSet<String>();
            var todo = new ArrayList<>(List.of(score));
            while (!todo.isEmpty()) {
                String k = todo.remove(todo.size() - 1);
                if (!reached.add(k) || !edges.containsKey(k)) continue;
                edges.get(k).get("premises").forEach(p -> todo.add(p.asText()));
            }
            assertThat(reached).as(score).anyMatch(k -> k.startsWith("evidence/") || k.startsWith("recorded-score/")
                    || k.startsWith("previous-rating/"));
        }
    }

    @Property(tries = 25, seed = "20251125")
    void theResultDoesNotDependOnTheOrderOfEvidenceItems(@ForAll long seed) throws Exception {
        byte[] original = Files.readAllBytes(Path.of("fixtures/cpft-well-led-2025/evidence.json"));
        ObjectNode doc = (ObjectNode) JSON.readTree(original);
        List<JsonNode> items = new ArrayList<>();
        doc.get("evidence").forEach(items::add);
        Collections.shuffle(items, new Random(seed));
        ArrayNode shuffled = JSON.createArrayNode();
        items.forEach(shuffled::add);
        doc.set("evidence", shuffled);
        String a = withoutFixtureDigest(assessor().evaluate(original, "seed"));
        String b = withoutFixtureDigest(assessor().evaluate(JSON.writeValueAsBytes(doc), "seed"));
        assertThat(b).isEqualTo(a);
    }

    private static String withoutFixtureDigest(Result r) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(JsonReporter.mapper().writeValueAsString(r));
        ((ObjectNode) json.get("provenance")).remove("fixtureDigest");
        return JsonReporter.mapper().writeValueAsString(json);
    }
}
