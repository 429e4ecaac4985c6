package org.assessor.batch;

import org.assessor.evidence.Fixtures;
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
                // The index is taken once, whether the item reads or not (taken inside the call, it was counted twice for
                // an item that failed to read, and every later item was numbered one too high).
                long number = index++;
                try {
                    return new BatchItem(number, f.toString(), 0, StrictJson.bytes(f, f.toString()));
                } catch (InvalidInputException e) {
                    return new BatchItem(number, f.toString(), 0, new byte[0], e.problems().get(0));
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
        InputStream in = Files.newInputStream(file);
        LineReader lines = new LineReader(in, (int) StrictJson.MAX_BYTES);
        Iterator<BatchItem> it = new Iterator<>() {
            long index;
            int lineNo;
            BatchItem next = advance();

            private BatchItem advance() {
                try {
                    while (true) {
                        byte[] bytes = lines.next();
                        if (bytes == null) return null;
                        boolean tooLong = lines.tooLong();
                        int b = lines.atEnd() ? -1 : '\n';
                        lineNo++;
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
                        if (!blank(bytes)) {
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

    /** Whether a line holds only white space (decoded only when it has no plain ASCII character). */
    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) if (b > ' ') return false; // a visible ASCII character (a byte above 0x7f is negative)
        return new String(bytes, StandardCharsets.UTF_8).isBlank();
    }

    /**
     * Reads the lines of a stream a block at a time (not a byte per call), each without its newline; a line longer
     * than the limit is read to its end and returned cut at the limit, with {@link #tooLong()} set.
     */
    static final class LineReader {
        private final InputStream in;
        private final int limit;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int end;
        private boolean eof;
        private boolean tooLong;
        private boolean atEnd;

        LineReader(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        /** The next line, or null when the stream has ended (a last line without a newline is still a line). */
        byte[] next() throws IOException {
            ByteArrayOutputStream line = null;
            byte[] single = null;
            tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == end) {
                    if (eof || !fill()) {
                        atEnd = true;
                        if (!any) return null;
                        return line == null ? (single == null ? new byte[0] : single) : line.toByteArray();
                    }
                }
                any = true;
                int start = pos;
                while (pos < end && buf[pos] != '\n') pos++;
                int n = pos - start;
                int size = line != null ? line.size() : single != null ? single.length : 0;
                int room = Math.max(0, limit - size);
                if (n > room) tooLong = true;
                int take = Math.min(n, room);
                if (take > 0) {
                    if (line == null && single == null) {
                        single = java.util.Arrays.copyOfRange(buf, start, start + take);
                    } else {
                        if (line == null) {
                            line = new ByteArrayOutputStream(single.length + take);
                            line.write(single, 0, single.length);
                        }
                        line.write(buf, start, take);
                    }
                }
                if (pos < end) { // the newline
                    pos++;
                    atEnd = false;
                    return line == null ? (single == null ? new byte[0] : single) : line.toByteArray();
                }
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        /** Whether the last line returned was longer than the limit. */
        boolean tooLong() {
            return tooLong;
        }

        /** Whether the last line returned ended at the end of the stream rather than at a newline. */
        boolean atEnd() {
            return atEnd;
        }
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
