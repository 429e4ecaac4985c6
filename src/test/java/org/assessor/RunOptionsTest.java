package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options that were once taken silently or overflowed: a time limit longer than a day, --format and -o given to a
 * batch (which writes JSON Lines and CSV to --out), and validate's own --timeout for its sample runs.
 */
class RunOptionsTest {
    @TempDir Path tmp;

    @Test
    void aTimeLimitOutsideOneSecondToADayIsAUsageMistake() {
        for (String command : List.of("evaluate", "explain")) {
            var run = TestSupport.cli(command, "fixtures/cpft-well-led-2025", "--timeout", "9223372036854775807");
            assertThat(run.code()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command)
                    .contains("--timeout must be from 1 to 86400 seconds (a day), found 9223372036854775807");
        }
        var validate = TestSupport.cli("validate", "rules", "--timeout", "0");
        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains("--timeout must be from 1 to 86400 seconds (a day), found 0");
    }

    @Test
    void aBatchGivenFormatOrOutputIsAUsageMistakeNotIgnored() {
        var run = TestSupport.cli("evaluate", "fixtures/boundaries", "--out", tmp.resolve("r").toString(), "--format",
                "html", "-o", tmp.resolve("r.html").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--format and --output are for one fixture, and fixtures/boundaries is a batch, "
                + "which always writes JSON Lines and CSV to --out <prefix>; leave them out");
        assertThat(tmp.resolve("r.jsonl")).doesNotExist();
        var json = TestSupport.cli("evaluate", "fixtures/boundaries", "--out", tmp.resolve("r").toString(), "--format", "json");
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.err()).contains("--format is for one fixture");
    }

    /** In a JVM of its own: the sample run's rule keeps a thread busy until that JVM ends. */
    @Test
    void validateStopsASampleRunAtItsTimeLimitNamingTheRule() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("well-led/zz-hostile.drl"), HostileInputTestRules.NEVER_RETURNS);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                "org.assessor.cli.Main", "validate", rules.toString(), "--timeout", "3"));
        Path log = tmp.resolve("log.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ASSESSOR_CACHE", "off");
        Process p = pb.start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("validate ended").isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains(rules.resolve("well-led/zz-hostile.drl") + ":4:1: fails at run time on "
                + "sample facts: the evaluation took longer than the time limit of 3 seconds; the rule in progress was "
                + "rule \"A rule that never returns\"");
    }
}
