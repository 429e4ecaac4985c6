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

    /** Standard output gets the whole report or nothing (it is rendered first); a file is written as by {@link #stream}. */
    static int write(PrintWriter out, Path file, Body body) throws org.assessor.input.InvalidInputException {
        if (file != null) return stream(out, file, body);
        StringWriter buffer = new StringWriter();
        try (PrintWriter w = new PrintWriter(buffer)) {
            body.write(w);
        } catch (IOException e) {
            throw new IllegalStateException("rendering failed: " + e.getMessage(), e);
        }
        out.print(buffer);
        out.flush();
        return Main.OK;
    }

    /**
     * Writes straight to a sibling temporary file as the body produces it (memory stays flat however long the output),
     * then moves it into place; on any failure the temporary file is removed and the target is left as it was.
     */
    static int stream(PrintWriter out, Path file, Body body) throws org.assessor.input.InvalidInputException {
        if (file == null) {
            try {
                body.write(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write the output: " + e.getMessage(), e);
            }
            out.flush();
            return Main.OK;
        }
        org.assessor.input.Targets.writable(file, "--output");
        Path dir = file.toAbsolutePath().getParent();
        // A sibling temp file created with the usual permissions (createTempFile would make it owner-only).
        Path tmp = org.assessor.input.TemporaryFiles.opened(
                dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp"));
        boolean moved = false;
        try {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                body.write(w);
                w.flush();
                if (w.checkError()) throw new IOException("the write failed (is the disk full?)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            return Main.OK;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage()
                    + " (nothing was written there)", e);
        } finally {
            org.assessor.input.TemporaryFiles.closed(tmp);
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the message above already says the write failed; a leftover .tmp file is named by its pid
                }
            }
        }
    }
}
