package org.assessor.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assessor.TestSupport.copy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assessor.engine.LiveSessionCheck;
import org.assessor.evidence.Fixtures;
import org.assessor.result.Assessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * "What would change it" asked of one live session (facts changed in place, truth maintenance re-deriving what
 * depended on them) gives exactly the answers of a fresh session per question on a changed evidence.json, on every
 * fixture: every rating step, every measured value's threshold and what it would move, and every coding change.
 */
class LiveSensitivityTest {
    private static final Path SEED = Path.of("fixtures/cpft-well-led-2025");
    private static Assessor assessor;

    @BeforeAll
    static void compile() throws Exception {
        assessor = new Assessor(Path.of("rules"));
    }

    /** The parts of an explanation that the search finds, as one comparable value. */
    record Found(List<Sensitivity.KeyQuestionSensitivity> keyQuestions, List<Sensitivity.MetricSensitivity> metrics,
                 List<Explanation.MetricSummary> summaries, CodingSensitivity.Report codings) {}

    static Found search(Assessor assessor, Path fixture, Reruns.Way way) throws Exception {
        Explanation x = Explanations.withSensitivity(assessor, fixture, Explanations.of(assessor, fixture), null, null, way);
        return new Found(x.keyQuestions(), x.metrics(), x.metricSummaries(), x.codings());
    }

    @Test
    void theShippedRulesCanBeAskedInALiveSession() {
        // Otherwise explain falls back to fresh sessions and the comparison below would not test the live session.
        assertThat(LiveSessionCheck.rulesThatWouldMissChanges(assessor.rules().kieBase())).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureGetsTheSameAnswersLiveAsFresh() throws Exception {
        List<Path> fixtures = Fixtures.under(Path.of("fixtures"));
        assertThat(fixtures).hasSizeGreaterThan(40);
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
            Found fresh = search(assessor, f, Reruns.Way.FRESH_JSON);
            Found live = search(assessor, f, Reruns.Way.LIVE);
            assertThat(live).isEqualTo(fresh);
        }));
    }

    @TestFactory
    Stream<DynamicTest> theFallbackOfFreshSessionsOnLoadedFactsGetsTheSameAnswers() {
        return Stream.of(SEED, Path.of("fixtures/boundaries/raw-62-5-rounds-half-even"))
                .map(f -> DynamicTest.dynamicTest(f.toString(), () -> assertThat(search(assessor, f,
                        Reruns.Way.FRESH_SESSIONS)).isEqualTo(search(assessor, f, Reruns.Way.FRESH_JSON))));
    }

    @Test
    void theSeedsSearchFindsMovesToCompare() throws Exception {
        // The comparison means something only if the search finds moves: on the seed, the oversight segment pac-02 at
        // 4 (intensive support) is a second evidence category of significant shortfalls, moving its statement from 2 to 1.
        Found live = search(assessor, SEED, Reruns.Way.LIVE);
        assertThat(live.metrics()).anySatisfy(m -> {
            assertThat(m.evidenceId()).isEqualTo("pac-02");
            assertThat(m.threshold()).isEqualTo(4.0);
            assertThat(m.statementScoreThen()).isEqualTo(1);
        });
        assertThat(live.keyQuestions()).allSatisfy(k -> assertThat(k.up().points() + k.down().points()).isPositive());
        assertThat(live.codings().statements()).anySatisfy(s -> assertThat(s.changesTried()).isPositive());
    }

    @Test
    void rulesALiveSessionWouldGetWrongAreFoundAndAskedInFreshSessions(@TempDir Path dir) throws Exception {
        // EV-OB-01 as it was written before: its first two conditions shared with EV-OB-02, added after it, so Drools
        // 10.2.0 splits its segment and leaves its accumulate's position stale (apache/incubator-kie issue 7109).
        Path rules = dir.resolve("rules");
        copy(Path.of("rules"), rules);
        Path drl = rules.resolve("evidence/observations.drl");
        String moved = """
                    $o : Observation($id : evidenceId, direction == "negative", extent == "widespread", impact != "low")
                    PolicyValue(id == "observation.corroborating-sources", $need : number)
                """;
        String before = """
                    PolicyValue(id == "observation.corroborating-sources", $need : number)
                    $o : Observation($id : evidenceId, direction == "negative", extent == "widespread", impact != "low")
                """;
        String text = Files.readString(drl);
        assertThat(text).contains(moved);
        Files.writeString(drl, text.replace(moved, before));
        Assessor old = new Assessor(rules);

        assertThat(LiveSessionCheck.rulesThatWouldMissChanges(old.rules().kieBase())).containsExactly(
                "Widespread negative evidence that matters to people and is corroborated shows significant shortfalls");
        var loaded = old.load(SEED);
        try (LiveReruns forcedLive = new LiveReruns(old, loaded, List.of());
             LiveReruns checked = new LiveReruns(old, loaded)) {
            // A live session on these rules keeps EV-OB-01's finding of lii-01 once lii-03, its only corroboration, meets
            // its target; a fresh session grades lii-01 2, uncorroborated.
            assertThat(grade(forcedLive.withMetricValue("lii-03", 6), "lii-01")).isEqualTo(1);
            assertThat(checked.live()).isFalse();
            assertThat(grade(checked.withMetricValue("lii-03", 6), "lii-01")).isEqualTo(2);
        }
    }

    private static int grade(org.assessor.result.Result r, String evidenceId) {
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).flatMap(s -> s.findings().stream())
                .filter(f -> f.evidenceId().equals(evidenceId)).findFirst().orElseThrow().grade();
    }
}
