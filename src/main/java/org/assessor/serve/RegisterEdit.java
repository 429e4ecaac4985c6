package org.assessor.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assessor.result.Assessor;
import org.assessor.ruleset.PolicyRegister;
import org.assessor.ruleset.RuleSet;

/**
 * Writes changed register values into the register files, changing only the value cell of each row of the id (every
 * row of its history, as a what-if changes them) and leaving every other byte as it was. Each file is written whole
 * beside itself and then moved into place. Only files inside the rules folder are written.
 */
final class RegisterEdit {
    /** One line to change: where, what it was, what it becomes. */
    record LineChange(String file, int line, String id, String before, String after, String valueBefore,
                      String valueAfter) {}

    private RegisterEdit() {}

    /**
     * The line changes that writing {@code values} would make, checked against each value's unit (as a what-if
     * checks them); throws IllegalArgumentException naming an unknown id or a refused value.
     */
    static List<LineChange> plan(Path rulesDir, Assessor assessor, Map<String, String> values) throws IOException {
        List<LineChange> out = new ArrayList<>();
        for (var e : values.entrySet()) {
            boolean found = false;
            for (RuleSet rs : assessor.ruleSets()) {
                PolicyRegister register = rs.framework().register();
                if (!register.has(e.getKey())) continue;
                register.with(e.getKey(), e.getValue()); // refuses a value its unit does not allow
                for (PolicyRegister.Row r : register.rows()) {
                    if (!r.id().equals(e.getKey())) continue;
                    if (out.stream().anyMatch(c -> c.file().equals(r.file()) && c.line() == r.line())) continue;
                    Path file = inside(rulesDir, Path.of(r.file()));
                    String line = Files.readAllLines(file, StandardCharsets.UTF_8).get(r.line() - 1);
                    out.add(new LineChange(r.file(), r.line(), r.id(), line, replaceCell(line, 3, e.getValue()),
                            r.value(), e.getValue()));
                }
                found = true;
                break;
            }
            if (!found) throw new IllegalArgumentException("no register value '" + e.getKey() + "' in the rules folder");
        }
        return out;
    }

    /** Writes the planned changes; each file whole, then moved into place. Returns the files written. */
    static List<String> write(Path rulesDir, List<LineChange> changes) throws IOException {
        Map<String, List<LineChange>> byFile = new LinkedHashMap<>();
        changes.forEach(c -> byFile.computeIfAbsent(c.file(), k -> new ArrayList<>()).add(c));
        List<String> written = new ArrayList<>();
        for (var e : byFile.entrySet()) {
            Path file = inside(rulesDir, Path.of(e.getKey()));
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String newline = text.contains("\r\n") ? "\r\n" : "\n";
            List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
            for (LineChange c : e.getValue()) {
                if (!lines.get(c.line() - 1).equals(c.before())) {
                    throw new IOException(e.getKey() + ":" + c.line() + " changed since the change was prepared; "
                            + "nothing was written (run the dry run again)");
                }
                lines.set(c.line() - 1, c.after());
            }
            Path tmp = file.resolveSibling("." + file.getFileName() + ".workbench.tmp");
            Files.writeString(tmp, String.join(newline, lines), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(e.getKey());
        }
        return written;
    }

    /** The file, refused unless its real path lies inside the rules folder's real path. */
    static Path inside(Path rulesDir, Path file) throws IOException {
        Path root = rulesDir.toRealPath();
        Path real = file.toRealPath();
        if (!real.startsWith(root)) {
            throw new IOException(file + " is outside the rules folder " + rulesDir + "; the workbench writes only there");
        }
        return real;
    }

    /** The CSV line with its {@code index}th cell (0-based) replaced, quoting the new value if it needs it. */
    static String replaceCell(String line, int index, String value) {
        int cell = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= line.length(); i++) {
            char ch = i < line.length() ? line.charAt(i) : ',';
            if (ch == '"') quoted = !quoted;
            if (ch == ',' && !quoted) {
                if (cell == index) return line.substring(0, start) + csv(value) + line.substring(i);
                cell++;
                start = i + 1;
            }
        }
        throw new IllegalArgumentException("the register line has fewer than " + (index + 1) + " cells: " + line);
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
