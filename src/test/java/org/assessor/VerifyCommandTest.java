package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify passes on an unchanged evaluation and fails, listing differences, once the rules were edited. */
class VerifyCommandTest {
    @TempDir Path tmp;

    @Test
    void passesWhenNothingChanged() {
        Path saved = tmp.resolve("result.json");
        assertThat(TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--format", "json", "-o", saved.toString())
                .code()).isEqualTo(0);
        var run = TestSupport.cli("verify", saved.toString());
        assertThat(run.code()).isEqualTo(0);
        assertThat(run.out()).contains("verified: the rules and fixture digests and every score, rating and finding match");
    }

    @Test
    void failsAfterTheRulesWereEdited() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Path saved = tmp.resolve("result.json");
        assertThat(TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString(),
                "--format", "json", "-o", saved.toString()).code()).isEqualTo(0);
        TestSupport.replace(rules.resolve("policy/register.csv"),
                "measure:training.violence-and-aggression-prevention-compliance,target,90,",
                "measure:training.violence-and-aggression-prevention-compliance,target,70,");
        var run = TestSupport.cli("verify", saved.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("rules digest: saved ")
                .contains("finding now present: [3] governance-management-and-sustainability gov-11 71% against 70%")
                .contains("NOT verified");
        assertThat(run.out()).doesNotContain("fixture digest");
    }

    @Test
    void aFileThatIsNotAResultIsAPositionedError() throws Exception {
        var run = TestSupport.cli("verify", "fixtures/cpft-well-led-2025/evidence.json");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("fixtures/cpft-well-led-2025/evidence.json:").contains("not a saved Assessor result");
    }
}
