package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** explain names the rules, evidence and quotes behind a score, and finds by re-running what would change it. */
class ExplainCommandTest {

    @Test
    void freedomToSpeakUpShowsItsScoreFindingsAndSurveyFigures() {
        var run = TestSupport.cli("explain", "fixtures/cpft-well-led-2025", "--statement", "freedom-to-speak-up");
        assertThat(run.code()).isEqualTo(0);
        assertThat(run.out())
                .contains("- Freedom to speak up: 2 of 4, scored from the evidence")
                .contains("arithmetic: 10 findings: material shortfalls on 5 topics, 1 neutral reading, 1 description, 1 "
                        + "good result (7 topics from 3 independent sources) → a good standard: 3 points not a shortfall "
                        + "(base 3), limited to 2")
                .contains("cap: at most 2: material shortfalls on 5 topics")
                .contains("finding graded 3 from fsu-01 (staff-and-leaders-feedback): 69.26% against 68.1% (national average")
                .contains("finding graded 2 from fsu-02 (staff-and-leaders-feedback): 53.3% against 56.06% (national average")
                .contains("— A value worse than an average shows some shortfalls [EV-BM-02]")
                .contains("A value worse than an average shows some shortfalls [EV-BM-02]: Falling short of the average")
                .contains("source (Freedom to speak up): \"The 2023 NHS Staff Survey showed that 69.26% of staff agreed")
                .contains("evidence categories with no evidence (missing is not failing): Observation; Outcomes; Feedback from "
                        + "partners; People's experience of health and care services")
                .doesNotContain("Shared direction and culture:");
    }

    @Test
    void everyLimiterIsListedWithItsState() {
        var run = TestSupport.cli("explain", "fixtures/boundaries/limiter-good-band-with-a-1", "--no-sensitivity");
        assertThat(run.out())
                .contains("M-KQ-03 A key question in the Good band with a statement of significant shortfalls is limited to "
                        + "Requires improvement: applies and lowers the rating: at most Requires improvement "
                        + "(1 statement scored 1 (significant shortfalls))")
                .contains("M-KQ-04 A key question in the Outstanding band with a statement of shortfalls is limited to Good: "
                        + "does not apply here")
                .contains("M-KQ-05 A breach of regulations caps its key question at Requires improvement: does not apply here");
    }

    @Test
    void sensitivityOnABoundaryCaseMatchesTheArithmeticByHand() {
        // 2,2,3,3,2,3,2,3 = 20 of 32 = 62.5% (Good). One point down is 19 of 32 (Requires improvement).
        // Up to Outstanding needs 28 of 32 (87.5%) and no statement at 2: raise the four 2s, then four 3s: 8 points.
        var run = TestSupport.cli("explain", "fixtures/boundaries/raw-62-5-rounds-half-even");
        assertThat(run.code()).isEqualTo(0);
        assertThat(run.out()).contains("- up to Outstanding: 8 points — ").contains("- down to Requires improvement: 1 point — ");
    }

    @Test
    void aMeasuredValueShowsTheNearestValueJudgedDifferently() {
        // 71% against the 90% policy target: 10% short (81%) is still a significant shortfall; just above it is not.
        var run = TestSupport.cli("explain", "fixtures/cpft-well-led-2025", "--statement",
                "governance-management-and-sustainability");
        assertThat(run.out()).contains("gov-11 71% (graded 1 against target training.violence-and-aggression-prevention-"
                + "compliance): at 81.01% (10.01 higher; higher is better) graded 2 against target training.violence-and-"
                + "aggression-prevention-compliance; governance-management-and-sustainability would still score 2");
    }

    @Test
    void jsonCarriesTheResultWithItsGraphAndTheSensitivity() throws Exception {
        var run = TestSupport.cli("explain", "fixtures/boundaries/raw-62-5-rounds-half-even", "--format", "json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/result/derivation/edges").size()).isGreaterThan(10);
        assertThat(json.at("/keyQuestions/0/up/points").asInt()).isEqualTo(8);
        assertThat(json.at("/keyQuestions/0/down/target").asText()).isEqualTo("Requires improvement");
    }

    @Test
    void anUnknownStatementIsAUsageError() {
        var run = TestSupport.cli("explain", "fixtures/cpft-well-led-2025", "--statement", "freedom");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("statement 'freedom' is not in this assessment");
    }
}
