package org.assessor.govern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.input.StrictJson;

/**
 * The workbench's people: a JSON file ({@code .assessor/users.json} beside the rules folder by default) listing each
 * person's login, name, email (their git identity), role and bcrypt password hash. Read strictly (an unknown field,
 * a bad login, role or hash, or a login given twice is an error at its line and column); written whole and moved into
 * place, readable by its owner only. Changed only by {@code assessor users}.
 */
public final class UsersFile {
    /** One person as the file holds them. */
    public record Entry(@JsonProperty(required = true) String login, @JsonProperty(required = true) String name,
                        @JsonProperty(required = true) String email, @JsonProperty(required = true) String role,
                        @JsonProperty(required = true) String password) {
        public Person person() {
            return new Person(login, name, email, Role.of(role));
        }
    }

    /** The file's one field. */
    public record Doc(@JsonProperty(required = true) List<Entry> users) {}

    /** The default place: {@code .assessor/users.json} in the folder that holds the rules folder. */
    public static Path defaultFile(Path rules) {
        return stateFolder(rules).resolve("users.json");
    }

    /** Where the workbench keeps its people and its audit trail: {@code .assessor/} beside the rules folder. */
    public static Path stateFolder(Path rules) {
        Path parent = rules.toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of(".") : parent).resolve(".assessor");
    }

    private final Path file;
    private final Map<String, Entry> byLogin;

    private UsersFile(Path file, Map<String, Entry> byLogin) {
        this.file = file;
        this.byLogin = byLogin;
    }

    public Path file() {
        return file;
    }

    /** An empty file's contents, for a first {@code users add}. */
    public static UsersFile empty(Path file) {
        return new UsersFile(file, new LinkedHashMap<>());
    }

    public static UsersFile read(Path file) throws InvalidInputException {
        String shown = file.toString();
        var read = StrictJson.read(file, shown, Doc.class);
        List<Problem> problems = new ArrayList<>();
        Map<String, Entry> byLogin = new LinkedHashMap<>();
        List<Entry> users = read.value().users();
        for (int i = 0; i < users.size(); i++) {
            Entry e = users.get(i);
            String at = "/users/" + i;
            if (e == null) {
                problems.add(read.positions().at(at, "expected a person; found null"));
                continue;
            }
            String loginProblem = loginProblem(e.login());
            if (loginProblem != null) problems.add(read.positions().at(at + "/login", loginProblem));
            else if (byLogin.containsKey(e.login())) {
                problems.add(read.positions().at(at + "/login", "the login '" + e.login() + "' is given twice; "
                        + "expected each login once"));
            }
            try {
                Role.of(e.role());
            } catch (IllegalArgumentException x) {
                problems.add(read.positions().at(at + "/role", x.getMessage()));
            }
            if (e.name().isBlank()) problems.add(read.positions().at(at + "/name", "expected a name; found an empty one"));
            if (!e.email().matches("[^@\\s<>]+@[^@\\s<>]+")) {
                problems.add(read.positions().at(at + "/email", "expected an email address such as "
                        + "alice@example.org; found '" + Problem.visible(e.email()) + "'"));
            }
            if (!Passwords.looksHashed(e.password())) {
                problems.add(read.positions().at(at + "/password", "expected a bcrypt hash as 'assessor users add' "
                        + "writes it ($2a$12$ and 53 more characters); found something else (a password is never "
                        + "written here in the clear)"));
            }
            byLogin.putIfAbsent(e.login(), e);
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return new UsersFile(file, byLogin);
    }

    /** Why a login is refused, or null. */
    public static String loginProblem(String login) {
        if (login == null || !login.matches("[a-z0-9][a-z0-9._-]{0,39}")) {
            return "expected a login of lower-case letters, digits, '.', '_' or '-' (at most 40, starting with a letter "
                    + "or digit); found '" + Problem.visible(String.valueOf(login)) + "'";
        }
        return null;
    }

    public Optional<Entry> entry(String login) {
        return Optional.ofNullable(byLogin.get(login));
    }

    public List<Entry> entries() {
        return List.copyOf(byLogin.values());
    }

    /** The file with one more person (refused if the login is taken). */
    public UsersFile with(Entry e) {
        String problem = loginProblem(e.login());
        if (problem != null) throw new IllegalArgumentException(problem);
        if (byLogin.containsKey(e.login())) {
            throw new IllegalArgumentException("the login '" + e.login() + "' is already in " + file
                    + "; remove it first to change it");
        }
        Role.of(e.role());
        Map<String, Entry> copy = new LinkedHashMap<>(byLogin);
        copy.put(e.login(), e);
        return new UsersFile(file, copy);
    }

    /** The file without a person (refused if the login is not there). */
    public UsersFile without(String login) {
        if (!byLogin.containsKey(login)) {
            throw new IllegalArgumentException("no login '" + Problem.visible(login) + "' in " + file);
        }
        Map<String, Entry> copy = new LinkedHashMap<>(byLogin);
        copy.remove(login);
        return new UsersFile(file, copy);
    }

    /** Writes the file whole beside itself, readable and writable by its owner only, then moves it into place. */
    public void write() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] bytes = (json.writeValueAsString(new Doc(entries())) + "\n").getBytes(StandardCharsets.UTF_8);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions keeps its own
            }
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
