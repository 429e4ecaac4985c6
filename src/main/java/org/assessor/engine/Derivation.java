package org.assessor.engine;

import java.util.List;

/** How one derived fact came to be: the rule that inserted it (its identity) and the facts it matched (by key). */
public record Derivation(String fact, String rule, List<String> premises) {}
