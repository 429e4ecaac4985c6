package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.assessor.evidence.Fixtures;
import org.assessor.facts.Given;
import org.assessor.result.Assessor;
import org.junit.jupiter.api.Test;

/**
 * Every fact the evidence gives a session is marked {@link Given}, so the rule language refuses a rule that makes one
 * (a new kind of evidence added without the mark would be a fact any rule could forge).
 */
class GivenFactsTest {
    @Test
    void everyFactTheEvidenceGivesIsMarkedGiven() throws Exception {
        Assessor assessor = new Assessor(Path.of("rules"));
        Set<String> kinds = new TreeSet<>();
        for (Path fixture : Fixtures.under(Path.of("fixtures"))) {
            for (Object fact : assessor.forFixture(fixture).load(fixture).facts()) {
                // Given, or made only as the evidence gives it (a rule makes a Benchmark from a register row only).
                assertThat(fact instanceof Given || givenOnly(fact.getClass()))
                        .as(fixture + ": " + fact.getClass().getSimpleName()).isTrue();
                kinds.add(fact.getClass().getSimpleName());
            }
        }
        assertThat(kinds).contains("Assessment", "Metric", "Observation", "Breach", "RecordedRating", "RecordedScore",
                "Benchmark");
    }

    private static boolean givenOnly(Class<?> type) {
        return java.util.Arrays.stream(type.getConstructors())
                .allMatch(c -> c.isAnnotationPresent(org.assessor.facts.GivenOnly.class));
    }
}
