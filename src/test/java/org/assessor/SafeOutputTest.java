package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output files are written whole to a temporary file and moved into place: a run killed at any moment leaves the
 * old file or the new one, never a partial one. Tested by killing real runs at spread-out moments.
 */
class SafeOutputTest {
    @TempDir Path tmp;

    @Test
    void aRunKilledMidWayLeavesTheOldFileOrTheNewOneNeverAPartialOne() throws Exception {
        Path out = tmp.resolve("result.json");
        String old = "{\"old\": true}";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        int replaced = 0;
        for (int i = 0; i < 8; i++) {
            Files.writeString(out, old);
            Process p = new ProcessBuilder(java, "-cp", classpath, "org.assessor.cli.Main", "evaluate",
                    "fixtures/cpft-well-led-2025", "--format", "json", "-o", out.toString())
                    .redirectErrorStream(true).redirectOutput(new File(tmp.resolve("log.txt").toString())).start();
            // The last run is left to finish, so the test also sees the file replaced by a whole new result.
            boolean finished = p.waitFor(i == 7 ? 120_000 : 400 + i * 700L, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String now = Files.readString(out);
            if (i == 0) assertThat(now).as("killed after 0.4 s, before the result existed").isEqualTo(old);
            if (now.equals(old)) continue;
            replaced++;
            assertThat(new ObjectMapper().readTree(now).at("/keyQuestions/4/score/shown").asInt())
                    .as("a replaced file is the whole new result").isEqualTo(44);
        }
        // Kills spread from 0.4 s to 4.6 s: early ones leave the old file, late ones the new; none a partial file.
        assertThat(replaced).as("the run left to finish replaced the file").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFailedRenderLeavesTheOldFileUntouched() throws Exception {
        Path out = tmp.resolve("report.json");
        Files.writeString(out, "old");
        var run = TestSupport.cli("evaluate", "fixtures/does-not-exist", "--format", "json", "-o", out.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo("old");
    }
}
