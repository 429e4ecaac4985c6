package org.assessor.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.assessor.result.Result;

/**
 * Streams batch results to a JSON Lines file (one result per line) and a CSV summary (one row per provider and key
 * question), each into a temporary file that is moved into place only when the batch ends: an interrupted run
 * leaves the previous files, never half-written ones.
 */
public final class BatchWriter implements AutoCloseable {
    private static final ObjectMapper COMPACT = JsonMapper.builder().build();
    /** Leaves the derivation graph out of each line (it is most of a result's size). */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties("derivation")
    private interface NoGraph {}
    /** Leaves out the graph and the evidence: each finding with its quote, and the evidence no rule judged. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"derivation", "unjudgedEvidence"})
    private interface ScoresOnly {}
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties("findings")
    private interface NoFindings {}
    private static final ObjectMapper WITHOUT_GRAPH = JsonMapper.builder().addMixIn(Result.class, NoGraph.class).build();
    private static final ObjectMapper SCORES_ONLY = JsonMapper.builder().addMixIn(Result.class, ScoresOnly.class)
            .addMixIn(Result.StatementView.class, NoFindings.class).build();
    private static final String[] HEADER = {"index", "source", "provider", "key_question", "in_scope", "scored", "score",
            "raw_percentage", "band", "rating", "rating_basis", "overall", "overall_caveat"};

    private final Path jsonl;
    private final Path csv;
    private final Path jsonlTmp;
    private final Path csvTmp;
    private final BufferedWriter jsonOut;
    private final CSVPrinter csvOut;
    private final ObjectMapper lines;
    private boolean complete;

    /**
     * Each JSON line carries the scores, ratings, caps and their arithmetic; {@code withFindings} adds each
     * statement's findings (with their quotes) and the evidence no rule judged, and {@code withGraph} adds those and
     * the derivation graph too.
     */
    public BatchWriter(Path jsonl, Path csv, boolean withFindings, boolean withGraph) throws IOException {
        this.jsonl = jsonl;
        this.csv = csv;
        this.lines = withGraph ? COMPACT : withFindings ? WITHOUT_GRAPH : SCORES_ONLY;
        this.jsonlTmp = org.assessor.input.TemporaryFiles.opened(sibling(jsonl));
        this.csvTmp = org.assessor.input.TemporaryFiles.opened(sibling(csv));
        this.jsonOut = Files.newBufferedWriter(jsonlTmp, StandardCharsets.UTF_8);
        this.csvOut = new CSVPrinter(Files.newBufferedWriter(csvTmp, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator('\n').get());
    }

    private static Path sibling(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /**
     * One result as its JSON line (findings and the derivation graph only if asked for), with its batch index and source.
     * Safe to call from any thread, so workers can render while the writer writes.
     */
    public String line(long index, String source, Result r) {
        try {
            String json = lines.writeValueAsString(r);
            // The result is a JSON object: its batch fields go before the closing brace.
            return json.substring(0, json.length() - 1) + ",\"batchIndex\":" + index + ",\"batchSource\":"
                    + COMPACT.writeValueAsString(source) + "}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a result whose JSON line was already rendered by {@link #line}, and its CSV rows. */
    public void write(long index, String source, Result r, String line) {
        try {
            jsonOut.write(line);
            jsonOut.write('\n');
            for (Result.KeyQuestionView kq : r.keyQuestions()) {
                if (!kq.inScope() && kq.rating() == null) continue;
                csvOut.printRecord(index, cell(source), cell(r.assessment().provider()), kq.id(), kq.inScope(), kq.scored(),
                        kq.score() == null ? "" : kq.score().shown(), kq.score() == null ? "" : kq.score().raw(),
                        kq.band() == null ? "" : kq.band().rating(), kq.rating() == null ? r.scale().notRated() : kq.rating().rating(),
                        kq.rating() == null ? "" : kq.rating().basis(), r.overall().rating(),
                        r.overall().caveat() == null ? "" : cell(r.overall().caveat()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(unwritten(e));
        }
    }

    /**
     * A text cell a spreadsheet will not run as a formula: a value starting with =, +, -, @, a tab or a carriage
     * return is given a leading apostrophe (the usual guard; spreadsheets show the text as written).
     */
    public static String cell(String text) {
        if (text == null || text.isEmpty()) return text;
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }

    /** Marks the batch as finished: on close the files are moved into place. */
    public void complete() {
        this.complete = true;
    }

    /**
     * Moves the files into place if the batch was complete; whatever happens (a disk that filled up while the last
     * results were flushed included), the temporary files are removed and the failure, if any, is reported.
     */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        try {
            jsonOut.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            csvOut.close();
        } catch (IOException e) {
            if (failure == null) failure = e; else failure.addSuppressed(e);
        }
        try {
            if (complete && failure == null) {
                Files.move(jsonlTmp, jsonl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(csvTmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(jsonlTmp);
            Files.deleteIfExists(csvTmp);
            org.assessor.input.TemporaryFiles.closed(jsonlTmp);
            org.assessor.input.TemporaryFiles.closed(csvTmp);
        }
        if (failure != null) throw unwritten(failure);
    }

    /** A write that failed, said with the file it was for and what was left. */
    private IOException unwritten(IOException e) {
        return new IOException("cannot write " + jsonl + " and " + csv + ": " + e.getMessage() + " (nothing was "
                + "written there, and the temporary files were removed)", e);
    }
}
