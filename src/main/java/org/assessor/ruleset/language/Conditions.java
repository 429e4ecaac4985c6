package org.assessor.ruleset.language;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assessor.input.Problem;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;

/**
 * Checks a rule's conditions against the rule language: patterns of fact types with conditions on their fields,
 * {@code not}, {@code exists}, {@code and}, {@code or}, and {@code accumulate} with built-in functions only. Every
 * expression is parsed and its names checked ({@link Checker}); the values bound on the way, with their types, are
 * what the consequence may use.
 */
final class Conditions {
    /** The accumulate functions of the language, with the type of what each gives. */
    static final Map<String, Class<?>> FUNCTIONS = Map.of("count", Long.class, "sum", Number.class, "average",
            Number.class, "min", Number.class, "max", Number.class, "collectList", List.class, "collectSet",
            java.util.Set.class);

    private final SourceText source;
    private final Vocabulary vocabulary;
    private final String rule;
    private final List<Problem> problems;

    Conditions(SourceText source, Vocabulary vocabulary, String rule, List<Problem> problems) {
        this.source = source;
        this.vocabulary = vocabulary;
        this.rule = rule;
        this.problems = problems;
    }

    /** Checks the conditions and gives the values they bind that a consequence can use. */
    Map<String, Class<?>> check(AndDescr lhs) {
        Map<String, Class<?>> scope = new HashMap<>();
        if (lhs != null) element(lhs, scope);
        return scope;
    }

    private void element(BaseDescr d, Map<String, Class<?>> scope) {
        if (d instanceof PatternDescr p) {
            pattern(p, scope);
        } else if (d instanceof AndDescr || d instanceof OrDescr) {
            for (BaseDescr child : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                element(child, scope);
            }
        } else if (d instanceof NotDescr || d instanceof ExistsDescr) {
            Map<String, Class<?>> inner = new HashMap<>(scope);
            for (BaseDescr child : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                element(child, inner);
            }
        } else {
            refuse(d, refusal(d));
        }
    }

    private static String refusal(BaseDescr d) {
        if (d instanceof EvalDescr) {
            return "expected a pattern, found eval(…); write the test inside a pattern, such as Metric(value > $limit)";
        }
        if (d instanceof ForallDescr) {
            return "expected a pattern, found forall(…); write not( A and not( B ) ) instead";
        }
        String name = d.getClass().getSimpleName().replace("Descr", "");
        return "expected a pattern, not, exists, and, or or accumulate, found " + name + ", which the rule language "
                + "does not have (see docs/writing-rules.md)";
    }

    private void pattern(PatternDescr p, Map<String, Class<?>> scope) {
        if (p.getSource() instanceof AccumulateDescr acc && (!acc.isExternalFunction() || acc.getInitCode() != null)) {
            refuse(p, "expected accumulate with built-in functions " + FUNCTIONS.keySet().stream().sorted().toList()
                    + ", found an accumulate with code of its own (init, action, result); write accumulate(Metric($v : "
                    + "value); $total : sum($v)) instead");
            return;
        }
        if (p.getSource() instanceof AccumulateDescr acc && accumulateElement(p)) {
            accumulate(p, acc, scope);
            return;
        }
        if (p.getSource() != null) {
            refuse(p, "expected a pattern over the facts, found " + source(p) + "; the rule language matches facts "
                    + "directly (accumulate(Pattern(…); $x : count(…)) for a total)");
            return;
        }
        Class<?> type = vocabulary.type(p.getObjectType());
        if (!Vocabulary.isFact(type)) {
            refuse(p, "expected a fact type such as Metric, Observation or Finding, found '"
                    + Texts.shorten(p.getObjectType()) + "'");
            return;
        }
        if (p.isQuery() || p.isUnification() || !p.getBehaviors().isEmpty() || !p.getAnnotations().isEmpty()) {
            refuse(p, "expected a plain pattern " + type.getSimpleName() + "(…), found a query call, a := binding, a "
                    + "window or an annotation on it, which the rule language does not have");
            return;
        }
        if (p.getIdentifier() != null && !bindable(p.getIdentifier(), scope, p)) return;
        for (BaseDescr c : p.getDescrs()) constraint(c, Checker.condition(vocabulary, scope, type), scope);
        if (p.getIdentifier() != null) scope.put(p.getIdentifier(), type);
    }

    /** Whether an accumulate is written as a condition of its own (not as {@code Type() from accumulate(…)}). */
    private boolean accumulateElement(PatternDescr p) {
        if (p.getIdentifier() != null) return false;
        if (!p.getObjectType().equals("Object") && !p.getObjectType().equals("Object[]")) return false;
        int at = p.getStartCharacter();
        String text = source.text();
        return at >= 0 && at < text.length() && (text.startsWith("accumulate", at) || text.startsWith("acc", at));
    }

