package org.assessor.ruleset.language;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.runtime.rule.RuleContext;

/**
 * Works out the type of every part of a parsed condition or consequence and refuses any name, method, constructor or
 * value the {@link Vocabulary} does not have. A value's type decides which methods may be called on it, so a call is
 * judged by what it calls, not by how it is spelt.
 */
final class Checker {
    /** The type of null. */
    private static final Class<?> NULL = Void.class;
    private static final Set<String> LOCAL_TYPES = Set.of("int", "long", "double", "boolean", "String");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=", "&&", "||");

    private final Vocabulary vocabulary;
    /** Bound values ($x) and, in a consequence, local values, by name. */
    private final Map<String, Class<?>> scope;
    /** The fact type whose fields bare names read (inside a pattern), or null. */
    private final Class<?> pattern;
    private final boolean consequence;

    private Checker(Vocabulary vocabulary, Map<String, Class<?>> scope, Class<?> pattern, boolean consequence) {
        this.vocabulary = vocabulary;
        this.scope = scope;
        this.pattern = pattern;
        this.consequence = consequence;
    }

    /** A checker for the conditions of a pattern of type {@code pattern} (null for an accumulate's own conditions). */
    static Checker condition(Vocabulary vocabulary, Map<String, Class<?>> scope, Class<?> pattern) {
        return new Checker(vocabulary, scope, pattern, false);
    }

    /** A checker for a consequence; its local values are added to a copy of the scope. */
    static Checker consequence(Vocabulary vocabulary, Map<String, Class<?>> scope) {
        return new Checker(vocabulary, new HashMap<>(scope), null, true);
    }

    /** Checks a statement of a consequence, adding a local value to the scope. */
    void statement(Node.Statement s) throws LanguageError {
        if (s instanceof Node.Local local) {
            Class<?> type = localType(local.type());
            if (type == null) {
                throw new LanguageError(local.at(), "expected the type of a value, one of " + LOCAL_TYPES
                        + " or a fact type, found '" + Texts.shorten(local.type()) + "'");
            }
            if (local.name().startsWith("$") || scope.containsKey(local.name()) || vocabulary.type(local.name()) != null
                    || local.name().equals("kcontext") || local.name().equals("drools")) {
                throw new LanguageError(local.at(), "expected a new name for the value, found '" + local.name()
                        + "', which is already a bound value, a class or a name the rules keep");
            }
            type(local.value());
            scope.put(local.name(), type);
        } else if (s instanceof Node.Insert insert) {
            Class<?> type = type(insert.value());
            if (!Vocabulary.isFact(type)) {
                throw new LanguageError(insert.value().at(), "expected a fact to insert, such as new StatementScore(…) or "
                        + "Finding.by(kcontext, …), found " + describe(type));
            }
            given(type, insert.value().at());
        }
    }

