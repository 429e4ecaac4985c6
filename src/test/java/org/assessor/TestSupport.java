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
