package org.assessor.ruleset.language;

import java.util.List;

/** The parsed form of what the rule language lets a condition or a consequence say; {@code at} is the offset. */
sealed interface Node {
    int at();

    /** A number, text in quotes, true, false or null, as written. */
    record Literal(Token.Kind kind, String text, int at) implements Node {}

    /** A bare name: a bound value, a local value, a field of the pattern's fact, or a class. */
    record Name(String name, int at) implements Node {}

    /** {@code target.name}: a field of a fact, or a constant of a class. */
    record Member(Node target, String name, int at) implements Node {}

    /** {@code target.name(args)}, or {@code name(args)} when target is null (a method of the pattern's fact). */
    record Call(Node target, String name, List<Node> args, int at) implements Node {}

    /** {@code new type(args)}. */
    record New(String type, List<Node> args, int at) implements Node {}

    /** {@code (type) value} for a number type. */
    record Cast(String type, Node value, int at) implements Node {}

    /** {@code !value}, {@code -value} or {@code +value}. */
    record Unary(String op, Node value, int at) implements Node {}

    /** Arithmetic, comparison, {@code &&}, {@code ||}, and the conditions' contains and memberOf. */
    record Binary(String op, Node left, Node right, int at) implements Node {}

    /** {@code test ? then : otherwise}. */
    record Conditional(Node test, Node then, Node otherwise, int at) implements Node {}

    /** A condition's {@code value in (a, b)} or {@code value not in (a, b)}. */
    record In(Node value, boolean not, List<Node> values, int at) implements Node {}

    /** One condition of a pattern: an optional binding ({@code $x :}) and an expression. */
    record Constraint(String binding, int bindingAt, Node expression) {}

    /** One statement of a consequence. */
    sealed interface Statement {
        int at();
    }

    /** {@code [final] type name = value;} */
    record Local(String type, String name, Node value, int at) implements Statement {}

    /** {@code insert(value);} or {@code insertLogical(value);} */
    record Insert(String how, Node value, int at) implements Statement {}
}
