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
        assertThat(run.out()).contains("verified: the rules and fixture digests match, and so does every field of the result");
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
        var run = TestSupport.cli("verify", saved.toString(), "--rules", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("rules digest: saved ")
                .contains("finding now present: [3] governance-management-and-sustainability gov-11 71% against 70%")
                .contains("NOT verified");
        assertThat(run.out()).doesNotContain("fixture digest");
    }

    /** A result is data, perhaps someone else's: the rules folder it names is compiled only when given explicitly. */
    @Test
    void theRulesFolderAResultNamesIsNeverCompiledUnlessGiven() throws Exception {
        Path rules = tmp.resolve("their-rules");
        TestSupport.copy(Path.of("rules"), rules);
        Path saved = tmp.resolve("result.json");
        assertThat(TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString(),
                "--format", "json", "-o", saved.toString()).code()).isEqualTo(0);
        // A file that would stop any compile of their rules: verify must not get that far.
        java.nio.file.Files.writeString(rules.resolve("method/zz.drl"), "package org.mvel2;\n");
        var run = TestSupport.cli("verify", saved.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("the result names the rules folder " + rules + ", and verify compiles only rules "
                + "it is given: give --rules " + rules).doesNotContain("zz.drl");
        var mine = TestSupport.cli("verify", saved.toString(), "--rules", "rules");
        assertThat(mine.code()).isZero();
        assertThat(mine.out()).contains("verified:");
    }

    @Test
    void aFileThatIsNotAResultIsAPositionedError() throws Exception {
        var run = TestSupport.cli("verify", "fixtures/cpft-well-led-2025/evidence.json");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("fixtures/cpft-well-led-2025/evidence.json:").contains("not a saved Assessor result");
    }

    @Test
    void aSavedResultTamperedWithAnywhereIsNotVerified() throws Exception {
        Path saved = tmp.resolve("result.json");
        assertThat(TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--format", "json", "-o", saved.toString())
                .code()).isEqualTo(0);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String original = java.nio.file.Files.readString(saved);
        // Each edit alone, in a field the plain-words comparison does not read.
        java.util.Map<String, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> edits =
                new java.util.LinkedHashMap<>();
        edits.put("/assessment/provider", r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("assessment"))
                .put("provider", "Someone else"));
        edits.put("/rulesFired/EV-BM-01", r -> r.putObject("rulesFired"));
        edits.put("/added", r -> r.put("added", true));
        edits.put("/derivation", r -> r.remove("derivation"));
        for (var e : edits.entrySet()) {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(original);
            e.getValue().accept(tree);
            java.nio.file.Files.writeString(saved, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
            var run = TestSupport.cli("verify", saved.toString());
            assertThat(run.code()).as(e.getKey()).isEqualTo(1);
            if (e.getKey().equals("/added")) {
                // a field a result never has: refused as not a result at all
                assertThat(run.err()).contains("not a saved Assessor result").contains("\"added\"");
            } else {
                assertThat(run.out()).as(e.getKey()).contains("field " + e.getKey()).contains("NOT verified");
            }
        }
    }
}
