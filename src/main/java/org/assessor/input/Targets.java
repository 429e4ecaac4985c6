package org.assessor.input;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any work, that a file the user asked for can be written, so a long run does not end in a failed write. */
public final class Targets {
    private Targets() {}

    /** Throws a problem naming the file when it is a folder or its folder is missing or cannot be written to. */
    public static void writable(Path file, String option) throws InvalidInputException {
        if (file == null) return;
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0, "is a folder; " + option
                    + " expects a file to write, such as " + file.resolve("result") ));
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0, "cannot be written: the folder "
                    + dir + " does not exist; create it first, or give " + option + " a path in an existing folder"));
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0, "cannot be written: no permission to "
                    + "write in the folder " + dir));
        }
    }
}
