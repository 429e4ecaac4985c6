package org.assessor.ruleset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.assessor.input.Problem;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.compiler.rule.builder.EvaluatorWrapper;
import org.drools.mvel.MVELConstraint;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Refuses conditions that Drools 10.2.0 cannot run once it compiles them to bytecode. Drools interprets a condition
 * for its first evaluations and then compiles it (constraint jitting, which makes conditions about a quarter faster);
 * a condition using a pluggable operator such as {@code str[startsWith]} then fails with NoSuchMethodError, so a rule
 * would work on one fixture and break in a batch. Such a condition is refused when the rules are compiled, with the
 * plain method call that does the same.
 */
final class JitSafety {
    private JitSafety() {}

    static List<Problem> check(Collection<KiePackage> packages, List<RuleInfo> rules) {
        List<Problem> problems = new ArrayList<>();
        for (KiePackage pkg : packages) {
            for (Rule rule : pkg.getRules()) {
                if (!(rule instanceof RuleImpl impl)) continue;
                List<String> operators = new ArrayList<>();
                walk(impl.getLhs(), operators);
                if (operators.isEmpty()) continue;
                RuleInfo info = rules.stream().filter(r -> r.packageName().equals(pkg.getName())
                        && r.name().equals(rule.getName())).findFirst().orElse(null);
                String file = info == null ? "rules" : info.file();
                int line = info == null ? 0 : info.line();
                int column = info == null ? 0 : info.column();
                for (String op : operators.stream().distinct().toList()) {
                    problems.add(new Problem(file, line, column, "rule \"" + rule.getName() + "\" uses the operator '"
                            + op + "', which this version of Drools cannot run once it compiles a condition for speed "
                            + "(it fails after about 20 evaluations); write it as a method call, for example "
                            + "measure.startsWith(\"nhs-\") instead of measure str[startsWith] \"nhs-\""));
                }
            }
        }
        return problems;
    }

    private static void walk(RuleConditionElement e, List<String> operators) {
        if (e == null) return;
        if (e instanceof Pattern p) {
            for (var c : p.getConstraints()) {
                if (c instanceof MVELConstraint m && m.getOperators() != null) {
                    for (EvaluatorWrapper w : m.getOperators()) operators.add(name(w));
                }
            }
        }
        for (RuleConditionElement child : e.getNestedElements()) {
            if (child != e) walk(child, operators);
        }
    }

    private static String name(EvaluatorWrapper w) {
        var op = w.getOperator();
        return op == null ? String.valueOf(w) : op.getOperatorString();
    }
}
