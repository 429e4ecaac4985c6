package org.assessor;

import org.assessor.evidence.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.assessor.result.Assessor;
import org.assessor.casebook.CaseRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every fixture under fixtures/ through the same runner as the {@code test} command: one JUnit test per case. */
class FixtureCasesTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureMeetsItsExpectations() throws Exception {
        CaseRunner runner = new CaseRunner(new Assessor(Path.of("rules")));
        var fixtures = Fixtures.under(Path.of("fixtures"));
        assertThat(fixtures).hasSizeGreaterThan(20);
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
            var r = runner.run(f);
            assertThat(r.error()).as("error running " + f).isNull();
            assertThat(r.hasExpectations()).as(f + " has expected.json").isTrue();
            assertThat(r.differences()).as(r.proves()).isEmpty();
        }));
    }
}
