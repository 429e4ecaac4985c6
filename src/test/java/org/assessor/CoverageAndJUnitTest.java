package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test --coverage reports what fixtures reach; --coverage-min fails under it; --junit writes parseable JUnit XML. */
class CoverageAndJUnitTest {
    @TempDir Path tmp;

    @Test
    void oneFixtureLeavesRulesUnfiredAndFailsAFullCoverageMinimum() {
        var run = TestSupport.cli("test", "fixtures/boundaries/raw-62-5-rounds-half-even", "--coverage-min", "100");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out())
                .contains("never fired: EV-OB-01 \"Widespread negative evidence that matters to people and is corroborated shows "
                        + "significant shortfalls\"")
                .contains("band.good.from (register row 3) vs key-question and category-total percentages: 0 / 1 / 0")
                .contains("is below the minimum 100%")
                .endsWith("1 passed, 0 failed\n");
    }

    @Test
    void theShippedFixturesFireEveryShippedRule() {
        var run = TestSupport.cli("test", "fixtures", "--coverage-min", "100");
        assertThat(run.code()).as(run.out()).isEqualTo(0);
        assertThat(run.out()).containsPattern("rules fired: (\\d+) of \\1 \\(100%\\)");
    }

    @Test
    void junitXmlHasOneCasePerFixtureAndTheFailures() throws Exception {
        Path fixture = tmp.resolve("case");
        TestSupport.copy(Path.of("fixtures/boundaries/raw-87-5-on-cut-off"), fixture);
        TestSupport.replace(fixture.resolve("expected.json"), "\"rating\": \"Outstanding\"", "\"rating\": \"Good\"");
        Path xml = tmp.resolve("junit.xml");
        var run = TestSupport.cli("test", tmp.toString(), "--junit", xml.toString());
        assertThat(run.code()).isEqualTo(1);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        var suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getElementsByTagName("failure").item(0).getTextContent())
                .contains("well-led rating: expected Good, actual Outstanding");
    }
}
