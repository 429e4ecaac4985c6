package org.assessor.engine;

import java.util.List;

/** How one derived fact came to be: the rule that inserted it and the facts that rule matched (by key). */
public record Derivation(String fact, String ruleId, String ruleName, List<String> premises) {}
