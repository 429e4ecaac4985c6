package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assessor.result.Assessor;
import org.assessor.casebook.CaseRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner reports expected against actual, with the why, when a case does not hold; and passes its twin. */
class CaseRunnerTest {
    @TempDir Path tmp;

    @Test
    void aWrongExpectationFailsWithExpectedAgainstActual() throws Exception {
        var r = runWithExpectedEdited("fixtures/boundaries/raw-62-5-rounds-half-even",
                "\"percentage\": 62", "\"percentage\": 63");
        assertThat(r.passed()).isFalse();
        assertThat(r.differences()).containsExactly(
                "well-led percentage: expected 63, actual 62 (20 of 32 = 62.5%)");
    }

    @Test
    void nullInExpectationsMeansNotScoredAndIsChecked() throws Exception {
        var r = runWithExpectedEdited("fixtures/boundaries/unscored-left-out-of-percentage",
                "\"freedom-to-speak-up\": 3", "\"freedom-to-speak-up\": null");
        assertThat(r.passed()).isFalse();
        assertThat(r.differences()).singleElement().asString()
                .startsWith("statement freedom-to-speak-up score: expected not scored, actual 3");
        // The twin, whose nulls are statements without evidence, passes.
        assertThat(new CaseRunner(new Assessor(Path.of("rules")))
                .run(Path.of("fixtures/boundaries/unscored-left-out-of-percentage")).passed()).isTrue();
    }

    @Test
    void theUnchangedTwinPasses() throws Exception {
        var r = new CaseRunner(new Assessor(Path.of("rules"))).run(Path.of("fixtures/boundaries/raw-62-5-rounds-half-even"));
        assertThat(r.passed()).isTrue();
    }

    @Test
    void aBrokenRuleMakesTheSeedFailWithTheStatementNamed() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        // Deliberately break the corroboration rule: it now needs 3 categories, so shared direction stays at 2.
        TestSupport.replace(rules.resolve("policy/register.csv"),
                "statement.corroborating-categories,method,count,2,", "statement.corroborating-categories,method,count,3,");
        var r = new CaseRunner(new Assessor(rules)).run(Path.of("fixtures/cpft-well-led-2025"));
        assertThat(r.passed()).isFalse();
        assertThat(r.differences()).anySatisfy(d -> assertThat(d)
                .startsWith("statement shared-direction-and-culture score: expected 1, actual 2"));
        assertThat(r.differences()).anySatisfy(d -> assertThat(d)
                .startsWith("rule M-STMT-04: expected to fire, it did not"));
    }

    @Test
    void aFixtureWithoutExpectationsIsReportedNotSkipped() throws Exception {
        Path fixture = tmp.resolve("bare");
        TestSupport.copy(Path.of("fixtures/boundaries/raw-62-5-rounds-half-even"), fixture);
        java.nio.file.Files.delete(fixture.resolve("expected.json"));
        var run = TestSupport.cli("test", fixture.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("no expected.json").endsWith("0 passed, 1 failed\n");
    }

    /** Runs a copy of a fixture whose expected.json has one edit. */
    private org.assessor.casebook.CaseResult runWithExpectedEdited(String fixture, String from, String to) throws Exception {
        Path copy = tmp.resolve("case");
        TestSupport.copy(Path.of(fixture), copy);
        TestSupport.replace(copy.resolve("expected.json"), from, to);
        return new CaseRunner(new Assessor(Path.of("rules"))).run(copy);
    }
}
