package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate command: the seed's report in text and JSON, and exit codes for bad input and bad usage. */
class EvaluateCommandTest {
    @TempDir Path tmp;

    @Test
    void printsTheSeedScoreRatingAndStatementsWithQuotes() {
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025");
        assertThat(run.code()).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Well-led: 44 out of 100 — Requires improvement")
                .contains("14 of 32 (8 statements × 4) = 43.75%, shown as 44\n")
                .contains("band: Requires improvement: 43.75% is at least the cut-off 37.5% (band.requires-improvement.from")
                .contains("Freedom to speak up: 2 of 4, scored from the evidence")
                .contains("Environmental sustainability – sustainable development: 3 of 4, scored from the evidence")
                .contains("69.26% against 68.1% (national average")
                .contains("53.3% against 56.06% (national average")
                .contains("\"The 2023 NHS Staff Survey showed that 69.26% of staff agreed");
    }

    @Test
    void jsonCarriesTheDerivationGraphAndProvenance() throws Exception {
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--format", "json");
        assertThat(run.code()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/provenance/regime").asText()).isEqualTo("statement");
        assertThat(json.at("/provenance/rulesDigest").asText()).hasSize(64);
        assertThat(json.at("/provenance/fixtureDigest").asText()).hasSize(64);
        assertThat(json.at("/overall/rating").asText()).isEqualTo("Requires improvement");
        // The statement score for freedom to speak up traces back, edge by edge, to the evidence items fsu-01 and fsu-02.
        var edges = new java.util.HashMap<String, JsonNode>();
        json.at("/derivation/edges").forEach(e -> edges.put(e.get("fact").asText(), e));
        var reached = new java.util.HashSet<String>();
        var todo = new java.util.ArrayDeque<String>(java.util.List.of("statement-score/freedom-to-speak-up"));
        while (!todo.isEmpty()) {
            String k = todo.pop();
            if (!reached.add(k) || !edges.containsKey(k)) continue;
            edges.get(k).get("premises").forEach(p -> todo.push(p.asText()));
        }
        assertThat(reached).contains("evidence/fsu-01", "evidence/fsu-02", "evidence/fsu-04");
        assertThat(reached).noneMatch(k -> k.startsWith("evidence/gov-"));
    }

    @Test
    void everyStatementScoreDerivesFromEvidenceOrARecordedJudgement() throws Exception {
        for (String fixture : new String[] {"fixtures/cpft-well-led-2025", "fixtures/boundaries/raw-62-5-rounds-half-even"}) {
            JsonNode json = new ObjectMapper().readTree(TestSupport.cli("evaluate", fixture, "--format", "json").out());
            var edges = new java.util.HashMap<String, JsonNode>();
            json.at("/derivation/edges").forEach(e -> edges.put(e.get("fact").asText(), e));
            edges.keySet().stream().filter(k -> k.startsWith("statement-score/")).forEach(score -> {
                var reached = new java.util.HashSet<String>();
                var todo = new java.util.ArrayDeque<String>(java.util.List.of(score));
                while (!todo.isEmpty()) {
                    String k = todo.pop();
                    if (!reached.add(k) || !edges.containsKey(k)) continue;
                    edges.get(k).get("premises").forEach(p -> todo.push(p.asText()));
                }
                assertThat(reached).as(score).anyMatch(k -> k.startsWith("evidence/") || k.startsWith("recorded-score/"));
            });
        }
    }

    @Test
    void aBadFixtureExitsOneWithAPositionedMessage() throws Exception {
        Path f = tmp.resolve("evidence.json");
        Files.writeString(f, "{\"assessment\": {}, \"evidence\": []}");
        var run = TestSupport.cli("evaluate", f.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(f + ":1:").contains("missing field").contains("nothing was evaluated");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWrongOptionIsAUsageError() {
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--format", "pdf");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--format");
    }

    @Test
    void outputGoesToAFileWhole() throws Exception {
        Path out = tmp.resolve("result.json");
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--format", "json", "-o", out.toString());
        assertThat(run.code()).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(out.toFile()).at("/keyQuestions/4/score/shown").asInt()).isEqualTo(44);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("result.json");
        }
    }
}
