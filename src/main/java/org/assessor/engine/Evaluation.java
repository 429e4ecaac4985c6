package org.assessor.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.ruleset.RuleSet;

/**
 * The raw outcome of one evaluation: every fact left in the session (input and derived, in key order), how each
 * derived fact was made, and how often each rule fired.
 */
public record Evaluation(RuleSet rules, LoadedAssessment input, List<Object> facts, List<Derivation> derivations,
                         Map<String, Integer> firings, Map<Class<?>, List<Object>> byType) {

    public Evaluation(RuleSet rules, LoadedAssessment input, List<Object> facts, List<Derivation> derivations,
                      Map<String, Integer> firings) {
        this(rules, input, facts, derivations, firings, index(facts));
    }

    private static Map<Class<?>, List<Object>> index(List<Object> facts) {
        Map<Class<?>, List<Object>> out = new HashMap<>();
        for (Object f : facts) out.computeIfAbsent(f.getClass(), c -> new ArrayList<>()).add(f);
        return out;
    }

    /** The facts of one type, in key order (the facts are records, so their class is the type asked for). */
    public <T> List<T> all(Class<T> type) {
        List<Object> exact = byType.get(type);
        if (exact != null || !hasSubtypes(type)) {
            return exact == null ? List.of() : exact.stream().map(type::cast).toList();
        }
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static boolean hasSubtypes(Class<?> type) {
        return !type.isRecord() && !java.lang.reflect.Modifier.isFinal(type.getModifiers());
    }
}
