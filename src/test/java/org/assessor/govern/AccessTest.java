package org.assessor.govern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assessor.input.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People, passwords and sessions: passwords are kept only as bcrypt hashes; five wrong passwords lock a login for 15
 * minutes (a right one is refused meanwhile); sessions end after 30 idle minutes or 8 hours; someone removed from the
 * users file, or given another role, is signed out; the users file is read strictly, at line and column.
 */
class AccessTest {
    @TempDir static Path tmp;
    static Path file;
    static final char[] SECRET = "correct horse battery".toCharArray();

    /** A clock the test moves by hand. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void move(Duration d) { now = now.plus(d); }
    }

    @BeforeAll
    static void users() throws Exception {
        file = tmp.resolve(".assessor/users.json");
        UsersFile.empty(file)
                .with(new UsersFile.Entry("ana", "Ana Analyst", "ana@example.org", "analyst", Passwords.hash(SECRET)))
                .with(new UsersFile.Entry("ben", "Ben Approver", "ben@example.org", "approver", Passwords.hash(SECRET)))
                .write();
    }

    @Test
    void theFileHoldsHashesOnlyAndOnlyItsOwnerMayReadIt() throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains("\"login\" : \"ana\"").contains("$2a$12$").doesNotContain("correct horse");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Passwords.matches(SECRET, UsersFile.read(file).entry("ana").orElseThrow().password())).isTrue();
        assertThatThrownBy(() -> Passwords.hash("short".toCharArray())).hasMessageContaining("at least 12 characters");
    }

    @Test
    void fiveWrongPasswordsLockTheLoginAndARightOneIsRefusedUntilItEnds() throws Exception {
        Hands clock = new Hands();
        Access a = Access.withUsers(file, clock);
        for (int i = 0; i < 4; i++) {
            assertThat(a.signIn("ben", "wrong password!".toCharArray()).refusal()).isEqualTo("the login or the password is wrong");
        }
        assertThat(a.signIn("ben", "wrong password!".toCharArray()).refusal()).contains("now locked for 15 minutes");
        assertThat(a.signIn("ben", SECRET).refusal()).contains("locked after 5 failed sign-ins; try again in 15 minutes");
        assertThat(a.signIn("nobody", SECRET).refusal()).as("the same words for an unknown login")
                .isEqualTo("the login or the password is wrong");
        clock.move(Duration.ofMinutes(16));
        var ok = a.signIn("ben", SECRET);
        assertThat(ok.refusal()).isNull();
        assertThat(ok.session().person().role()).isEqualTo(Role.APPROVER);
        assertThat(ok.session().csrf()).isNotEqualTo(ok.session().id()).hasSizeGreaterThan(40);
    }

    @Test
    void sessionsExpireWhenIdleOrOldAndEndWhenThePersonIsRemoved() throws Exception {
        Hands clock = new Hands();
        Access a = Access.withUsers(file, clock);
        var s = a.signIn("ana", SECRET).session();
        clock.move(Duration.ofMinutes(29));
        assertThat(a.session(s.id())).isPresent();
        clock.move(Duration.ofMinutes(31));
        assertThat(a.session(s.id())).as("30 minutes idle").isEmpty();
        var t = a.signIn("ana", SECRET).session();
        for (int i = 0; i < 17; i++) {
            clock.move(Duration.ofMinutes(29));
            if (i < 16) assertThat(a.session(t.id())).isPresent();
        }
        assertThat(a.session(t.id())).as("8 hours after sign-in").isEmpty();
        var u = a.signIn("ana", SECRET).session();
        Path other = tmp.resolve("other.json");
        Files.copy(file, other);
        Access b = Access.withUsers(other, clock);
        var v = b.signIn("ana", SECRET).session();
        UsersFile.read(other).without("ana").write();
        assertThat(b.session(v.id())).as("removed from the file").isEmpty();
        assertThat(a.session(u.id())).isPresent();
        a.signOut(u.id());
        assertThat(a.session(u.id())).isEmpty();
    }

    @Test
    void aBadUsersFileIsRefusedAtItsLineAndColumn() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\n  \"users\": [\n    {\"login\": \"Ana!\", \"name\": \"A\", \"email\": \"a\", \"role\": \"boss\","
                + " \"password\": \"plain\"}\n  ]\n}\n");
        assertThatThrownBy(() -> UsersFile.read(bad)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems().stream().map(Object::toString))
                        .anySatisfy(p -> assertThat(p).matches(".*bad\\.json:3:\\d+: expected a login.*"))
                        .anySatisfy(p -> assertThat(p).contains("expected a role, one of viewer, analyst, approver, admin; found 'boss'"))
                        .anySatisfy(p -> assertThat(p).contains("expected an email address"))
                        .anySatisfy(p -> assertThat(p).contains("expected a bcrypt hash")));
    }
}
