package org.assessor.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files being written now, so that a run stopped part-way (Ctrl-C, a signal, a rule calling
 * System.exit) removes them rather than leaving gigabytes of half-written output beside the target.
 */
public final class TemporaryFiles {
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private TemporaryFiles() {}

    /** Records a temporary file being written. */
    public static Path opened(Path tmp) {
        OPEN.add(tmp);
        return tmp;
    }

    /** Records that a temporary file was moved into place or removed. */
    public static void closed(Path tmp) {
        OPEN.remove(tmp);
    }

    /** Removes every temporary file still being written; returns how many were removed. */
    public static int removeAll() {
        int removed = 0;
        for (Path p : Set.copyOf(OPEN)) {
            try {
                if (Files.deleteIfExists(p)) removed++;
            } catch (IOException ignored) {
                // a file that cannot be removed now is left; nothing else can be done while the process ends
            }
            OPEN.remove(p);
        }
        return removed;
    }
}
