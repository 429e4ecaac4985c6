package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules are read from the folder at run time: editing a threshold changes the next evaluation with no rebuild. */
class RulesAtRunTimeTest {
    @TempDir Path tmp;

    private static Result.FindingView finding(Result r, String evidenceId) {
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).flatMap(s -> s.findings().stream())
                .filter(f -> f.evidenceId().equals(evidenceId)).findFirst().orElseThrow();
    }

    @Test
    void changingTheTrainingTargetInARuleFileChangesTheFinding() throws Exception {
        Path fixture = Path.of("fixtures/cpft-well-led-2025");
        Result before = new Assessor(Path.of("rules")).evaluate(fixture);
        assertThat(finding(before, "gov-11").grade()).isEqualTo(1);
        assertThat(finding(before, "gov-11").summary()).startsWith("71% against 90%");

        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        TestSupport.replace(rules.resolve("well-led/governance-management-and-sustainability.drl"),
                "new Benchmark($id, \"target\", 90,", "new Benchmark($id, \"target\", 70,");
        Result after = new Assessor(rules).evaluate(fixture);

        assertThat(finding(after, "gov-11").grade()).isEqualTo(3);
        assertThat(finding(after, "gov-11").summary()).startsWith("71% against 70%");
        assertThat(after.provenance().rulesDigest()).isNotEqualTo(before.provenance().rulesDigest());
    }
}
