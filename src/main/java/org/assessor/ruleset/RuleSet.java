package org.assessor.ruleset;

import java.util.Map;
import org.assessor.ruleset.Framework;
import org.kie.api.KieBase;

/** A compiled rules folder: the rule base, the framework data beside it, a digest of every file, and rule metadata by name. */
public record RuleSet(String dir, KieBase kieBase, Framework framework, String digest, Map<String, RuleInfo> rulesByName,
                      java.util.List<String> layers) {

    /**
     * The layers (agenda groups) rules are fired in, first to last: each layer derives what the next one needs, so an
     * aggregate sees all its inputs at once instead of being re-derived as each one arrives.
     */
    public static final java.util.List<String> LAYERS = java.util.List.of("policy", "evidence", "statement", "key-question", "overall");

    /** The metadata of a rule by its name, or a placeholder if unknown. */
    public RuleInfo rule(String name) {
        RuleInfo info = rulesByName.get(name);
        return info != null ? info : new RuleInfo(name, name, "?", "", "", "");
    }

}
