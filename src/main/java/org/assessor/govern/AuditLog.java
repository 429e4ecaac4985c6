package org.assessor.govern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit trail: who signed in (or failed to), ran a dry run, proposed, approved, rejected or exported what, and when.
 * One JSON object per line in a file only ever appended to ({@code .assessor/audit.jsonl} beside the rules folder): each
 * line is written whole with one write and forced to disk, under a lock other processes respect, and carries the
 * SHA-256 of the line before it, so a line changed or removed later breaks the chain, and the page says where. The
 * record of every rule and register change itself is git's history (proposals and approvals are commits).
 */
public final class AuditLog {
    /** One event as read back. */
    public record Entry(long seq, String at, String who, String action, String detail) {}

    /** The trail as read: its entries, and the line where the chain first breaks (0 when it holds). */
    public record Trail(List<Entry> entries, int brokenAt, String broken) {
        public boolean intact() {
            return brokenAt == 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Clock clock;

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Appends one event; throws UncheckedIOException if it cannot be written (an action is not done unrecorded). */
    public synchronized void record(String who, String action, String detail) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Read and write (a channel cannot both read and append): each line goes at the end, under the lock.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                String last = lastLine(ch);
                long seq = 1;
                if (last != null) {
                    try {
                        seq = JSON.readTree(last).path("seq").asLong() + 1;
                    } catch (IOException e) {
                        seq = -1; // the chain is broken already; the page says so
                    }
                }
                ObjectNode o = JSON.createObjectNode();
                o.put("seq", seq);
                o.put("at", Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                o.put("who", who);
                o.put("action", action);
                o.put("detail", detail);
                o.put("prev", last == null ? "" : sha256(last));
                ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
                long at = ch.size();
                while (line.hasRemaining()) at += ch.write(line, at);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the audit trail " + file + " cannot be written (" + e.getMessage()
                    + "); nothing was done", e);
        }
    }

    /** The last complete line of the file, or null when it is empty. */
    private String lastLine(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) return null;
        long start = Math.max(0, size - 65536);
        ByteBuffer buf = ByteBuffer.allocate((int) (size - start));
        ch.read(buf, start);
        String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        if (tail.endsWith("\n")) tail = tail.substring(0, tail.length() - 1);
        int nl = tail.lastIndexOf('\n');
        if (nl < 0 && start > 0) {
            // A line longer than 64 KiB: read the whole file (rare).
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
        return nl < 0 ? tail : tail.substring(nl + 1);
    }

    /** Every event, oldest first, and whether each line still carries the digest of the one before it. */
    public Trail read() {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) return new Trail(out, 0, null);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Trail(out, 1, "the audit trail cannot be read: " + e.getMessage());
        }
        String prev = null;
        int broken = 0;
        String why = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            try {
                JsonNode n = JSON.readTree(line);
                String expected = prev == null ? "" : sha256(prev);
                if (broken == 0 && !n.path("prev").asText("").equals(expected)) {
                    broken = i + 1;
                    why = file + ":" + (i + 1) + ": this line does not carry the digest of the line before it: a line "
                            + "before it was changed or removed";
                }
                out.add(new Entry(n.path("seq").asLong(), n.path("at").asText(), n.path("who").asText(),
                        n.path("action").asText(), n.path("detail").asText()));
            } catch (IOException e) {
                if (broken == 0) {
                    broken = i + 1;
                    why = file + ":" + (i + 1) + ": expected one event as a JSON object; found a line that is not";
                }
            }
            prev = line;
        }
        return new Trail(out, broken, why);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
