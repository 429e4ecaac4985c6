package org.assessor.batch;

import org.assessor.evidence.Fixtures;
import java.io.BufferedReader;
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
                try {
                    return new BatchItem(index++, f.toString(), 0, Files.readAllBytes(f));
                } catch (IOException e) {
                    return new BatchItem(index++, f.toString(), 0, new byte[0]);
                }
            }
        }, () -> { });
    }

    private static BatchSource lines(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        Iterator<BatchItem> it = new Iterator<>() {
            long index;
            int lineNo;
            String next = advance();

            private String advance() {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lineNo++;
                        if (!line.isBlank()) return line;
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            public boolean hasNext() { return next != null; }

            public BatchItem next() {
                if (next == null) throw new NoSuchElementException();
                BatchItem item = new BatchItem(index++, file.toString(), lineNo - 1, next.getBytes(StandardCharsets.UTF_8));
                next = advance();
                return item;
            }
        };
        return new BatchSource(it, reader);
    }

    @Override public boolean hasNext() { return items.hasNext(); }

    @Override public BatchItem next() { return items.next(); }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}
