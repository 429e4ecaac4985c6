package org.assessor.govern;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;

/**
 * Who may act in the workbench. With a users file: people sign in with a login and password; a session ends after 30
 * minutes without a request, or 8 hours after sign-in; five failed sign-ins for one login within 15 minutes lock it for
 * 15 minutes (a correct password is refused meanwhile); every session has its own form token (CSRF). The users file is
 * read again when it changes, so a person removed or given another role is signed out at their next request. Without a
 * users file: single-user mode, for loopback only, where the one person is the local git identity.
 */
public final class Access {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LONGEST = Duration.ofHours(8);
    public static final int FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    /** A signed-in person's session: its id (the cookie), its form token, and when it began and was last used. */
    public static final class Session {
        final String id;
        final Person person;
        final String csrf;
        final Instant began;
        volatile Instant lastUsed;

        Session(String id, Person person, String csrf, Instant began) {
            this.id = id;
            this.person = person;
            this.csrf = csrf;
            this.began = began;
            this.lastUsed = began;
        }

        public String id() {
            return id;
        }

        public Person person() {
            return person;
        }

        public String csrf() {
            return csrf;
        }
    }

    /** The answer to a sign-in: a session, or why not (the same words for an unknown login and a wrong password). */
    public record SignIn(Session session, String refusal) {}

    private final Path usersFile;
    private final Person single;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private volatile UsersFile users;
    private volatile String usersStamp = "";
    private final Session singleSession;

    private Access(Path usersFile, Person single, Clock clock) {
        this.usersFile = usersFile;
        this.single = single;
        this.clock = clock;
        this.singleSession = single == null ? null : new Session("single-user", single, token(), Instant.now(clock));
    }

    /** People from a users file (read now, refused with its problems if it does not read). */
    public static Access withUsers(Path usersFile, Clock clock) throws InvalidInputException {
        Access a = new Access(usersFile, null, clock);
        a.users();
        return a;
    }

    /** Single-user mode: the one person, with every role, and one form token for the process. */
    public static Access singleUser(Person person, Clock clock) {
        return new Access(null, person, clock);
    }

    public boolean singleUser() {
        return single != null;
    }

    public Path usersFile() {
        return usersFile;
    }

    /** In single-user mode, its one session (the person and the form token). */
    public Session singleSession() {
        return singleSession;
    }

    /** The users file as it is now (read again when its size or time changed). */
    private UsersFile users() throws InvalidInputException {
        String stamp;
        try {
            stamp = Files.size(usersFile) + ":" + Files.getLastModifiedTime(usersFile).toMillis();
        } catch (java.io.IOException e) {
            throw new InvalidInputException(new Problem(usersFile.toString(), 0, 0,
                    "the users file cannot be read (" + e.getMessage() + ")"));
        }
        UsersFile u = users;
        if (u == null || !stamp.equals(usersStamp)) {
            u = UsersFile.read(usersFile);
            users = u;
            usersStamp = stamp;
        }
        return u;
    }

    /** Checks a login and password; counts failures and locks a login after too many. */
    public SignIn signIn(String login, char[] password) {
        if (single != null) throw new IllegalStateException("single-user mode has no sign-in");
        Instant now = Instant.now(clock);
        String key = login == null ? "" : login.strip();
        Deque<Instant> failed = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (failed) {
            while (!failed.isEmpty() && failed.peekFirst().isBefore(now.minus(LOCKOUT))) failed.removeFirst();
            if (failed.size() >= FAILURES) {
                Instant until = failed.peekLast().plus(LOCKOUT);
                long minutes = Math.max(1, (Duration.between(now, until).toSeconds() + 59) / 60);
                return new SignIn(null, "this login is locked after " + FAILURES + " failed sign-ins; try again in "
                        + minutes + " minute" + (minutes == 1 ? "" : "s"));
            }
            UsersFile.Entry e;
            try {
                e = users().entry(key).orElse(null);
            } catch (InvalidInputException x) {
                return new SignIn(null, "the users file does not read, so nobody can sign in: "
                        + x.problems().get(0));
            }
            if (!Passwords.matches(password, e == null ? null : e.password())) {
                failed.addLast(now);
                int left = FAILURES - failed.size();
                return new SignIn(null, "the login or the password is wrong" + (left > 0 ? "" : "; this login is now "
                        + "locked for " + LOCKOUT.toMinutes() + " minutes"));
            }
            failed.clear();
            Session s = new Session(token(), e.person(), token(), now);
            sessions.put(s.id, s);
            return new SignIn(s, null);
        }
    }

    /**
     * The live session for a cookie's id: empty when there is none, it has expired, or its person was removed from the
     * users file or given another role since. Using it keeps it alive (up to {@link #LONGEST}).
     */
    public Optional<Session> session(String id) {
        if (single != null) return Optional.of(singleSession);
        if (id == null) return Optional.empty();
        Session s = sessions.get(id);
        if (s == null) return Optional.empty();
        Instant now = Instant.now(clock);
        if (now.isAfter(s.lastUsed.plus(IDLE)) || now.isAfter(s.began.plus(LONGEST))) {
            sessions.remove(id);
            return Optional.empty();
        }
        try {
            var e = users().entry(s.person.login()).orElse(null);
            if (e == null || !e.person().equals(s.person)) {
                sessions.remove(id);
                return Optional.empty();
            }
        } catch (InvalidInputException x) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastUsed = now;
        return Optional.of(s);
    }

    public void signOut(String id) {
        if (id != null) sessions.remove(id);
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
