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
 * Writing changed register values into the register files: only the value cell of each row of the id changes (every
 * row of its history, as the dry run changed them), every other character stays. A plan is made when the change is
 * reviewed and kept; saving writes exactly that plan, and only if every file still holds the text the plan was made
 * from (checked for all files before any is written). Each file is written whole beside itself, then moved into
 * place. Only files inside the rules folder are read or written.
 */
final class RegisterEdit {
    /** One changed row, as the review shows it: where, which id, and its line(s) before and after. */
    record LineChange(String file, int line, String id, String before, String after, String valueBefore,
                      String valueAfter, PolicyRegister.Row row) {}

    /** The register columns a proposal may change beside the value (none of them is read by the rules). */
    static final List<String> TEXT_COLUMNS = List.of("rationale", "source", "citation", "owner");

    /** The row's text in a column, as the file holds it. */
    static String cell(PolicyRegister.Row r, String column) {
        return switch (column) {
            case "rationale" -> r.rationale();
            case "source" -> r.source();
            case "citation" -> r.citation();
            case "owner" -> r.owner();
            case "effective_from" -> r.from().toString();
            case "effective_to" -> r.to() == null ? "" : r.to().toString();
            default -> throw new IllegalArgumentException("no register column '" + column + "'");
        };
    }

    /**
     * The plan with other cells of its rows changed as well ({@code edits}: the index of a row in
     * {@link Plan#changes()} → column → new text); a cell given unchanged is left alone. The files' texts as they will
     * be, by real path.
     */
    static Map<Path, String> withEdits(Path rulesDir, Plan plan, Map<Integer, Map<String, String>> edits) throws IOException {
        Map<Path, String> will = new LinkedHashMap<>(plan.will());
        for (var e : edits.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= plan.changes().size()) continue;
            LineChange c = plan.changes().get(e.getKey());
            Path file = inside(rulesDir, Path.of(c.file()));
            String text = will.get(file);
            for (var cellEdit : e.getValue().entrySet()) {
                String now = cell(c.row(), cellEdit.getKey());
                String to = cellEdit.getValue().strip();
                if (to.equals(now)) continue;
                if (to.isEmpty() && !cellEdit.getKey().equals("effective_to")) {
                    throw new IllegalArgumentException(c.id() + " " + cellEdit.getKey() + ": expected some text; found "
                            + "none (every register cell but effective_to is filled)");
                }
                text = PolicyRegister.withCellWritten(text, c.line(), c.id(), cellEdit.getKey(), now, to);
            }
            will.put(file, text);
        }
        return will;
    }

    /** What saving will write: each file's text as reviewed and as it will be, and the rows that change. */
    record Plan(Map<Path, String> was, Map<Path, String> will, List<LineChange> changes) {}

    private RegisterEdit() {}

    /**
     * The plan for writing {@code values}, checked against each value's unit (as the dry run checked them); throws
     * IllegalArgumentException naming an unknown id or a refused value.
     */
    static Plan plan(Path rulesDir, Workbench.Snapshot snapshot, Map<String, String> values) throws IOException {
        // Planned from the register files as the dry run's rules were compiled from them; refused if any has changed.
        Map<Path, String> was = new LinkedHashMap<>(snapshot.registers());
        for (var e : was.entrySet()) {
            Path file = inside(rulesDir, e.getKey());
            if (!Files.readString(file, StandardCharsets.UTF_8).equals(e.getValue())) {
                throw new IllegalArgumentException(relative(rulesDir, file) + " changed after the dry run's rules were "
                        + "read; nothing can be proposed from this dry run (run it again)");
            }
        }
        Assessor assessor = snapshot.assessor();
        Map<Path, String> will = new LinkedHashMap<>();
        List<LineChange> changes = new ArrayList<>();
        for (var e : values.entrySet()) {
            List<PolicyRegister.Row> rows = new ArrayList<>();
            for (RuleSet rs : assessor.ruleSets()) {
                PolicyRegister register = rs.framework().register();
                if (!register.has(e.getKey())) continue;
                register.with(e.getKey(), e.getValue()); // refuses a value its unit does not allow
                for (PolicyRegister.Row r : register.rows()) {
                    boolean seen = rows.stream().anyMatch(x -> x.file().equals(r.file()) && x.line() == r.line());
                    if (r.id().equals(e.getKey()) && !seen) rows.add(r);
                }
            }
            if (rows.isEmpty()) throw new IllegalArgumentException("no register value '" + e.getKey() + "' in the rules folder");
            for (PolicyRegister.Row r : rows) {
                Path file = inside(rulesDir, Path.of(r.file()));
                String before = will.containsKey(file) ? will.get(file) : was.get(file);
                if (before == null) throw new IllegalArgumentException(r.file() + " was not read with the dry run's rules");
                String after = PolicyRegister.withValueWritten(before, r.line(), r.id(), r.value(), e.getValue());
                will.put(file, after);
                changes.add(new LineChange(r.file(), r.line(), r.id(), differing(before, after, true),
                        differing(before, after, false), r.value(), e.getValue(), r));
            }
        }
        return new Plan(was, will, changes);
    }

    /** The lines of one side that differ from the other (one row's lines: only one row changes at a time). */
    private static String differing(String before, String after, boolean first) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) out.add((first ? a[i] : b[i]).replace("\r", ""));
        }
        return String.join("\n", out);
    }

    /**
     * Writes a reviewed plan: refuses, writing nothing, if any file no longer holds the text the plan was made from.
     * Returns the files written.
     */
    static List<String> write(Path rulesDir, Plan plan) throws IOException {
        synchronized (RegisterEdit.class) { // one write at a time: each checks, then writes, what it reviewed
            for (var e : plan.was().entrySet()) {
                Path file = inside(rulesDir, e.getKey());
                if (!Files.readString(file, StandardCharsets.UTF_8).equals(e.getValue())) {
                    throw new IOException(relative(rulesDir, file) + " changed after the change was reviewed; nothing "
                            + "was written (run the dry run again and review it)");
                }
            }
            List<String> written = new ArrayList<>();
            for (var e : plan.will().entrySet()) {
                Path file = inside(rulesDir, e.getKey());
                Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
                try {
                    Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
                    try {
                        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
                    } catch (UnsupportedOperationException notPosix) {
                        // a file system without POSIX permissions keeps its own defaults
                    }
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException failed) {
                    Files.deleteIfExists(tmp);
                    throw new IOException("writing " + relative(rulesDir, file) + " failed (" + failed.getMessage() + ")"
                            + (written.isEmpty() ? "; nothing was written" : "; already written: " + written), failed);
                }
                written.add(relative(rulesDir, file));
            }
            return written;
        }
    }

    private static String relative(Path rulesDir, Path file) {
        try {
            Path root = rulesDir.toRealPath();
            return root.getFileName() + "/" + root.relativize(file.toRealPath()).toString().replace('\\', '/');
        } catch (IOException e) {
            return file.toString();
        }
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
}
