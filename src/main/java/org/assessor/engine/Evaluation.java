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
public final class Evaluation {
    private final RuleSet rules;
    private final LoadedAssessment input;
    private final List<Object> facts;
    private final List<String> keys;
    private final List<Derivation> derivations;
    private final Map<String, Integer> firings;
    private final Map<Class<?>, List<Object>> byClass = new HashMap<>();

    /** {@code keys} are the facts' keys, in the same order as {@code facts}. */
    public Evaluation(RuleSet rules, LoadedAssessment input, List<Object> facts, List<String> keys,
                      List<Derivation> derivations, Map<String, Integer> firings) {
        if (keys.size() != facts.size()) throw new IllegalArgumentException("one key per fact");
        this.rules = rules;
        this.input = input;
        this.facts = facts;
        this.keys = keys;
        this.derivations = derivations;
        this.firings = firings;
        for (Object f : facts) byClass.computeIfAbsent(f.getClass(), c -> new ArrayList<>()).add(f);
    }

    public RuleSet rules() { return rules; }

    public LoadedAssessment input() { return input; }

    public List<Object> facts() { return facts; }

    /** Each fact's key, in the order of {@link #facts()}. */
    public List<String> keys() { return keys; }

    public List<Derivation> derivations() { return derivations; }

    public Map<String, Integer> firings() { return firings; }

    /** The facts of one type, in key order. */
    public <T> List<T> all(Class<T> type) {
        boolean exact = type.isRecord() || java.lang.reflect.Modifier.isFinal(type.getModifiers());
        if (exact) return byClass.getOrDefault(type, List.of()).stream().map(type::cast).toList();
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
