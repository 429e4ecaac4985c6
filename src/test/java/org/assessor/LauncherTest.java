package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent end by any route: the launcher ({@code ./assessor}) reports a run that ended without saying how it ended
 * (halted, killed by a signal) with exit 3, passes on the exit code of a run that did, and passes a stop on to Java.
 * The launcher is run as shipped, on a jar whose main class ends in each of those ways ({@code LauncherProbe}).
 */
class LauncherTest {
    @TempDir Path tmp;
    private Path app;

    @BeforeEach
    void aCheckoutWithAJarNewerThanItsSources() throws Exception {
        app = tmp.resolve("app");
        Files.createDirectories(app.resolve("src/main"));
        Files.createDirectories(app.resolve("target"));
        Files.copy(Path.of("assessor"), app.resolve("assessor"));
        Files.writeString(app.resolve("pom.xml"), "<project/>\n");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.assessor.cli.LauncherProbe");
        Path jar = app.resolve("target/assessor.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Path c : List.of(Path.of("target/test-classes/org/assessor/cli/LauncherProbe.class"),
                    Path.of("target/classes/org/assessor/cli/RunMark.class"))) {
                out.putNextEntry(new JarEntry("org/assessor/cli/" + c.getFileName()));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
        }
        FileTime older = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000);
        Files.setLastModifiedTime(app.resolve("pom.xml"), older);
        Files.setLastModifiedTime(app.resolve("src/main"), older);
    }

    private record Ended(int code, String err) {}

    private Ended launch(String... args) throws Exception {
        Process p = start(args);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the launcher ended").isTrue();
        return new Ended(p.exitValue(), Files.readString(tmp.resolve("err.txt")));
    }

    private Process start(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", app.resolve("assessor").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile()).start();
    }

    @Test
    void aRunThatSaysHowItEndedKeepsItsExitCode() throws Exception {
        assertThat(launch("finish", "0").code()).isZero();
        Ended one = launch("finish", "1");
        assertThat(one.code()).isEqualTo(1);
        assertThat(one.err()).doesNotContain("ended before it finished");
    }

    @Test
    void aHaltedRunIsReportedWithExitThree() throws Exception {
        Ended halted = launch("halt");
        assertThat(halted.code()).isEqualTo(3);
        assertThat(halted.err()).contains("assessor: the run ended before it finished, without its result or report: "
                + "Java exited with status 0 without finishing (something halted it); nothing it printed is a result");
    }

    @Test
    void aRunKilledBySignalIsReportedWithExitThree() throws Exception {
        Ended killed = launch("kill");
        assertThat(killed.code()).isEqualTo(3);
        assertThat(killed.err()).contains("without its result or report: Java was stopped by signal 9");
    }

    @Test
    void aStopSentToTheLauncherReachesJavaAndIsReported() throws Exception {
        Process p = start("wait");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.readString(tmp.resolve("out.txt")).contains("waiting") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<ProcessHandle> java = p.descendants().toList();
        assertThat(java).as("Java runs as the launcher's child").isNotEmpty();
        p.destroy(); // TERM to the launcher, as a scheduler or kill would send
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(Files.readString(tmp.resolve("err.txt"))).contains("Java was stopped by signal 15");
        for (ProcessHandle h : java) {
            assertThat(h.onExit().get(1, TimeUnit.MINUTES).isAlive()).as("Java ended with the launcher").isFalse();
        }
    }
}
