package org.assessor.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.assessor.input.Problem;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Checks the expressions Drools interprets rather than compiles (pattern constraints and {@code from} sources), which
 * {@link RuleCodeVerifier} cannot see in class files. Each expression is split into names (string literals skipped);
 * every dotted name that resolves to a class, with the file's imports and {@code java.lang}, must pass the same
 * allow-list, and so must the member used on it; members that open reflection or the process are refused on any
 * object. Names that resolve to no class (fields, bound variables) are left to the compiler's type checks.
 */
final class ConstraintCheck {
    /** Members that reach reflection, class loading or the process whatever object they are called on. */
    static final Set<String> REFUSED_MEMBERS = Set.of("getClass", "forName", "getClassLoader", "loadClass",
            "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField", "getDeclaredField",
            "getConstructor", "getDeclaredConstructor", "newInstance", "invoke", "getRuntime", "exec", "exit", "halt",
            "setAccessible");

    private ConstraintCheck() {}

    /** One interpreted expression as written, with where it is. */
    record Expression(String rule, String text, int line, int column) {}

    /** The interpreted expressions of every rule in a parsed file. */
    static List<Expression> expressions(PackageDescr pkg) {
        List<Expression> out = new ArrayList<>();
        for (RuleDescr r : pkg.getRules()) {
            if (r.getLhs() != null) walk(r, r.getLhs(), out);
        }
        return out;
    }

    private static void walk(RuleDescr r, BaseDescr d, List<Expression> out) {
        if (d == null) return;
        if (d instanceof ExprConstraintDescr e) {
            out.add(new Expression(r.getName(), e.getExpression(), line(e, r), column(e, r)));
        } else if (d instanceof PatternDescr p) {
            walk(r, (BaseDescr) p.getConstraint(), out);
            walk(r, p.getSource(), out);
        } else if (d instanceof FromDescr f) {
            if (f.getDataSource() != null) out.add(new Expression(r.getName(), f.getDataSource().getText(), line(f, r), column(f, r)));
        } else if (d instanceof AccumulateDescr a) {
            walk(r, a.getInput(), out);
        } else if (d instanceof CollectDescr c) {
            walk(r, c.getInputPattern(), out);
        } else if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr child : ce.getDescrs()) walk(r, child, out);
        }
    }

    private static int line(BaseDescr d, RuleDescr r) {
        return d.getLine() > 0 ? d.getLine() : r.getLine();
    }

    private static int column(BaseDescr d, RuleDescr r) {
        return d.getLine() > 0 ? d.getColumn() + 1 : r.getColumn() + 1;
    }

    /** The problems of one file's expressions: each names the rule, the expression's position and what it uses. */
    static List<Problem> check(String file, PackageDescr pkg, ClassLoader loader) {
        List<String> imports = new ArrayList<>();
        pkg.getImports().forEach(i -> imports.add(i.getTarget()));
        Map<String, Optional<Class<?>>> resolved = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Expression e : expressions(pkg)) {
            Set<String> refused = new TreeSet<>();
            for (List<String> chain : chains(e.text())) {
                for (int i = 0; i < chain.size(); i++) {
                    if (i > 0 && REFUSED_MEMBERS.contains(chain.get(i))) refused.add(chain.get(i));
                }
                // The longest prefix that names a class is the class; the name after it is the member used.
                for (int k = chain.size(); k >= 1; k--) {
                    String name = String.join(".", chain.subList(0, k));
                    Class<?> c = resolved.computeIfAbsent(name, n -> resolve(n, imports, loader)).orElse(null);
                    if (c == null) continue;
                    String member = k < chain.size() ? chain.get(k) : null;
                    var ref = new ClassFileRefs.Ref(c.getName(), member);
                    if (!RuleCodeVerifier.allowed(ref, Set.of())) refused.add(ref.toString());
                    break;
                }
            }
            // A member named bare and also with its class (exit, java.lang.System.exit) is listed once, with its class.
            refused.removeIf(m -> !m.contains(".") && refused.stream().anyMatch(r -> r.endsWith("." + m)));
            if (!refused.isEmpty()) {
                problems.add(new Problem(file, e.line(), e.column(), "rule \"" + e.rule() + "\" has a condition '"
                        + e.text().strip() + "' that uses " + String.join(", ", refused) + "; a condition may compare "
                        + "facts, strings, numbers, dates and collections only (see docs/security.md)"));
            }
        }
        return problems;
    }

    private static Optional<Class<?>> resolve(String name, List<String> imports, ClassLoader loader) {
        List<String> candidates = new ArrayList<>();
        candidates.add(name);
        if (!name.contains(".")) {
            candidates.add("java.lang." + name);
            for (String i : imports) {
                if (i.endsWith("." + name)) candidates.add(i);
                if (i.endsWith(".*")) candidates.add(i.substring(0, i.length() - 1) + name);
            }
        }
        for (String c : candidates) {
            if (c.isEmpty() || !Character.isJavaIdentifierStart(c.charAt(0))) continue;
            try {
                return Optional.of(Class.forName(c, false, loader));
            } catch (ClassNotFoundException | LinkageError | IllegalArgumentException notAClass) {
                // not this one
            }
        }
        return Optional.empty();
    }

    /** The dotted names of an expression, outside string literals: {@code a.b(c).d} gives [a, b] and [c] and [d]. */
    static List<List<String>> chains(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> chain = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (quote != 0) {
                if (c == '\\') i++; else if (c == quote) quote = 0;
                continue;
            }
            if (Character.isJavaIdentifierPart(c)) {
                word.append(c);
                continue;
            }
            if (!word.isEmpty()) {
                chain.add(word.toString());
                word.setLength(0);
            }
            if (c == '.' && !chain.isEmpty()) continue; // the chain goes on
            if (c == '(' && !chain.isEmpty()) {
                // a call: the chain so far ends here; what follows its closing bracket (.d) starts a chain of its own
                out.add(chain);
                chain = new ArrayList<>();
                continue;
            }
            if (!chain.isEmpty()) {
                out.add(chain);
                chain = new ArrayList<>();
            }
            if (c == '"' || c == '\'') quote = c;
        }
        return out;
    }
}
