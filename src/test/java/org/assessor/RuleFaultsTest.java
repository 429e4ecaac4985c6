package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule faults are errors that name the rule, its file and what it matched, never a partial result (exit 1). */
class RuleFaultsTest {
    @TempDir Path tmp;

    private TestSupport.Run evaluateWith(String faultFile, String... extra) throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.copy(Path.of("src/test/resources/faults", faultFile), rules.resolve("well-led").resolve(faultFile));
        String[] args = new String[4 + extra.length];
        args[0] = "evaluate";
        args[1] = "fixtures/cpft-well-led-2025";
        args[2] = "--rules";
        args[3] = rules.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return TestSupport.cli(args);
    }

    @Test
    void aConsequenceThatThrowsNamesTheRuleFileAndMatchedFacts() throws Exception {
        var run = evaluateWith("throws.drl");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("rule \"A rule whose consequence throws\" (T-THROW, ")
                .contains("well-led/throws.drl) failed while it ran: ArithmeticException: / by zero; it had matched: [evidence/gov-11]")
                .contains("nothing was evaluated");
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a guard: without the time limit on live questions this test would never end
    void aConsequenceThatNeverReturnsInAWhatIfQuestionStopsExplainAtTheTimeLimitNamingTheRule() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.copy(Path.of("src/test/resources/faults/hangs-in-a-what-if.drl"), rules.resolve("method/hangs.drl"));
        // The evaluation itself is fine (no what-if score is recorded); only a question asked of the live session hangs.
        assertThat(TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString()).code())
                .isEqualTo(0);
        // In a JVM of its own: the consequence that never returns keeps its (daemon) thread busy until that JVM ends.
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("log.txt");
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "org.assessor.cli.Main",
                "explain", "fixtures/cpft-well-led-2025", "--rules", rules.toString(), "--timeout", "5")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("explain ended").isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains("took longer than the time limit of 5 seconds")
                .contains("rule \"A rule that never returns once a what-if score is recorded\" (T-HANG-01, ");
    }

    @Test
    void aLoopingRuleSetStopsAtTheFiringLimitNamingTheRules() throws Exception {
        var run = evaluateWith("loops.drl", "--max-firings", "2000");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("the rules fired more than 2000 times in one evaluation, so they probably loop")
                .contains("\"A rule that keeps inserting what it reads\"");
    }

    @Test
    void twoRulesDerivingDifferentScoresForOneStatementAreReported() throws Exception {
        var run = evaluateWith("contradicts.drl");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("two rules derive contradicting results for statement-score/governance-management-and-sustainability")
                .contains("(M-STMT-08, ").contains("(T-CONTRA, ");
    }

    @Test
    void aConstraintFailingOnAFactNamesTheRuleAndConstraint() throws Exception {
        var run = evaluateWith2("fails-at-run-time.drl");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("rule \"A rule that fails on a fact\" (T-09, ")
                .contains("its constraint 'value > Numbers.roundWhole(value, unit)' failed on a fact: "
                        + "IllegalArgumentException: No enum constant java.math.RoundingMode.");
    }

    private TestSupport.Run evaluateWith2(String lintFile) throws Exception {
        Path rules = tmp.resolve("rules2");
        TestSupport.copy(Path.of("rules"), rules);
        Files.copy(Path.of("src/test/resources/lint", lintFile), rules.resolve("well-led").resolve(lintFile));
        return TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString());
    }

    @Test
    void anEmptyRulesFolderIsAnError() throws Exception {
        Path rules = tmp.resolve("empty");
        TestSupport.copy(Path.of("rules/framework"), rules.resolve("framework"));
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(rules + ": the rules folder has no .drl files; expected the method and evidence rules");
    }

    @Test
    void aMissingRulesFolderIsAnError() {
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", tmp.resolve("nowhere").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("nowhere: no rules folder here; expected a folder of .drl files (pass --rules <folder>)");
    }
}
