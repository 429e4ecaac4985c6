package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calibrate} and {@code agreement} over folders, as a policy team runs them. */
class CalibrateCommandTest {

    @Test
    void printsTheFiguresBesideAlwaysGoodAndEveryMissWithItsNote() {
        var run = TestSupport.cli("calibrate", "fixtures/calibration", "--min-exact", "22", "--min-within-one", "27",
                "--min-shortfalls-found", "8");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("27 real statements", "always 3", "confusion", "misses (")
                .containsPattern("exact\\s+2[2-7] of 27\\s+14 of 27")
                .contains("note: ");
    }

    @Test
    void aMinimumNotMetExitsOne() {
        var run = TestSupport.cli("calibrate", "fixtures/calibration", "--min-exact", "28");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("below a minimum asked for");
    }

    @Test
    void jsonGivesTheSameCounts() throws Exception {
        var run = TestSupport.cli("calibrate", "fixtures/calibration", "--format", "json");
        assertThat(run.code()).isZero();
        var tree = new ObjectMapper().readTree(run.out());
        assertThat(tree.get("cases")).hasSize(27);
        assertThat(tree.get("shortfallsPublished").asInt()).isEqualTo(11);
    }

    @Test
    void aFolderWithoutCalibrationCasesSaysSo(@TempDir Path dir) throws Exception {
        TestSupport.copy(Path.of("fixtures/boundaries/raw-62-5-rounds-half-even"), dir.resolve("case"));
        var run = TestSupport.cli("calibrate", dir.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("no calibration fixtures");
    }

    @Test
    void anUnknownFormatIsAUsageMistake() {
        assertThat(TestSupport.cli("calibrate", "--format", "html").code()).isEqualTo(2);
    }

    @Test
    void twoFoldersOfCodingsArePairedByNameAndPooled(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        TestSupport.copy(Path.of("fixtures/calibration"), a);
        TestSupport.copy(Path.of("fixtures/judgement/calibration-blind-v3"), b);
        var run = TestSupport.cli("agreement", a.toString(), b.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("(27 reports)", "observation extent", "kappa");
        // A coding with no partner is named, and the exit code says so.
        Files.walk(b.resolve(b.toFile().list()[0])).sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        var unpaired = TestSupport.cli("agreement", a.toString(), b.toString());
        assertThat(unpaired.code()).isEqualTo(1);
        assertThat(unpaired.out()).contains("not paired: ");
    }
}
