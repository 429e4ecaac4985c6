package org.assessor.engine;

import java.util.List;
import java.util.Map;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.ruleset.RuleSet;

/**
 * The raw outcome of one evaluation: every fact left in the session (input and derived, in key order), how each
 * derived fact was made, and how often each rule fired.
 */
public record Evaluation(RuleSet rules, LoadedAssessment input, List<Object> facts, List<Derivation> derivations,
                         Map<String, Integer> firings) {

    /** The facts of one type, in key order. */
    public <T> List<T> all(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
