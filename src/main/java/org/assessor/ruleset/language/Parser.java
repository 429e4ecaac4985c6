package org.assessor.ruleset.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the rule language's conditions and consequences into {@link Node}s: Java's expression grammar without
 * assignment, lambdas, arrays, blocks or class literals, plus a condition's {@code $x :} binding and {@code in}; a
 * consequence is local values and {@code insert}/{@code insertLogical} statements. Anything else is a
 * {@link LanguageError} at the token where it starts.
 */
final class Parser {
    /** The most tokens one condition, accumulate argument or consequence may hold; no rule comes near it. */
    static final int MOST_TOKENS = 2000;
    /** The deepest nesting of brackets and operators accepted. */
    static final int DEEPEST = 64;
    static final Set<String> NUMBER_TYPES = Set.of("int", "long", "double", "float", "short", "byte");
    /** Java's reserved words, which are never names in the rule language. */
    private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "var", "yield", "record", "sealed", "permits", "true", "false", "null");
    /** Operators of DRL and its dialects that the rule language leaves out, with what to write instead. */
    private static final Set<String> OPERATOR_WORDS = Set.of("contains", "memberOf", "matches", "soundslike", "str",
            "excludes", "after", "before", "coincides", "during", "finishes", "finishedby", "includes", "meets", "metby",
            "overlaps", "overlappedby", "starts", "startedby", "instanceof", "not");

    private final List<Token> tokens;
    private final boolean condition;
    private int p;
    private int depth;

    private Parser(List<Token> tokens, boolean condition) throws LanguageError {
        if (tokens.size() > MOST_TOKENS + 1) {
            throw new LanguageError(tokens.get(MOST_TOKENS).at(), "expected at most " + MOST_TOKENS + " words and symbols "
                    + "in one condition or consequence, found " + (tokens.size() - 1) + "; split it into several");
        }
        this.tokens = tokens;
        this.condition = condition;
    }

    /** One condition of a pattern: {@code [$x :] expression}. */
    static Node.Constraint constraint(String text) throws LanguageError {
        Parser parser = new Parser(Lexer.tokens(text), true);
        String binding = null;
        int bindingAt = 0;
        if (parser.peek().kind() == Token.Kind.NAME && parser.peek(1).is(":")) {
            Token name = parser.advance();
            parser.advance();
            binding = name.text();
            bindingAt = name.at();
        }
        Node e = parser.expression();
        parser.expectEnd("a condition");
        return new Node.Constraint(binding, bindingAt, e);
    }

    /** An expression of a condition (an accumulate function's argument). */
    static Node conditionExpression(String text) throws LanguageError {
        Parser parser = new Parser(Lexer.tokens(text), true);
        Node e = parser.expression();
        parser.expectEnd("an expression");
        return e;
    }

    /** The statements of a consequence. */
    static List<Node.Statement> consequence(String text) throws LanguageError {
        Parser parser = new Parser(Lexer.tokens(text), false);
        List<Node.Statement> out = new ArrayList<>();
        while (parser.peek().kind() != Token.Kind.END) out.add(parser.statement());
        return out;
    }

    private Node.Statement statement() throws LanguageError {
        Token first = peek();
        if ((first.is("insert") || first.is("insertLogical")) && peek(1).is("(")) {
            advance();
            List<Node> args = arguments();
            if (args.size() != 1) {
                throw new LanguageError(first.at(), "expected " + first.text() + " with one fact, such as "
                        + first.text() + "(Finding.by(kcontext, …)), found " + args.size() + " arguments");
            }
            expect(";", "after " + first.text() + "(…)");
            return new Node.Insert(first.text(), args.get(0), first.at());
        }
        if (first.is("final")) advance();
        Token type = peek();
        if (type.kind() == Token.Kind.NAME && peek(1).kind() == Token.Kind.NAME && peek(2).is("=")) {
            advance();
            Token name = advance();
            if (RESERVED.contains(name.text())) throw new LanguageError(name.at(), "expected a name for the value, found "
                    + name.shown() + ", a word Java keeps for itself");
            advance();
            Node value = expression();
            expect(";", "after the value of " + name.text());
            return new Node.Local(type.text(), name.text(), value, type.at());
        }
        throw new LanguageError(first.at(), "expected a statement of the rule language, insertLogical(…); insert(…); or "
                + "a value such as double raw = …;, found " + first.shown() + " (a consequence only names values and "
                + "inserts facts: no loops, ifs, assignments or other calls)");
    }

    private Node expression() throws LanguageError {
        enter();
        Node test = or();
        if (peek().is("?")) {
            Token q = advance();
            Node then = expression();
            expect(":", "in … ? … : …");
            Node otherwise = expression();
            test = new Node.Conditional(test, then, otherwise, q.at());
        }
        depth--;
        return test;
    }

    private Node or() throws LanguageError {
        Node left = and();
        while (peek().is("||")) {
            Token op = advance();
            left = new Node.Binary("||", left, and(), op.at());
        }
        return left;
    }

    private Node and() throws LanguageError {
        Node left = equality();
        while (peek().is("&&")) {
            Token op = advance();
            left = new Node.Binary("&&", left, equality(), op.at());
        }
        return left;
    }

    private Node equality() throws LanguageError {
        Node left = relational();
        while (peek().is("==") || peek().is("!=")) {
            Token op = advance();
            left = new Node.Binary(op.text(), left, relational(), op.at());
        }
        return left;
    }

    private Node relational() throws LanguageError {
        Node left = additive();
        while (true) {
            Token t = peek();
            if (t.is("<") || t.is(">") || t.is("<=") || t.is(">=")) {
                advance();
                left = new Node.Binary(t.text(), left, additive(), t.at());
            } else if (condition && t.is("in")) {
                advance();
                left = new Node.In(left, false, list(), t.at());
            } else if (condition && t.is("not") && peek(1).is("in")) {
                advance();
                advance();
                left = new Node.In(left, true, list(), t.at());
            } else if (t.kind() == Token.Kind.NAME && OPERATOR_WORDS.contains(t.text())) {
                throw new LanguageError(t.at(), operatorWord(t.text().equals("not") ? peek(1).text() : t.text()));
            } else {
                return left;
            }
        }
    }

    private static String operatorWord(String word) {
        String instead = switch (word) {
            case "contains", "excludes" -> "write it as a method call, for example $categories.contains(category)";
            case "memberOf" -> "write it as a method call on the collection, for example $ids.contains(evidenceId)";
            case "str" -> "write it as a method call, for example measure.startsWith(\"nhs-\") instead of measure "
                    + "str[startsWith] \"nhs-\"";
            case "instanceof" -> "match the fact type in a pattern instead";
            case "matches", "soundslike" -> "compare with == or a String method such as startsWith or contains";
            default -> "compare dates with isBefore, isAfter or isEqual (the assessment's dates are facts)";
        };
        return "expected an operator such as ==, <, && or in, found the operator '" + word + "', which the rule "
                + "language does not have; " + instead;
    }

    private List<Node> list() throws LanguageError {
        if (!peek().is("(")) throw new LanguageError(peek().at(), "expected a list in brackets after in, such as "
                + "kind in (\"target\", \"limit\"), found " + peek().shown());
        return arguments();
    }

    private Node additive() throws LanguageError {
        Node left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = advance();
            left = new Node.Binary(op.text(), left, multiplicative(), op.at());
        }
        return left;
    }

    private Node multiplicative() throws LanguageError {
        Node left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = advance();
            left = new Node.Binary(op.text(), left, unary(), op.at());
        }
        return left;
    }

    private Node unary() throws LanguageError {
        enter();
        Token t = peek();
        Node out;
        if (t.is("!") || t.is("-") || t.is("+")) {
            advance();
            out = new Node.Unary(t.text(), unary(), t.at());
        } else if (t.is("(") && peek(1).kind() == Token.Kind.NAME
                && (NUMBER_TYPES.contains(peek(1).text()) || peek(1).is("boolean")) && peek(2).is(")")) {
            advance();
            String type = advance().text();
            advance();
            out = new Node.Cast(type, unary(), t.at());
        } else {
            out = postfix();
        }
        depth--;
        return out;
    }

    private Node postfix() throws LanguageError {
        Node n = primary();
        while (peek().is(".")) {
            advance();
            Token name = peek();
            if (name.kind() != Token.Kind.NAME || RESERVED.contains(name.text())) {
                throw new LanguageError(name.at(), "expected the name of a field or method after '.', found "
                        + name.shown() + (name.is("class") ? " (the rule language has no class literals)" : ""));
            }
            advance();
            n = peek().is("(") ? new Node.Call(n, name.text(), arguments(), name.at())
                    : new Node.Member(n, name.text(), name.at());
        }
        return n;
    }

    private Node primary() throws LanguageError {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER, STRING -> {
                advance();
                return new Node.Literal(t.kind(), t.text(), t.at());
            }
            case SYMBOL -> {
                if (t.is("(")) {
                    advance();
                    Node inner = expression();
                    expect(")", "to close the bracket");
                    return inner;
                }
                throw new LanguageError(t.at(), "expected a value (a field, a bound $value, a number or text in quotes), "
                        + "found " + t.shown());
            }
            case END -> throw new LanguageError(t.at(), "expected a value, found the end");
            default -> { }
        }
        advance();
        switch (t.text()) {
            case "true", "false", "null" -> {
                return new Node.Literal(Token.Kind.NAME, t.text(), t.at());
            }
            case "new" -> {
                StringBuilder type = new StringBuilder(name("after new"));
                while (peek().is(".")) {
                    advance();
                    type.append('.').append(name("in the class name after new"));
                }
                if (!peek().is("(")) throw new LanguageError(peek().at(), "expected (…) after new " + type
                        + ", found " + peek().shown() + " (the rule language has no arrays or type arguments)");
                return new Node.New(type.toString(), arguments(), t.at());
            }
            default -> { }
        }
        if (RESERVED.contains(t.text())) {
            throw new LanguageError(t.at(), "expected a value, found " + t.shown() + ", which the rule language does "
                    + "not have" + (t.is("this") ? " (name the pattern's fields directly, or bind the fact: $m : Metric())"
                    : ""));
        }
        return peek().is("(") ? new Node.Call(null, t.text(), arguments(), t.at()) : new Node.Name(t.text(), t.at());
    }

    private String name(String where) throws LanguageError {
        Token t = peek();
        if (t.kind() != Token.Kind.NAME || RESERVED.contains(t.text())) {
            throw new LanguageError(t.at(), "expected a class name " + where + ", found " + t.shown());
        }
        advance();
        return t.text();
    }

    private List<Node> arguments() throws LanguageError {
        expect("(", "");
        List<Node> args = new ArrayList<>();
        if (peek().is(")")) {
            advance();
            return args;
        }
        while (true) {
            args.add(expression());
            if (peek().is(",")) {
                advance();
            } else {
                expect(")", "to close the list of arguments");
                return args;
            }
        }
    }

    private void enter() throws LanguageError {
        if (++depth > DEEPEST) {
            throw new LanguageError(peek().at(), "expected brackets and operators nested at most " + DEEPEST
                    + " deep, found more; split the condition or name a part of it");
        }
    }

    private void expect(String symbol, String where) throws LanguageError {
        if (!peek().is(symbol)) {
            throw new LanguageError(peek().at(), "expected '" + symbol + "'" + (where.isEmpty() ? "" : " " + where)
                    + ", found " + peek().shown());
        }
        advance();
    }

    private void expectEnd(String what) throws LanguageError {
        Token t = peek();
        if (t.kind() != Token.Kind.END) {
            String hint = t.is("=") ? " (compare with ==)" : t.is(";") || t.is(",") ? " (one condition at a time)" : "";
            throw new LanguageError(t.at(), "expected the end of " + what + ", found " + t.shown() + hint);
        }
    }

    private Token peek() throws LanguageError {
        return peek(0);
    }

    private Token peek(int ahead) throws LanguageError {
        Token t = tokens.get(Math.min(p + ahead, tokens.size() - 1));
        if (t.kind() == Token.Kind.ERROR) throw new LanguageError(t.at(), t.text());
        return t;
    }

    private Token advance() throws LanguageError {
        Token t = peek();
        if (p < tokens.size() - 1) p++;
        return t;
    }
}
