package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules and the policy register are read from the folder at run time: editing one register row changes the next
 * evaluation with no rebuild, and the finding cites the row.
 */
class RulesAtRunTimeTest {
    @TempDir Path tmp;

    private static Result.FindingView finding(Result r, String evidenceId) {
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).flatMap(s -> s.findings().stream())
                .filter(f -> f.evidenceId().equals(evidenceId)).findFirst().orElseThrow();
    }

    @Test
    void changingTheTrainingTargetInTheRegisterChangesTheFindingAndItIsCited() throws Exception {
        Path fixture = Path.of("fixtures/cpft-well-led-2025");
        Result before = new Assessor(Path.of("rules")).evaluate(fixture);
        assertThat(finding(before, "gov-11").grade()).isEqualTo(1);
        assertThat(finding(before, "gov-11").summary()).startsWith("71% against 90%");

        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        TestSupport.replace(rules.resolve("policy/register.csv"),
                "measure:training.violence-and-aggression-prevention-compliance,target,90,",
                "measure:training.violence-and-aggression-prevention-compliance,target,70,");
        Result after = new Assessor(rules).evaluate(fixture);

        assertThat(finding(after, "gov-11").grade()).isEqualTo(3);
        assertThat(finding(after, "gov-11").summary()).startsWith("71% against 70%")
                .contains("— target training.violence-and-aggression-prevention-compliance (register row ");
        assertThat(after.provenance().rulesDigest()).isNotEqualTo(before.provenance().rulesDigest());
    }
}
