package org.assessor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the launcher that a run came to its end: its exit code is written to the file {@code $ASSESSOR_RUN_MARK}
 * names. A run that ends any other way (halted, killed by a signal) leaves the file empty, and the launcher reports
 * it and exits 3, since no Java code runs after a halt to say so itself.
 */
final class RunMark {
    private static final String VARIABLE = "ASSESSOR_RUN_MARK";

    private RunMark() {}

    /** Records the exit code the run is ending with (nothing when no launcher asked). */
    static void ended(int code) {
        String mark = System.getenv(VARIABLE);
        if (mark == null || mark.isBlank()) return;
        try {
            Files.write(Path.of(mark), (code + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException unwritable) {
            // the launcher then reports the run as ended without its result: never silent, at worst too cautious
        }
    }
}
