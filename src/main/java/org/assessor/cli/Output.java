package org.assessor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a report to the command's writer, or to a file via a temporary file moved into place (never half-written). */
final class Output {
    interface Body {
        void write(PrintWriter w) throws IOException;
    }

    private Output() {}

    static int write(PrintWriter out, Path file, Body body) throws org.assessor.input.InvalidInputException {
        org.assessor.input.Targets.writable(file, "--output");
        StringWriter buffer = new StringWriter();
        try (PrintWriter w = new PrintWriter(buffer)) {
            body.write(w);
        } catch (IOException e) {
            throw new IllegalStateException("rendering failed: " + e.getMessage(), e);
        }
        if (file == null) {
            out.print(buffer);
            out.flush();
            return Main.OK;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            // A sibling temp file created with the usual permissions (createTempFile would make it owner-only).
            Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.writeString(tmp, buffer.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Main.OK;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage()
                    + " (nothing was written there)", e);
        }
    }
}
