package org.assessor.batch;

import org.assessor.evidence.Fixtures;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.input.StrictJson;

/**
 * The assessments of a batch, read one at a time so memory stays flat: every fixture folder under a directory, or
 * every non-blank line of a JSON Lines file (one evidence.json document per line).
 */
public final class BatchSource implements Iterator<BatchItem>, AutoCloseable {
    private final Iterator<BatchItem> items;
    private final AutoCloseable resource;

    private BatchSource(Iterator<BatchItem> items, AutoCloseable resource) {
        this.items = items;
        this.resource = resource;
    }

    public static boolean isBatch(Path input) {
        return input.toString().endsWith(".jsonl")
                || (Files.isDirectory(input) && !Files.isRegularFile(input.resolve(EvidenceLoader.EVIDENCE_FILE)));
    }

    public static BatchSource open(Path input) throws IOException, InvalidInputException {
        if (input.toString().endsWith(".jsonl")) return lines(input);
        List<Path> fixtures = Fixtures.under(input);
        if (fixtures.isEmpty()) {
            throw new InvalidInputException(new Problem(input.toString(), 0, 0, "no fixture here: expected a folder "
                    + "holding evidence.json, a folder of such folders, or a JSON Lines file"));
        }
        Iterator<Path> it = fixtures.iterator();
        return new BatchSource(new Iterator<>() {
            long index;

            public boolean hasNext() { return it.hasNext(); }

            public BatchItem next() {
                Path f = it.next().resolve(EvidenceLoader.EVIDENCE_FILE);
                // The same strict reader as a single fixture: a regular file within the size limit, or a problem.
                try {
                    return new BatchItem(index++, f.toString(), 0, StrictJson.bytes(f, f.toString()));
                } catch (InvalidInputException e) {
                    return new BatchItem(index++, f.toString(), 0, new byte[0], e.problems().get(0));
                }
            }
        }, () -> { });
    }

    /**
     * The lines of a JSON Lines file, decoded one at a time: a line that is not UTF-8, or longer than the largest
     * input, is reported as a problem of that line and the batch goes on with the next.
     */
    private static BatchSource lines(Path file) throws IOException, InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(new Problem(file.toString(), 0, 0, Files.exists(file)
                    ? "is not a regular file; expected a JSON Lines file" : "no such file"));
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        Iterator<BatchItem> it = new Iterator<>() {
            long index;
            int lineNo;
            BatchItem next = advance();

            private BatchItem advance() {
                try {
                    while (true) {
                        ByteArrayOutputStream line = new ByteArrayOutputStream();
                        boolean tooLong = false;
                        int b;
                        while ((b = in.read()) != -1 && b != '\n') {
                            if (line.size() < StrictJson.MAX_BYTES) line.write(b); else tooLong = true;
                        }
                        if (b == -1 && line.size() == 0 && !tooLong) return null;
                        lineNo++;
                        byte[] bytes = line.toByteArray();
                        String shown = file.toString();
                        if (tooLong) {
                            return new BatchItem(index++, shown, lineNo - 1, new byte[0], new Problem(shown, lineNo, 1,
                                    "the line is longer than the largest input read, " + StrictJson.MAX_BYTES
                                            + " bytes (20 MiB)"));
                        }
                        if (lineNo == 1 && bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff
                                || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe)) {
                            return new BatchItem(index++, shown, lineNo - 1, new byte[0], new Problem(shown, lineNo, 1,
                                    "the file is UTF-16; expected UTF-8 (save it as UTF-8, one JSON document per line)"));
                        }
                        int bad = firstInvalidUtf8(bytes);
                        if (bad >= 0) {
                            return new BatchItem(index++, shown, lineNo - 1, new byte[0], new Problem(shown, lineNo,
                                    bad + 1, "the line is not valid UTF-8 (byte 0x" + String.format("%02X",
                                    bytes[bad] & 0xff) + " at byte " + (bad + 1) + "); expected UTF-8 text"));
                        }
                        if (!new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                            return new BatchItem(index++, shown, lineNo - 1, bytes);
                        }
                        if (b == -1) return null;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            public boolean hasNext() { return next != null; }

            public BatchItem next() {
                if (next == null) throw new NoSuchElementException();
                BatchItem item = next;
                next = advance();
                return item;
            }
        };
        return new BatchSource(it, in);
    }

    /** The index of the first byte that does not decode as UTF-8, or -1. */
    static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) return in.position();
        r = decoder.flush(out);
        return r.isError() ? in.position() : -1;
    }

    @Override public boolean hasNext() { return items.hasNext(); }

    @Override public BatchItem next() { return items.next(); }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}
