package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assessor users}: add, list and remove people; mistakes named with their exit codes; no password kept. */
class UsersCommandTest {
    @Test
    void peopleAreAddedListedAndRemovedAndOnlyHashesAreKept(@TempDir Path tmp) throws Exception {
        Path users = tmp.resolve("users.json");
        Path secret = tmp.resolve("secret");
        Files.writeString(secret, "a long enough password\n");
        var none = TestSupport.cli("users", "list", "--users", users.toString());
        assertThat(none.code()).isEqualTo(0);
        assertThat(none.out()).contains("runs in single-user mode");
        var added = TestSupport.cli("users", "add", "ana", "--name", "Ana Analyst", "--email", "ana@example.org",
                "--role", "analyst", "--password-file", secret.toString(), "--users", users.toString());
        assertThat(added.code()).as(added.err()).isEqualTo(0);
        assertThat(added.out()).contains("added ana (analyst) to " + users);
        assertThat(Files.readString(users)).contains("$2a$12$").doesNotContain("a long enough password");
        var twice = TestSupport.cli("users", "add", "ana", "--name", "A", "--email", "a@example.org", "--role", "viewer",
                "--password-file", secret.toString(), "--users", users.toString());
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.err()).contains("the login 'ana' is already in");
        var badRole = TestSupport.cli("users", "add", "zoe", "--name", "Zoe", "--email", "zoe@example.org", "--role", "boss",
                "--password-file", secret.toString(), "--users", users.toString());
        assertThat(badRole.code()).isEqualTo(2);
        assertThat(badRole.err()).contains("--role: expected a role, one of viewer, analyst, approver, admin; found 'boss'");
        Files.writeString(secret, "short\n");
        var shortOne = TestSupport.cli("users", "add", "zoe", "--name", "Zoe", "--email", "zoe@example.org", "--role",
                "viewer", "--password-file", secret.toString(), "--users", users.toString());
        assertThat(shortOne.code()).isEqualTo(2);
        assertThat(shortOne.err()).contains("password: expected a password of at least 12 characters; found 5");
        var list = TestSupport.cli("users", "list", "--users", users.toString());
        assertThat(list.out()).contains("ana\tanalyst\tAna Analyst <ana@example.org>").contains("1 person in");
        assertThat(TestSupport.cli("users", "remove", "ana", "--users", users.toString()).code()).isEqualTo(0);
        var gone = TestSupport.cli("users", "remove", "ana", "--users", users.toString());
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("no login 'ana' in");
    }
}
