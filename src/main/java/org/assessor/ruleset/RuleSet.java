package org.assessor.ruleset;

import java.util.Map;
import org.assessor.evidence.Framework;
import org.kie.api.KieBase;

/** A compiled rules folder: the rule base, the framework data beside it, a digest of every file, and rule metadata by name. */
public record RuleSet(String dir, KieBase kieBase, Framework framework, String digest, Map<String, RuleInfo> rulesByName) {

    /** The metadata of a rule by its name, or a placeholder if unknown. */
    public RuleInfo rule(String name) {
        RuleInfo info = rulesByName.get(name);
        return info != null ? info : new RuleInfo(name, name, "?", "", "");
    }
}
