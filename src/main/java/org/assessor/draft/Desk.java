package org.assessor.draft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;

/**
 * The coding desk: a folder of reports ({@code <name>.txt}, {@code .html} or {@code .pdf}) and of their codings, one
 * folder per report and coder ({@code <name>/<coder>/evidence.json}, with the draft's {@code draft.json}). Codings
 * being worked on are held here between requests; a coding is read from its folder the first time it is opened, so a
 * coding saved earlier (or by another workbench) is reopened where it was left.
 */
public final class Desk {
    /** A coder's or a report's name: what a folder may be called, and what a page may ask for. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    /** The name of the coding two coders settle their disagreements into. */
    public static final String AGREED = "agreed";

    public record Report(String name, Path file, List<String> coders) {}

    private final Path root;
    private final Map<String, Coding> open = new ConcurrentHashMap<>();

    public Desk(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The reports of the desk, and the codings of each, by name; a coding with no report file is listed too. */
    public List<Report> reports() throws IOException {
        Map<String, Report> out = new TreeMap<>();
        if (!Files.isDirectory(root)) return List.of();
        try (var s = Files.list(root)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                String lower = n.toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && (lower.endsWith(".txt") || lower.endsWith(".html") || lower.endsWith(".htm")
                        || lower.endsWith(".pdf"))) {
                    String name = n.substring(0, n.lastIndexOf('.'));
                    if (NAME.matcher(name).matches()) out.put(name, new Report(name, p, coders(name)));
                } else if (Files.isDirectory(p) && NAME.matcher(n).matches() && !out.containsKey(n)) {
                    List<String> coders = coders(n);
                    if (!coders.isEmpty()) out.put(n, new Report(n, null, coders));
                }
            }
        }
        // A report file seen after its folder replaces the folder-only entry.
        return List.copyOf(out.values());
    }

    public Report report(String name) throws IOException {
        return reports().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private List<String> coders(String report) throws IOException {
        Path dir = root.resolve(report);
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (var s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p.resolve(EvidenceLoader.EVIDENCE_FILE)) && NAME.matcher(p.getFileName().toString())
                        .matches()) {
                    out.add(p.getFileName().toString());
                }
            }
        }
        return out;
    }

    public Path folder(String report, String coder) {
        return root.resolve(report).resolve(coder);
    }

    /** The coding held for a report and coder, read from its folder the first time; null when there is none. */
    public Coding coding(String report, String coder) throws InvalidInputException {
        String key = report + "/" + coder;
        Coding c = open.get(key);
        if (c != null) return c;
        Path folder = folder(report, coder);
        if (!Files.isRegularFile(folder.resolve(EvidenceLoader.EVIDENCE_FILE))) return null;
        c = Coding.open(folder);
        Coding before = open.putIfAbsent(key, c);
        return before != null ? before : c;
    }

    /** Holds a new coding (a fresh draft for a coder) until it is saved. */
    public void hold(String report, String coder, Coding coding) {
        open.put(report + "/" + coder, coding);
    }

    /** Whether a coder has a coding of the report, saved or held. */
    public boolean has(String report, String coder) {
        return open.containsKey(report + "/" + coder) || Files.isRegularFile(folder(report, coder)
                .resolve(EvidenceLoader.EVIDENCE_FILE));
    }

    /** Forgets what is held for a coding (it is read again from its folder next time). */
    public void forget(String report, String coder) {
        open.remove(report + "/" + coder);
    }
}
