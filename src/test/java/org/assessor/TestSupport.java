package org.assessor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assessor.cli.Main;

/** Helpers for tests: copy a folder, and run the command line capturing its output. */
public final class TestSupport {
    private TestSupport() {}

    public record Run(int code, String out, String err) {}

    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /**
     * A git repository in {@code dir} holding a copy of the project's rules and fixtures, committed once on {@code main}
     * by "Test Setup", as a user's clone would hold them (made with JGit; no git command is run).
     */
    /**
     * Writes the default users file beside a rules folder with these people, each {@code login:role} ("ana:analyst"
     * is Ana Analyst, ana@example.org), all with one password; returns the file.
     */
    public static Path people(Path rules, String password, String... loginsAndRoles) throws Exception {
        Path users = org.assessor.govern.UsersFile.defaultFile(rules);
        String hash = org.assessor.govern.Passwords.hash(password.toCharArray());
        var file = org.assessor.govern.UsersFile.empty(users);
        for (String lr : loginsAndRoles) {
            String login = lr.substring(0, lr.indexOf(':'));
            String role = lr.substring(lr.indexOf(':') + 1);
            String name = Character.toUpperCase(login.charAt(0)) + login.substring(1) + " "
                    + Character.toUpperCase(role.charAt(0)) + role.substring(1);
            file = file.with(new org.assessor.govern.UsersFile.Entry(login, name, login + "@example.org", role, hash));
        }
        file.write();
        return users;
    }

    public static Path gitRepository(Path dir) throws Exception {
        copy(Path.of("rules"), dir.resolve("rules"));
        copy(Path.of("fixtures"), dir.resolve("fixtures"));
        Files.writeString(dir.resolve(".gitignore"), ".assessor/\n");
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            var who = new org.eclipse.jgit.lib.PersonIdent("Test Setup", "setup@example.org");
            git.commit().setMessage("The project as cloned").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return dir;
    }

    static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        if (!s.contains(from)) throw new IllegalStateException(file + " does not contain " + from);
        Files.writeString(file, s.replace(from, to));
    }
}