    private Class<?> localType(String written) {
        return switch (written) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "boolean" -> boolean.class;
            case "String" -> String.class;
            default -> {
                Class<?> c = vocabulary.type(written);
                yield Vocabulary.isFactClass(c) ? c : null;
            }
        };
    }

    /** The type of a condition's binding: the field or value bound, or its left side when it is also compared. */
    Class<?> bound(Node e) throws LanguageError {
        Class<?> whole = type(e);
        if (e instanceof Node.Binary b && COMPARISONS.contains(b.op()) && !b.op().equals("&&") && !b.op().equals("||")) {
            return type(b.left());
        }
        return whole;
    }

    /** The type of an expression, once every name, call and constructor in it is known to be in the language. */
    Class<?> type(Node n) throws LanguageError {
        if (n instanceof Node.Literal l) return literal(l);
        if (n instanceof Node.Name name) return name(name);
        if (n instanceof Node.Member m) return member(m);
        if (n instanceof Node.Call c) return call(c);
        if (n instanceof Node.New nw) return construct(nw);
        if (n instanceof Node.Cast c) {
            type(c.value());
            return Parser.NUMBER_TYPES.contains(c.type()) ? primitive(c.type()) : boolean.class;
        }
        if (n instanceof Node.Unary u) {
            Class<?> t = type(u.value());
            return u.op().equals("!") ? boolean.class : t;
        }
        if (n instanceof Node.Binary b) {
            Class<?> l = type(b.left());
            Class<?> r = type(b.right());
            if (COMPARISONS.contains(b.op())) return boolean.class;
            if (b.op().equals("+") && (l == String.class || r == String.class)) return String.class;
            return double.class;
        }
        if (n instanceof Node.Conditional c) {
            type(c.test());
            Class<?> a = type(c.then());
            Class<?> b = type(c.otherwise());
            return a == b ? a : a == String.class || b == String.class ? String.class : Object.class;
        }
        if (n instanceof Node.In in) {
            type(in.value());
            for (Node v : in.values()) type(v);
            return boolean.class;
        }
        throw new LanguageError(n.at(), "expected an expression of the rule language");
    }

    private static Class<?> literal(Node.Literal l) {
        if (l.kind() == Token.Kind.STRING) return String.class;
        if (l.kind() == Token.Kind.NUMBER) {
            String t = l.text().toLowerCase(java.util.Locale.ROOT);
            if (t.endsWith("l")) return long.class;
            return t.contains(".") || t.contains("e") || t.endsWith("d") || t.endsWith("f") ? double.class : int.class;
        }
        return l.text().equals("null") ? NULL : boolean.class;
    }

    private static Class<?> primitive(String name) {
        return switch (name) {
            case "int", "short", "byte" -> int.class;
            case "long" -> long.class;
            default -> double.class;
        };
    }

    private Class<?> name(Node.Name n) throws LanguageError {
        String name = n.name();
        if (name.equals("kcontext")) {
            throw new LanguageError(n.at(), "expected a value, found kcontext, which may only be passed to a fact type's "
                    + "factory that records the rule, such as Finding.by(kcontext, …)");
        }
        if (name.equals("drools")) {
            throw new LanguageError(n.at(), "expected a value, found drools, which is not part of the rule language; "
                    + "write insertLogical(…) or insert(…) as a statement");
        }
        if (scope.containsKey(name)) return scope.get(name);
        if (name.startsWith("$")) {
            throw new LanguageError(n.at(), "expected a value bound earlier in the rule, found '" + name + "', which "
                    + "is not bound here (bind it in an earlier pattern, such as " + name + " : field)");
        }
        if (pattern != null) {
            Class<?> field = Vocabulary.property(pattern, name);
            if (field != null) return field;
        }
        if (vocabulary.type(name) != null) {
            throw new LanguageError(n.at(), "expected a value, found the class " + name + " on its own; call one of its "
                    + "methods, such as " + name + "." + example(vocabulary.type(name)) + "(…)");
        }
        if (pattern != null && Vocabulary.isFactClass(pattern)) {
            throw new LanguageError(n.at(), "unknown field '" + name + "' on " + pattern.getSimpleName() + "; its fields are "
                    + Vocabulary.fields(pattern));
        }
        throw new LanguageError(n.at(), "expected a bound value ($name)" + (consequence ? ", a value named earlier in the "
                + "consequence" : "") + " or a class of the rule language, found '" + Texts.shorten(name) + "'");
    }

    private static String example(Class<?> c) {
        var names = Vocabulary.methodNames(c, true);
        return names.isEmpty() ? "method" : names.iterator().next();
    }

    /** The class a dotted name stands for, when it is not a value: {@code Numbers}, {@code java.util.TreeSet}. */
    private Class<?> asClass(Node n) {
        String q = qualified(n);
        if (q == null) return null;
        String first = q.contains(".") ? q.substring(0, q.indexOf('.')) : q;
        if (scope.containsKey(first) || first.startsWith("$")) return null;
        if (pattern != null && Vocabulary.property(pattern, first) != null) return null;
        return vocabulary.type(q);
    }

    private static String qualified(Node n) {
        if (n instanceof Node.Name name) return name.name();
        if (n instanceof Node.Member m) {
            String left = qualified(m.target());
            return left == null ? null : left + "." + m.name();
        }
        return null;
    }

    private Class<?> member(Node.Member m) throws LanguageError {
        Class<?> owner = asClass(m.target());
        if (owner != null) {
            var constant = Vocabulary.constant(owner, m.name());
            if (constant == null) {
                throw new LanguageError(m.at(), "expected a constant of " + owner.getSimpleName() + ", found '" + m.name()
                        + "', which the rule language does not have");
            }
            return constant.getType();
        }
        if (qualified(m) != null && vocabulary.type(qualified(m)) != null) {
            throw new LanguageError(m.at(), "expected a value, found the class " + qualified(m) + " on its own");
        }
        unknownDottedName(m.target());
        notAClass(m.target());
        Class<?> type = type(m.target());
        Class<?> field = Vocabulary.property(type, m.name());
        if (field == null) {
            throw new LanguageError(m.at(), Vocabulary.isFactClass(type) ? "unknown field '" + m.name() + "' on "
                    + type.getSimpleName() + "; its fields are " + Vocabulary.fields(type)
                    : "expected a method call on " + describe(type) + ", such as ." + first(type) + "(), found the field '"
                    + m.name() + "'");
        }
        return field;
    }

    /**
     * Refuses a dotted name that starts with neither a value nor a class of the language ({@code java.lang.System},
     * {@code java.util.Objects}), naming it whole rather than by its first part.
     */
    private void unknownDottedName(Node target) throws LanguageError {
        String q = qualified(target);
        if (q == null || !q.contains(".")) return;
        String first = q.substring(0, q.indexOf('.'));
        if (scope.containsKey(first) || first.startsWith("$")) return;
        if (pattern != null && Vocabulary.property(pattern, first) != null) return;
        String prefix = q;
        while (prefix.contains(".")) {
            if (vocabulary.type(prefix) != null) return;
            prefix = prefix.substring(0, prefix.lastIndexOf('.'));
        }
        if (vocabulary.type(prefix) != null) return;
        throw new LanguageError(target.at(), "expected a class of the rule language, found '" + Texts.shorten(q)
                + "' (rules call only the fact types' methods, Numbers and String, Math and LocalDate's pure methods)");
    }

    /** Refuses a capitalised name used as a class when it is no class of the language (System, Runtime, Files). */
    private void notAClass(Node target) throws LanguageError {
        if (target instanceof Node.Name n && !n.name().isEmpty() && Character.isUpperCase(n.name().charAt(0))
                && !scope.containsKey(n.name()) && (pattern == null || Vocabulary.property(pattern, n.name()) == null)
                && vocabulary.type(n.name()) == null) {
            throw new LanguageError(n.at(), "expected a class of the rule language, found '" + Texts.shorten(n.name())
                    + "' (rules call only the fact types' methods, Numbers and String, Math and LocalDate's pure methods)");
        }
    }

    private static String first(Class<?> type) {
        var names = Vocabulary.methodNames(type, false);
        return names.isEmpty() ? "equals" : names.iterator().next();
    }

    private Class<?> call(Node.Call c) throws LanguageError {
        if (c.target() == null) {
            if (pattern != null && !consequence) {
                return invoke(pattern, c, false, "the pattern's fact " + pattern.getSimpleName());
            }
            throw new LanguageError(c.at(), consequence && (c.name().equals("insert") || c.name().equals("insertLogical"))
                    ? "expected " + c.name() + "(…) as a statement of its own, found it inside an expression"
                    : "expected a method of a value or a class, such as Numbers.plain(…), found a call of '" + c.name()
                    + "' on its own (the rule language has no functions)");
        }
        Class<?> owner = asClass(c.target());
        if (owner != null) return invoke(owner, c, true, owner.getSimpleName());
        unknownDottedName(c.target());
        notAClass(c.target());
        Class<?> type = type(c.target());
        return invoke(type, c, false, describe(type));
    }

    private Class<?> invoke(Class<?> owner, Node.Call c, boolean statics, String what) throws LanguageError {
        List<Method> candidates = Vocabulary.methods(owner, c.name(), statics).stream()
                .filter(m -> m.getParameterCount() == c.args().size()).toList();
        if (candidates.isEmpty()) {
            var names = Vocabulary.methodNames(owner, statics);
            boolean has = names.contains(c.name());
            throw new LanguageError(c.at(), "expected a method of " + what + (names.isEmpty() ? ", which has none in the "
                    + "rule language" : " such as " + shortList(names)) + ", found '" + c.name() + "'"
                    + (has ? " with " + c.args().size() + " argument" + (c.args().size() == 1 ? "" : "s")
                    : ", which the rule language does not have"));
        }
        boolean takesRule = candidates.stream().anyMatch(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] == RuleContext.class);
        for (int i = 0; i < c.args().size(); i++) {
            Node arg = c.args().get(i);
            if (i == 0 && takesRule && arg instanceof Node.Name n && n.name().equals("kcontext")) continue;
            if (i == 0 && takesRule) {
                throw new LanguageError(arg.at(), "expected kcontext as the first argument of " + owner.getSimpleName()
                        + "." + c.name() + ", so the fact records the rule that made it, found something else");
            }
            type(arg);
        }
        if (takesRule && !consequence) {
            throw new LanguageError(c.at(), "expected " + owner.getSimpleName() + "." + c.name() + " in a consequence, "
                    + "found it in a condition");
        }
        Class<?> result = candidates.get(0).getReturnType();
        for (Method m : candidates) if (m.getReturnType() != result) return Object.class;
        return result;
    }

    private Class<?> construct(Node.New n) throws LanguageError {
        Class<?> type = vocabulary.type(n.type());
        if (type != null && Vocabulary.givenOnly(type)) {
            var ways = Vocabulary.allowedMethods(type, true).stream().filter(m -> m.getReturnType() == type)
                    .map(m -> type.getSimpleName() + "." + m.getName() + "(…)").distinct().sorted().toList();
            throw new LanguageError(n.at(), "expected " + (ways.isEmpty() ? "a fact the rules derive"
                    : String.join(" or ", ways)) + ", found new " + type.getSimpleName() + "(…), which makes one as "
                    + "the evidence gives it: only the evidence does that");
        }
        if (type == null || !Vocabulary.constructible(type, n.args().size())) {
            throw new LanguageError(n.at(), "expected new with a fact type (new StatementScore(…)) or new java.util.TreeSet(…) "
                    + "to sort for display, found new " + Texts.shorten(n.type()) + " with " + n.args().size()
                    + " argument" + (n.args().size() == 1 ? "" : "s"));
        }
        var factories = java.util.Arrays.stream(type.getMethods()).filter(m -> java.lang.reflect.Modifier.isStatic(
                m.getModifiers()) && m.getParameterCount() > 0 && m.getParameterTypes()[0] == RuleContext.class)
                .map(m -> type.getSimpleName() + "." + m.getName() + "(kcontext, …)").distinct().sorted().toList();
        if (!factories.isEmpty()) {
            throw new LanguageError(n.at(), "expected " + String.join(" or ", factories) + ", which records the rule that "
                    + "made it, found new " + type.getSimpleName() + "(…)");
        }
        given(type, n.at());
        // A fact that names the rule that made it takes that name from the rule itself, never from text it writes.
        if (type.isRecord()) {
            var components = type.getRecordComponents();
            for (int i = 0; i < components.length && i < n.args().size(); i++) {
                if (components[i].getName().equals("ruleId") && !isOwnRuleId(n.args().get(i))) {
                    throw new LanguageError(n.args().get(i).at(), "expected RuleIds.of(kcontext) for the " + type.getSimpleName()
                            + "'s ruleId, which records the rule that made it, found something else (a rule cannot make a "
                            + "fact in another rule's name)");
                }
            }
        }
        for (Node a : n.args()) type(a);
        return type;
    }

    private static boolean isOwnRuleId(Node arg) {
        return arg instanceof Node.Call c && c.name().equals("of") && c.target() instanceof Node.Name t
                && t.name().equals("RuleIds") && c.args().size() == 1 && c.args().get(0) instanceof Node.Name k
                && k.name().equals("kcontext");
    }

    /** Refuses making a fact that only the evidence, the register or the framework give ({@link org.assessor.facts.Given}). */
    private static void given(Class<?> type, int at) throws LanguageError {
        if (type != null && org.assessor.facts.Given.class.isAssignableFrom(type)) {
            throw new LanguageError(at, "expected a fact the rules derive (a finding, a score, a rating, a cap), found a "
                    + type.getSimpleName() + ", which only the evidence, the register or the framework gives: a rule "
                    + "matches it and never makes one");
        }
    }

    private static String shortList(Set<String> names) {
        return names.size() <= 12 ? names.toString() : names.stream().limit(12).toList() + " …";
    }

    private static String describe(Class<?> type) {
        if (type == NULL) return "null";
        if (type == null || type == Object.class) return "a value of unknown type";
        if (type.isPrimitive()) return "a number or true/false (" + type.getName() + ")";
        String name = type.getSimpleName();
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
