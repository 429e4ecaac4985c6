package org.assessor.govern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail is appended to, line by line, and a line changed later is found by the chain of digests. */
class AuditLogTest {
    @Test
    void eventsAreAppendedInOrderAndAnAlteredLineBreaksTheChain(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(".assessor/audit.jsonl");
        AuditLog log = new AuditLog(file, Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC));
        log.record("ana", "sign-in", "signed in as analyst");
        log.record("ana", "dry run", "band.good.from: 62.5 → 65");
        log.record("ben", "approval", "proposal 1 merged");
        var trail = log.read();
        assertThat(trail.intact()).isTrue();
        assertThat(trail.entries()).extracting(AuditLog.Entry::seq).containsExactly(1L, 2L, 3L);
        assertThat(trail.entries().get(1).detail()).isEqualTo("band.good.from: 62.5 → 65");
        assertThat(trail.entries().get(2).at()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(Files.readAllLines(file)).hasSize(3);

        Files.writeString(file, Files.readString(file).replace("62.5 → 65", "62.5 → 60"));
        var altered = log.read();
        assertThat(altered.intact()).isFalse();
        assertThat(altered.brokenAt()).isEqualTo(3);
        assertThat(altered.broken()).contains("audit.jsonl:3: this line does not carry the digest of the line before it");
    }
}
