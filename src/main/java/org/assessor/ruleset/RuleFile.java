package org.assessor.ruleset;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.ruleset.language.RuleLanguage;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.io.Resource;
import org.kie.internal.io.ResourceFactory;

/**
 * One {@code .drl} file read into the descriptor tree Drools' own parser makes of it, and checked against the rule
 * language ({@link RuleLanguage}) before anything in it is compiled. The tree that was checked is the one compiled,
 * so the compiler never reads the file's text a second time.
 */
record RuleFile(Path path, String text, PackageDescr descriptor, List<RuleInfo> rules) {
    private static final Pattern PARSER_POSITION = Pattern.compile("\\[ERR \\d+\\] Line (\\d+):(\\d+) (.*)", Pattern.DOTALL);
    /** The longest message a problem repeats from the parser (which can quote a whole condition). */
    static final int LONGEST_MESSAGE = 400;

    /** Reads, parses and checks a file; throws with every problem found in it (its position, what was expected). */
    static RuleFile read(Path path) throws InvalidInputException {
        return read(path, null);
    }

    /**
     * As above, from bytes already read ({@code bytes} null: read the file now): the compiler parses the very bytes it
     * digested, so a file changed while the rules compile can never be cached under the digest of another text.
     */
    static RuleFile read(Path path, byte[] bytes) throws InvalidInputException {
        String file = path.toString();
        String text = text(path, bytes);
        List<Problem> problems = new ArrayList<>(RuleLanguage.characters(file, text));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Resource resource = ResourceFactory.newByteArrayResource(text.getBytes(StandardCharsets.UTF_8)).setSourcePath(file);
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(resource, new StringReader(text));
        } catch (DroolsParserException | RuntimeException e) {
            throw new InvalidInputException(new Problem(file, 0, 0, "cannot be read as rules: "
                    + shorten(String.valueOf(e.getMessage()))));
        } catch (StackOverflowError e) {
            int[] at = deepest(text);
            throw new InvalidInputException(new Problem(file, at[0], at[1], "expected brackets nested at most "
                    + DEEP + " deep, found more (the file is nested too deeply to read)"));
        }
        for (DroolsError e : parser.getErrors()) problems.add(problem(file, e));
        if (pkg == null && problems.isEmpty()) problems.add(new Problem(file, 1, 1, "expected rules, found nothing Drools can read"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().distinct().sorted().toList());
        problems.addAll(RuleLanguage.check(file, text, pkg));
        if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().distinct().sorted().toList());
        return new RuleFile(path, text, pkg, RuleSource.describe(path, pkg));
    }

    /** The nesting beyond which a file too deep for the parser is reported (the rule language allows 64). */
    static final int DEEP = 64;

    /** Line and column of the first bracket nested deeper than {@link #DEEP} (or 1:1), text in quotes aside. */
    static int[] deepest(String text) {
        int depth = 0;
        int line = 1;
        int column = 1;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > DEEP) return new int[] {line, column};
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {1, 1};
    }

    private static String text(Path path, byte[] given) throws InvalidInputException {
        byte[] bytes = given;
        if (bytes == null) {
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new InvalidInputException(new Problem(path.toString(), 0, 0, "cannot be read: " + e.getMessage()));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(new Problem(path.toString(), 0, 0, "is not valid UTF-8; expected a rule file "
                    + "saved as UTF-8"));
        }
    }

    private static Problem problem(String file, DroolsError e) {
        String msg = e.getMessage() == null ? "" : e.getMessage().strip();
        Matcher m = PARSER_POSITION.matcher(msg);
        if (m.matches()) {
            return unclosedBefore(new Problem(file, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)) + 1, shorten(oneLine(m.group(3)))));
        }
        int[] lines = e.getLines();
        int line = lines != null && lines.length > 0 ? lines[0] : 0;
        return new Problem(file, line, 1, shorten(oneLine(msg)));
    }

    /**
     * Drools notices a bracket left open only at the next line's first word ("14:5: mismatched input '$p'"). When the
     * word it names starts its line and a '(' or '[' opened on an earlier line is still open there, the mistake is at
     * the end of the line before: the problem is placed there, saying which bracket is open.
     */
    static Problem unclosedBefore(Problem p) {
        if (!p.message().startsWith("mismatched input") || p.line() < 2) return p;
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(p.file()));
        } catch (IOException | RuntimeException unreadable) {
            return p;
        }
        if (p.line() > lines.size()) return p;
        String here = lines.get(p.line() - 1);
        if (!here.substring(0, Math.min(here.length(), Math.max(0, p.column() - 1))).isBlank()) return p;
        java.util.ArrayDeque<int[]> open = new java.util.ArrayDeque<>();
        boolean block = false;
        for (int l = 0; l < p.line() - 1; l++) {
            String t = lines.get(l);
            boolean quoted = false;
            for (int c = 0; c < t.length(); c++) {
                char ch = t.charAt(c);
                if (block) {
                    if (ch == '*' && c + 1 < t.length() && t.charAt(c + 1) == '/') {
                        block = false;
                        c++;
                    }
                    continue;
                }
                if (quoted) {
                    if (ch == '\\') c++;
                    else if (ch == '"') quoted = false;
                    continue;
                }
                if (ch == '"') quoted = true;
                else if (ch == '/' && c + 1 < t.length() && t.charAt(c + 1) == '/') break;
                else if (ch == '/' && c + 1 < t.length() && t.charAt(c + 1) == '*') {
                    block = true;
                    c++;
                } else if (ch == '(' || ch == '[') open.push(new int[] {l + 1, c + 1, ch});
                else if ((ch == ')' || ch == ']') && !open.isEmpty()) open.pop();
            }
            if (t.strip().equals("when") || t.strip().equals("then") || t.startsWith("rule ") || t.strip().equals("end")) {
                open.clear(); // a new part of a rule: what was open before it is another problem
            }
        }
        if (open.isEmpty()) return p;
        int[] b = open.peek();
        int prev = p.line() - 1;
        while (prev > b[0] && lines.get(prev - 1).isBlank()) prev--;
        String before = lines.get(prev - 1);
        char close = b[2] == '(' ? ')' : ']';
        return new Problem(p.file(), prev, before.stripTrailing().length() + 1, "expected '" + close + "' to close the '"
                + (char) b[2] + "' opened at " + b[0] + ":" + b[1] + ", found the end of line " + prev + " (Drools noticed "
                + "it at " + p.line() + ":" + p.column() + ": " + p.message() + ")");
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*\\n\\s*", " ").strip();
    }

    /** A message cut to {@link #LONGEST_MESSAGE} characters, saying how much was left out. */
    static String shorten(String s) {
        if (s.length() <= LONGEST_MESSAGE) return s;
        return s.substring(0, LONGEST_MESSAGE) + "… (" + (s.length() - LONGEST_MESSAGE) + " more characters)";
    }
}
