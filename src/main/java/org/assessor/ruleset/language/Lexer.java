package org.assessor.ruleset.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a condition or a consequence into tokens the way Java does, and refuses what the rule language never needs
 * (array brackets, blocks, lambdas, assignment operators, text blocks, characters outside ASCII outside text), so what
 * the parser accepts is read the same way by the compiler and by MVEL.
 */
final class Lexer {
    /** Symbols of the language, longest first. */
    private static final List<String> SYMBOLS = List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*",
            "/", "%", "!", "?", ":", "(", ")", ",", ".", ";", "=");
    /** Symbols Java or MVEL has and the rule language does not, longest first so each is named whole. */
    private static final List<String> REFUSED = List.of(">>>=", "<<=", ">>=", ">>>", "...", "->", "::", ":=", "++", "--",
            "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "[", "]", "{", "}", "@", "#", "~", "^", "&", "|",
            "\\", "`");
    private static final Set<String> WHAT_INSTEAD_OF = Set.of("&", "|");

    private final String text;
    private int i;

    private Lexer(String text) {
        this.text = text;
    }

    /** The tokens of the text, ending with an END token at its end. */
    static List<Token> tokens(String text) {
        return new Lexer(text).all();
    }

    /**
     * Reads tokens up to the end, or up to the first thing the language does not have, which becomes an ERROR token
     * carrying its message: the parser reports it only if everything before it parses, so the first problem in
     * reading order is the one reported.
     */
    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        while (true) {
            try {
                skipSpaceAndComments();
                if (i >= text.length()) {
                    out.add(new Token(Token.Kind.END, "", text.length()));
                    return out;
                }
                out.add(next());
            } catch (LanguageError e) {
                out.add(new Token(Token.Kind.ERROR, e.getMessage(), e.at()));
                return out;
            }
        }
    }

    private void skipSpaceAndComments() throws LanguageError {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) throw new LanguageError(i, "a comment that is never closed; end it with */");
                i = end + 2;
            } else {
                return;
            }
        }
    }

    private Token next() throws LanguageError {
        char c = text.charAt(i);
        int start = i;
        if (isNameStart(c)) {
            while (i < text.length() && isNamePart(text.charAt(i))) i++;
            return new Token(Token.Kind.NAME, text.substring(start, i), start);
        }
        if (isDigit(c) || (c == '.' && i + 1 < text.length() && isDigit(text.charAt(i + 1)))) return number();
        if (c == '"' || c == '\'') return string(c);
        for (int length = 4; length >= 1; length--) {
            for (String s : REFUSED) {
                if (s.length() == length && text.startsWith(s, i)) {
                    String instead = WHAT_INSTEAD_OF.contains(s) ? " (write " + s + s + ")" : "";
                    throw new LanguageError(i, "expected an expression or an operator such as ==, &&, + or in, found '"
                            + s + "', which the rule language does not have" + instead);
                }
            }
            for (String s : SYMBOLS) {
                if (s.length() == length && text.startsWith(s, i)) {
                    i += s.length();
                    return new Token(Token.Kind.SYMBOL, s, start);
                }
            }
        }
        throw new LanguageError(i, "expected a name, a number, text in quotes or an operator, found "
                + describe(text.codePointAt(i)));
    }

    private Token number() throws LanguageError {
        int start = i;
        if (text.startsWith("0x", i) || text.startsWith("0X", i) || text.startsWith("0b", i) || text.startsWith("0B", i)) {
            throw new LanguageError(i, "expected a decimal number, found '" + text.substring(i, Math.min(text.length(), i + 2))
                    + "…' (write numbers in decimal)");
        }
        digits();
        if (i < text.length() && text.charAt(i) == '.' && i + 1 < text.length() && isDigit(text.charAt(i + 1))) {
            i++;
            digits();
        }
        if (i < text.length() && (isNamePart(text.charAt(i)) || text.charAt(i) == '.')) {
            throw new LanguageError(start, "expected a number, found '" + Texts.shorten(text.substring(start,
                    Math.min(text.length(), i + 12))) + "'; a number is digits with at most one decimal point (no "
                    + "exponent or type letter), so that every number a rule writes can be seen");
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, i), start);
    }

    private void digits() {
        while (i < text.length() && isDigit(text.charAt(i))) i++;
    }

    private Token string(char quote) throws LanguageError {
        int start = i;
        if (quote == '"' && text.startsWith("\"\"\"", i)) {
            throw new LanguageError(i, "expected text in quotes, found a text block (\"\"\"); write the text on one line");
        }
        i++;
        while (true) {
            if (i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                throw new LanguageError(start, "text in quotes that is never closed; end it with " + quote
                        + " on the same line");
            }
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length() || "btnfr\"'\\".indexOf(text.charAt(i + 1)) < 0) {
                    throw new LanguageError(i, "expected an escape such as \\\" or \\\\ in the text, found "
                            + (i + 1 < text.length() ? "'\\" + text.charAt(i + 1) + "'" : "the end"));
                }
                i += 2;
            } else if (c == quote) {
                i++;
                return new Token(Token.Kind.STRING, text.substring(start, i), start);
            } else {
                i++;
            }
        }
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String describe(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        return codePoint >= 0x20 && codePoint < 0x7f ? "'" + (char) codePoint + "'"
                : hex + " (only letters, digits and symbols of ASCII may be written outside text in quotes)";
    }
}
