package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** validate reports each lint problem in the bad rule files under test resources, at its exact position. */
class ValidateCommandTest {
    private static final Path LINT = Path.of("src/test/resources/lint");
    private static final String EXPECT = "// expect: ";
    @TempDir Path tmp;

    @Test
    void theShippedRulesPass() {
        var run = TestSupport.cli("validate", "rules");
        assertThat(run.code()).isEqualTo(0);
        assertThat(run.out()).endsWith("rules checked in rules: no problems\n");
    }

    /** Every bad rule file under src/test/resources/lint says on its first line what validate must report. */
    static Stream<String> badRuleFiles() throws Exception {
        try (Stream<Path> s = Files.list(LINT)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("duplicate-id.drl")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRuleFiles")
    void eachBadRuleIsReportedAtItsPosition(String file) throws Exception {
        String first = Files.readAllLines(LINT.resolve(file)).get(0);
        assertThat(first).as(file + " states what validate must report").startsWith(EXPECT);
        String expected = file + ":" + first.substring(EXPECT.length());
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.copy(LINT.resolve(file), rules.resolve("well-led").resolve(file));
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> l.contains(": ")).toList()).containsExactly(
                rules.resolve("well-led") + "/" + expected.replace("RULES", rules.toString()));
        assertThat(run.out()).endsWith("1 problem\n");
    }

    @Test
    void aDuplicateIdNamesBothRules() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.copy(LINT.resolve("duplicate-id.drl"), rules.resolve("well-led/duplicate-id.drl"));
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(rules.resolve("well-led/duplicate-id.drl") + ":5:1: rule \"A rule reusing an id\" "
                + "reuses id EV-BM-01, already used by \"A value much worse than an average shows significant shortfalls\" at "
                + rules.resolve("evidence/benchmarks.drl") + ":");
    }

    @Test
    void aRegisterRowNoRuleReadsIsReportedAtItsRow() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("policy/register.csv"), "unused.value,method,count,3,count,2023-01-01,,"
                + "Assessor policy,none,A value no rule reads.,Assessor policy team\n", java.nio.file.StandardOpenOption.APPEND);
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        int row = Files.readAllLines(rules.resolve("policy/register.csv")).size();
        assertThat(run.out()).contains(rules.resolve("policy/register.csv") + ":" + row + ":1: register row 'unused.value' "
                + "is read by no rule; remove it, or write the rule that uses it");
    }
}
