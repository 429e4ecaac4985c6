package org.assessor.govern;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Passwords are kept only as salted bcrypt hashes (Spring Security's {@code BCrypt}: a random salt per hash, cost 12, so
 * one guess costs about a quarter of a second here). A password is never written, logged or shown.
 */
public final class Passwords {
    /** bcrypt's cost: 2^12 rounds. */
    static final int COST = 12;
    /** The shortest password accepted. */
    public static final int MIN_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when the login is unknown, so an unknown login takes as long as a wrong password. */
    private static final String DUMMY = BCrypt.hashpw("not-a-password-of-anyone".getBytes(StandardCharsets.UTF_8),
            BCrypt.gensalt(COST, RANDOM));

    private Passwords() {}

    public static String hash(char[] password) {
        String problem = problem(password);
        if (problem != null) throw new IllegalArgumentException(problem);
        return BCrypt.hashpw(bytes(password), BCrypt.gensalt(COST, RANDOM));
    }

    /** Why a password is refused, or null when it is acceptable. */
    public static String problem(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            return "expected a password of at least " + MIN_LENGTH + " characters; found "
                    + (password == null ? 0 : password.length);
        }
        int bytes = bytes(password).length;
        if (bytes > 72) return "expected a password of at most 72 bytes in UTF-8 (bcrypt reads no more); found " + bytes;
        return null;
    }

    /** Whether the password matches the hash; with a null hash, spends the same time and answers false. */
    public static boolean matches(char[] password, String hash) {
        if (password == null) return false;
        byte[] given = bytes(password);
        if (given.length > 72) return false;
        if (hash == null) {
            BCrypt.checkpw(given, DUMMY);
            return false;
        }
        try {
            return BCrypt.checkpw(given, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] bytes(char[] password) {
        var b = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Whether a stored text is a bcrypt hash as this class writes them. */
    static boolean looksHashed(String hash) {
        return hash != null && hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    }
}
