package org.assessor.ruleset.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.assessor.input.Problem;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * The rule language: the part of DRL that Assessor's rules may be written in, checked on the descriptor tree Drools'
 * own parser makes of a file, before anything in it is compiled. A file is a {@code package} under {@code assessor},
 * imports of the fact types (and a few value types), and rules; a rule is metadata whose values are text in quotes,
 * its layer ({@code agenda-group}), conditions ({@link Conditions}) and a consequence of named values and
 * {@code insert}/{@code insertLogical}. Everything else DRL has (functions, imported functions, declared types and
 * enums, queries, globals, other attributes, eval, from, inline accumulate code, a dialect) is refused at its file,
 * line and column with what to write instead. docs/writing-rules.md describes the language.
 */
public final class RuleLanguage {
    private static final Pattern PACKAGE = Pattern.compile("assessor(\\.[a-z][a-z0-9]*)*");
    /** The metadata a rule may carry. */
    public static final List<String> METADATA = List.of("id", "kind", "statement", "reason");
    /** The one attribute a rule may set: its layer. */
    public static final String LAYER = "agenda-group";
    /** Attributes that make a result depend on the clock, on firing order or on a switch rather than on the evidence. */
    static final Set<String> CLOCK_OR_ORDER = Set.of("date-effective", "date-expires", "enabled", "timer", "calendars",
            "duration", "auto-focus", "activation-group", "ruleflow-group", "lock-on-active");
    /** The most problems reported for one file's text (the rest are of the same kind). */
    private static final int MOST_TEXT_PROBLEMS = 5;

    private RuleLanguage() {}

