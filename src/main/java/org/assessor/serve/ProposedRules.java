package org.assessor.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assessor.engine.RulesCheck;
import org.assessor.input.Problem;

/**
 * A proposed rules folder: a copy of the rules folder with some files replaced by their proposed text, in a temporary
 * folder, checked by the same checks as {@code assessor validate} ({@link RulesCheck}), with each problem named at its
 * place in the real rules folder ({@code rules/method/x.drl:12:5: …}).
 */
final class ProposedRules implements AutoCloseable {
    final Path dir;
    private final Path rules;

    private ProposedRules(Path dir, Path rules) {
        this.dir = dir;
        this.rules = rules;
    }

    /**
     * Copies the rules folder and writes the proposed files (paths relative to it) over the copy. A path that leaves
     * the folder, or a file that is not a rule, register or framework file, is refused.
     */
    static ProposedRules of(Path rules, Map<String, String> files) throws IOException {
        Path tmp = Files.createTempDirectory("assessor-proposed-");
        Path dir = tmp.resolve(rules.toAbsolutePath().normalize().getFileName().toString());
        try (Stream<Path> s = Files.walk(rules)) {
            for (Path p : s.toList()) {
                Path target = dir.resolve(rules.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        ProposedRules out = new ProposedRules(dir, rules);
        for (var e : files.entrySet()) {
            String rel = e.getKey();
            Path target = dir.resolve(rel).normalize();
            if (!target.startsWith(dir) || rel.contains("..") || !(rel.endsWith(".drl") || rel.endsWith(".csv")
                    || rel.endsWith(".json"))) {
                out.close();
                throw new IllegalArgumentException("expected a .drl, .csv or .json file inside the rules folder; found '"
                        + Problem.visible(rel) + "'");
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
        }
        return out;
    }

    /** The problems {@code assessor validate} would report for the proposed folder, at their place in the real one. */
    List<String> problems() {
        RulesCheck.Outcome o = RulesCheck.of(dir);
        List<String> out = new ArrayList<>();
        String copy = dir.toString();
        String shown = rules.toString();
        for (Problem p : o.problems()) out.add(p.toString().replace(copy, shown));
        return out;
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir.getParent())) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary copy left behind is harmless
        }
    }
}
