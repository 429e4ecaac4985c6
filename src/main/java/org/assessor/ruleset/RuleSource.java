package org.assessor.ruleset;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/** The rules of a folder as written: each rule's text, position and metadata, for lint and for locating faults. */
public final class RuleSource {

    /** One rule as written in its file; {@code start}/{@code end} are character offsets into {@code fileText}. */
    public record Rule(String name, String file, String fileText, int line, int column, int start, int end,
                       String id, String statement, String reason, boolean salience, int consequenceLine,
                       String layer) {

        /** The rule's own text. */
        public String text() {
            int s = Math.max(0, Math.min(start, fileText.length()));
            int e = Math.max(s, Math.min(end + 1, fileText.length()));
            return fileText.substring(s, e);
        }

        /** Line and column (1-based) of a character offset inside the rule's text. */
        public int[] position(int offsetInRule) {
            int abs = Math.max(0, start) + offsetInRule;
            int line = 1;
            int col = 1;
            for (int i = 0; i < abs && i < fileText.length(); i++) {
                if (fileText.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new int[] {line, col};
        }
    }

    private RuleSource() {}

    /** Parses every .drl file under the folder; files that do not parse are skipped (the compiler reports them). */
    public static List<Rule> read(Path dir) throws IOException {
        List<Rule> rules = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f);
            DrlParser parser = new DrlParser();
            try {
                var pkg = parser.parse(new StringReader(text));
                if (pkg == null || parser.hasErrors()) continue;
                for (RuleDescr r : pkg.getRules()) {
                    rules.add(new Rule(r.getName(), f.toString(), text, r.getLine(), r.getColumn() + 1,
                            r.getStartCharacter(), r.getEndCharacter(), value(r.getAnnotation("id")),
                            value(r.getAnnotation("statement")), value(r.getAnnotation("reason")),
                            r.getAttributes().containsKey("salience"), r.getConsequenceLine(),
                            r.getAttributes().containsKey("agenda-group")
                                    ? String.valueOf(r.getAttributes().get("agenda-group").getValue()) : null));
                }
            } catch (DroolsParserException | RuntimeException unparsable) {
                // the compiler reports the syntax error with its position
            }
        }
        return rules;
    }

    private static String value(AnnotationDescr a) {
        if (a == null) return null;
        Object v = a.getSingleValueStripped();
        return v == null ? null : v.toString();
    }
}
