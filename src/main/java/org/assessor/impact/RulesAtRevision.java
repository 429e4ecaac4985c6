package org.assessor.impact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;

/** Resolves {@code --base}: a rules folder as it is, or a git revision whose {@code rules/} is extracted to a temp folder. */
public final class RulesAtRevision {
    private RulesAtRevision() {}

    /**
     * Problems found in rules extracted from a revision, named as git names the files ({@code rules/x.drl}, the
     * folder as the rules folder is named) rather than at the temporary folder they were extracted to; the message
     * says which revision. Problems elsewhere are left as they are.
     */
    public static List<Problem> asInGit(List<Problem> problems, Path extracted, Path rules, String revision) {
        String prefix = extracted.toString();
        return problems.stream().map(p -> p.file() != null && p.file().startsWith(prefix)
                ? new Problem(rules.getFileName() + p.file().substring(prefix.length()), p.line(), p.column(),
                "at revision " + revision + ": " + p.message()) : p).distinct().sorted().toList();
    }

    /** A rules folder for {@code base}: the folder itself if it is one, else {@code rules/} at that git revision. */
    public static Path resolve(String base, Path headRules) throws InvalidInputException {
        Path asDir = Path.of(base);
        if (Files.isDirectory(asDir)) return asDir;
        if (base.startsWith("-") || base.isBlank()) {
            throw new InvalidInputException(new Problem(base, 0, 0, "expected a rules folder or a git revision"));
        }
        try {
            Path repo = headRules.toAbsolutePath().getParent();
            String rel = repo.relativize(headRules.toAbsolutePath()).toString();
            run(repo, List.of("git", "rev-parse", "--verify", "--quiet", base + "^{commit}"),
                    "'" + base + "' is neither a folder nor a git revision in " + repo);
            Path out = Files.createTempDirectory("assessor-base-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(out)));
            Path tar = out.resolve("rules.tar");
            run(repo, List.of("git", "archive", "--format=tar", "-o", tar.toString(), base, "--", rel),
                    "git revision " + base + " has no " + rel + "/ folder");
            run(out, List.of("tar", "-xf", tar.toString()), "cannot unpack rules at " + base);
            Files.delete(tar);
            return out.resolve(rel);
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(base, 0, 0, "cannot read rules at revision: " + e.getMessage()));
        }
    }

    /** Removes the extracted copy when the run ends; a leftover in the temp folder is harmless. */
    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort at exit
        }
    }

    private static void run(Path dir, List<String> command, String failure) throws IOException, InvalidInputException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        try {
            if (p.waitFor() != 0) throw new InvalidInputException(new Problem(command.get(0), 0, 0, failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