    private static String source(PatternDescr p) {
        if (p.getSource() instanceof FromDescr) return "from …";
        if (p.getSource() instanceof CollectDescr) return "from collect(…)";
        if (p.getSource() instanceof EntryPointDescr) return "from entry-point …";
        if (p.getSource() instanceof AccumulateDescr) return p.getObjectType() + "(…) from accumulate(…)";
        return "a source of another kind";
    }

    private void accumulate(PatternDescr p, AccumulateDescr acc, Map<String, Class<?>> scope) {
        if (acc instanceof GroupByDescr) {
            refuse(p, "expected accumulate(…), found groupby(…), which the rule language does not have");
            return;
        }
        Map<String, Class<?>> inner = new HashMap<>(scope);
        if (acc.getInput() != null) element(acc.getInput(), inner);
        int from = Math.max(0, acc.getStartCharacter());
        for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
            int at = source.find(f.getFunction(), from);
            Class<?> result = FUNCTIONS.get(f.getFunction());
            if (result == null) {
                refuse(at, p, "expected an accumulate function, one of " + FUNCTIONS.keySet().stream().sorted().toList()
                        + ", found '" + Texts.shorten(f.getFunction()) + "'");
                continue;
            }
            if (f.getBind() == null || f.isUnification()) {
                refuse(at, p, "expected the result of " + f.getFunction() + " bound to a name, such as $n : "
                        + f.getFunction() + "(…), found " + (f.isUnification() ? "a := binding" : "none"));
                continue;
            }
            for (String param : f.getParams()) {
                int paramAt = source.find(param, at);
                try {
                    Checker.condition(vocabulary, inner, null).type(Parser.conditionExpression(param));
                } catch (LanguageError e) {
                    refuse(paramAt < 0 ? -1 : paramAt + e.at(), p, e.getMessage());
                }
                if (paramAt >= 0) from = paramAt;
            }
            if (bindable(f.getBind(), scope, p)) scope.put(f.getBind(), result);
        }
        for (BaseDescr c : p.getDescrs()) constraint(c, Checker.condition(vocabulary, scope, null), scope);
    }

    private void constraint(BaseDescr c, Checker checker, Map<String, Class<?>> scope) {
        if (!(c instanceof ExprConstraintDescr e) || e.getType() != ExprConstraintDescr.Type.NAMED) {
            refuse(c, "expected a condition on a field such as value > $limit, found a positional or other constraint");
            return;
        }
        String expr = e.getExpression();
        int base = e.getStartCharacter() >= 0 && source.text().startsWith(expr, e.getStartCharacter())
                ? e.getStartCharacter() : source.find(expr, source.lineStart(e.getLine()));
        try {
            Node.Constraint parsed = Parser.constraint(expr);
            if (parsed.binding() != null) {
                if (!bindable(parsed.binding(), scope, null)) {
                    throw new LanguageError(parsed.bindingAt(), bindingProblem(parsed.binding(), scope));
                }
                scope.put(parsed.binding(), checker.bound(parsed.expression()));
            } else {
                checker.type(parsed.expression());
            }
        } catch (LanguageError err) {
            if (base >= 0) problems.add(source.at(base + err.at(), prefix() + err.getMessage()));
            else problems.add(source.atLine(e.getLine(), e.getColumn(), prefix() + err.getMessage()));
        }
    }

    private boolean bindable(String name, Map<String, Class<?>> scope, BaseDescr where) {
        String problem = bindingProblem(name, scope);
        if (problem == null) return true;
        if (where != null) refuse(where, problem);
        return false;
    }

    private static String bindingProblem(String name, Map<String, Class<?>> scope) {
        if (!name.matches("\\$[A-Za-z][A-Za-z0-9_]*")) {
            return "expected a bound name starting with $, such as $id, found '" + Texts.shorten(name) + "'";
        }
        if (scope.containsKey(name)) {
            return "expected a new name for a bound value, found '" + name + "', which is bound already";
        }
        return null;
    }

    private String prefix() {
        return "rule \"" + rule + "\": ";
    }

    private void refuse(BaseDescr d, String message) {
        refuse(-1, d, message);
    }

    private void refuse(int offset, BaseDescr d, String message) {
        if (offset >= 0) problems.add(source.at(offset, prefix() + message));
        else if (d.getStartCharacter() >= 0) problems.add(source.at(d.getStartCharacter(), prefix() + message));
        else problems.add(source.atLine(d.getLine(), d.getColumn(), prefix() + message));
    }
}
