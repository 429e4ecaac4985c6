package org.assessor.draft;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.assessor.input.TemporaryFiles;

/** Writes a draft's or a coding's files: each written whole beside its place, then moved into place in one step. */
public final class DraftFiles {
    private DraftFiles() {}

    /** Writes each file into {@code dir} (made when missing), each atomically; the last named is written last. */
    public static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (var e : files.entrySet()) atomic(dir.resolve(e.getKey()), e.getValue());
    }

    /** Writes one file whole to a temporary file in its folder, then moves it over the old one in one step. */
    public static void atomic(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = TemporaryFiles.opened(Files.createTempFile(dir, "." + target.getFileName(), ".tmp"));
        try {
            Files.write(tmp, bytes);
            // A temporary file is private to its owner; the coding keeps the old file's permissions, or the usual ones.
            try {
                Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own defaults stand
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            TemporaryFiles.closed(tmp);
        }
    }
}