    /**
     * Problems in a file's characters, before it is parsed: {@code \\u} escapes (which Java reads before anything
     * else, even inside comments and text), and control and bidirectional characters (which can make a rule read
     * differently from what runs).
     */
    public static List<Problem> characters(String file, String text) {
        SourceText source = new SourceText(file, text);
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < text.length() && problems.size() < MOST_TEXT_PROBLEMS; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                problems.add(source.at(i, "expected a character as itself, found a Unicode escape (a backslash and "
                        + "u, which Java reads before anything else, even in comments and text, so one can hide code); "
                        + "write the character itself"));
                i++;
            } else if (bidirectional(c)) {
                problems.add(source.at(i, String.format("expected text that reads as it runs, found the bidirectional "
                        + "control character U+%04X, which can make a rule look different from what it does; remove it",
                        (int) c)));
            } else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f) {
                problems.add(source.at(i, String.format("expected printable text, found the control character U+%04X; "
                        + "remove it", (int) c)));
            }
        }
        return problems;
    }

    private static boolean bidirectional(char c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /** Every part of a parsed file that is outside the rule language, at its position. */
    public static List<Problem> check(String file, String text, PackageDescr pkg) {
        SourceText source = new SourceText(file, text);
        List<Problem> problems = new ArrayList<>();
        packageLevel(source, pkg, problems);
        Vocabulary vocabulary = new Vocabulary(pkg.getImports().stream().map(ImportDescr::getTarget)
                .filter(Vocabulary::importable).toList());
        for (RuleDescr r : pkg.getRules()) {
            if (r instanceof QueryDescr || r.isQuery()) {
                problems.add(at(source, r, "expected rules only, found query \"" + r.getName() + "\"; the rule "
                        + "language has no queries (its arguments would run as code): match the facts in a rule"));
                continue;
            }
            rule(source, vocabulary, r, pkg, problems);
        }
        return problems;
    }

    private static void packageLevel(SourceText source, PackageDescr pkg, List<Problem> problems) {
        String ns = pkg.getNamespace();
        if (ns == null || ns.isEmpty()) {
            problems.add(new Problem(source.file(), 1, 1, "expected package assessor.<folder>; at the start of the "
                    + "file, found no package"));
        } else if (!PACKAGE.matcher(ns).matches()) {
            problems.add(at(source, pkg, "expected a package under assessor, such as package assessor.wellled;, found "
                    + "package " + Texts.shorten(ns) + " (rules belong to Assessor's own namespace, never to a library's)"));
        }
        for (ImportDescr i : pkg.getImports()) {
            if (!Vocabulary.importable(i.getTarget())) {
                problems.add(at(source, i, "expected an import of the fact types (import org.assessor.facts.*;) or of "
                        + Vocabulary.IMPORTABLE.keySet().stream().sorted().toList() + " (or java.util.*, java.time.*), "
                        + "found import " + Texts.shorten(i.getTarget())));
            }
        }
        for (var f : pkg.getFunctionImports()) {
            problems.add(at(source, f, "expected imports of types only, found import function "
                    + Texts.shorten(f.getTarget()) + "; rules call only the fact types' methods and the helpers in "
                    + "org.assessor.facts.Numbers"));
        }
        for (var f : pkg.getFunctions()) {
            problems.add(at(source, f, "expected rules only, found function " + f.getName() + "; the rule language has "
                    + "no functions: write the calculation in the rule, or add a pure helper to org.assessor.facts.Numbers"));
        }
        for (var g : pkg.getGlobals()) {
            problems.add(at(source, g, "expected rules only, found global " + g.getIdentifier() + "; a rule reads only "
                    + "facts (a setting belongs in the register)"));
        }
        for (var t : pkg.getTypeDeclarations()) {
            problems.add(at(source, t, "expected rules only, found declare " + t.getTypeName() + "; the fact types are "
                    + "Assessor's own (org.assessor.facts), so a new one is Java, reviewed with the code"));
        }
        for (var t : pkg.getEnumDeclarations()) {
            problems.add(at(source, t, "expected rules only, found declare enum " + t.getTypeName() + "; name values "
                    + "as text in quotes, or as register rows"));
        }
        for (var w : pkg.getWindowDeclarations()) {
            problems.add(at(source, w, "expected rules only, found declare window; the rule language has no windows"));
        }
        for (var e : pkg.getEntryPointDeclarations()) {
            problems.add(at(source, e, "expected rules only, found an entry point; every fact is in the one session"));
        }
        for (var a : pkg.getAccumulateImports()) {
            problems.add(at(source, a, "expected imports of types only, found import accumulate; the accumulate "
                    + "functions are the built-in ones " + Conditions.FUNCTIONS.keySet().stream().sorted().toList()));
        }
        if (pkg.getUnit() != null) {
            problems.add(at(source, pkg.getUnit(), "expected a package, found a unit; the rule language has no rule units"));
        }
        for (AttributeDescr a : pkg.getAttributes()) {
            problems.add(at(source, a, "expected no attributes for the whole file, found " + a.getName()
                    + (a.getName().equals("dialect") ? "; rules are written in the rule language, so leave the dialect out"
                    : "; give each rule its layer with agenda-group")));
        }
    }

    private static void rule(SourceText source, Vocabulary vocabulary, RuleDescr r, PackageDescr pkg,
                             List<Problem> problems) {
        String name = "rule \"" + r.getName() + "\"";
        if (r.getParentName() != null) {
            problems.add(at(source, r, name + " extends \"" + r.getParentName() + "\"; expected a rule of its own: write "
                    + "the conditions it shares out in full"));
        }
        for (AttributeDescr a : r.getAttributes().values()) {
            if (pkg.getAttributes().stream().anyMatch(p -> p.getLine() == a.getLine() && p.getColumn() == a.getColumn())) {
                continue; // a file's attribute, reported once for the file
            }
            String problem = attribute(name, a);
            if (problem != null) problems.add(at(source, a, problem));
        }
        String lookAlike = lookAlike(r.getName());
        if (lookAlike != null) problems.add(at(source, r, name + " " + lookAlike));
        int ruleStart = Math.max(0, r.getStartCharacter());
        for (AnnotationDescr a : r.getAnnotations()) {
            int at = source.find("@" + a.getName(), ruleStart);
            String problem = metadata(name, a);
            if (problem != null) problems.add(at >= 0 ? source.at(at, problem) : at(source, r, problem));
        }
        if (!r.getNamedConsequences().isEmpty()) {
            problems.add(at(source, r, name + " has named consequences (then[…]); expected one consequence after then"));
        }
        Map<String, Class<?>> scope = new Conditions(source, vocabulary, r.getName(), problems).check(r.getLhs());
        if (r.getConsequence() != null) consequence(source, vocabulary, r, scope, problems);
    }

    /** The problem with an attribute, or null: only agenda-group, with its layer as text, is in the language. */
    private static String attribute(String rule, AttributeDescr a) {
        String n = a.getName();
        if (n.equals(LAYER)) {
            return a.getType() == AttributeDescr.Type.STRING ? null
                    : rule + " names its agenda-group with an expression; expected the layer in quotes, such as agenda-group \"evidence\"";
        }
        if (n.equals("salience")) return rule + " uses salience to force an order; let layers follow from the facts instead";
        if (CLOCK_OR_ORDER.contains(n)) {
            return rule + " uses the attribute '" + n + "', which makes results depend on the clock, on firing order or "
                    + "on a switch rather than on the evidence; remove it (a dated policy value belongs in the register, "
                    + "with its effective dates)";
        }
        if (n.equals("dialect")) {
            return rule + " sets a dialect; rules are written in the rule language (docs/writing-rules.md), so leave "
                    + "the dialect out";
        }
        return rule + " uses the attribute '" + Texts.shorten(n) + "'; expected only agenda-group, the rule's layer";
    }

    /** The problem with a metadata value, or null: only @id, @kind, @statement and @reason, each text in quotes. */
    private static String metadata(String rule, AnnotationDescr a) {
        if (!METADATA.contains(a.getName())) {
            return rule + " has metadata @" + Texts.shorten(a.getName()) + "; expected only " + METADATA.stream()
                    .map(m -> "@" + m).toList() + " (a note is a // comment; metadata values would run as code)";
        }
        Map<String, Object> values = a.getValueMap();
        Object raw = values.size() == 1 ? values.get(AnnotationDescr.VALUE) : null;
        if (raw instanceof String s && literal(s)) {
            // An id is what the report credits a finding to: plain capitals, digits and hyphens, so no look-alike
            // (a Cyrillic letter, a Unicode hyphen, a tab) can pass for another rule's id.
            if (a.getName().equals("id") && !s.matches("\"[A-Z][A-Z0-9]*(-[A-Z0-9]+)*\"")) {
                return rule + " has @id(" + Texts.shorten(visible(s)) + "); expected capital letters A-Z, digits 0-9 and "
                        + "single hyphens, such as @id(\"EV-BM-01\")";
            }
            return null;
        }
        return rule + " has @" + a.getName() + " with a value that is not one text in quotes; expected @" + a.getName()
                + "(\"…\")";
    }

    /**
     * Why a rule's name could pass for another's, or null: a letter of another script than the Latin one (a Cyrillic
     * 'а' looks like 'a'), an invisible character, or a hyphen or space that only looks like the usual one.
     */
    static String lookAlike(String name) {
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            String what = null;
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                what = "a letter of the " + Character.UnicodeScript.of(cp).name().toLowerCase(java.util.Locale.ROOT)
                        + " script";
            } else if (Character.getType(cp) == Character.FORMAT || Character.isISOControl(cp)) {
                what = "an invisible character";
            } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2212 || cp == 0x00AD) {
                what = "a character that looks like a hyphen";
            } else if (Character.isSpaceChar(cp) && cp != ' ') {
                what = "a space other than the usual one";
            }
            if (what != null) {
                return "has " + what + " in its name (U+" + String.format("%04X", cp) + "); expected a name in Latin "
                        + "letters, digits, spaces and punctuation, so that it cannot pass for another rule's name";
            }
        }
        return null;
    }

    private static String visible(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(cp >= 0x20 && cp < 0x7F ? Character.toString(cp)
                : String.format("<U+%04X>", cp)));
        return b.toString();
    }

    private static boolean literal(String raw) {
        List<Token> tokens = Lexer.tokens(raw);
        return tokens.size() == 2 && tokens.get(0).kind() == Token.Kind.STRING && tokens.get(0).text().startsWith("\"")
                && tokens.get(1).kind() == Token.Kind.END;
    }

    private static void consequence(SourceText source, Vocabulary vocabulary, RuleDescr r, Map<String, Class<?>> scope,
                                    List<Problem> problems) {
        String text = r.getConsequence().toString();
        int base = source.find(text, source.lineStart(r.getConsequenceLine()));
        try {
            Checker checker = Checker.consequence(vocabulary, scope);
            for (Node.Statement s : Parser.consequence(text)) checker.statement(s);
        } catch (LanguageError e) {
            String message = "rule \"" + r.getName() + "\": " + e.getMessage();
            problems.add(base >= 0 ? source.at(base + e.at(), message)
                    : source.atLine(r.getConsequenceLine(), 0, message));
        }
    }

    private static Problem at(SourceText source, BaseDescr d, String message) {
        if (d.getLine() > 0) return source.atLine(d.getLine(), d.getColumn(), message);
        if (d.getStartCharacter() >= 0) return source.at(d.getStartCharacter(), message);
        return new Problem(source.file(), 1, 1, message);
    }
}
