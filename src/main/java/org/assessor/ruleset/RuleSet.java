package org.assessor.ruleset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * A compiled rules folder: the rule base, the framework data beside it, a digest of every file, every rule's
 * metadata, and the layers (agenda groups) the rules fire in.
 */
public final class RuleSet {
    /**
     * The layers (agenda groups) rules are fired in, first to last: each layer derives what the next one needs, so an
     * aggregate sees all its inputs at once instead of being re-derived as each one arrives. "weighing" judges evidence
     * against other evidence already judged (an observation's corroboration). A rule whose accumulate becomes true
     * through a fact inserted later in its own layer was seen not to fire (Drools 10.2.0), so a rule that weighs the
     * results of a layer sits in the layer after it.
     */
    public static final List<String> LAYERS = List.of("policy", "evidence", "weighing", "statement", "key-question",
            "overall");

    private final String dir;
    private final KieBase kieBase;
    private final Framework framework;
    private final String digest;
    private final List<RuleInfo> rules;
    private final List<String> layers;
    private final Map<String, RuleInfo> byIdentity = new HashMap<>();
    private final Map<String, RuleInfo> byId = new HashMap<>();
    private final Map<String, String> sources = new java.util.concurrent.ConcurrentHashMap<>();

    RuleSet(String dir, KieBase kieBase, Framework framework, String digest, List<RuleInfo> rules, List<String> layers) {
        this.dir = dir;
        this.kieBase = kieBase;
        this.framework = framework;
        this.digest = digest;
        this.rules = List.copyOf(rules);
        this.layers = List.copyOf(layers);
        for (RuleInfo r : rules) {
            byIdentity.put(r.identity(), r);
            if (r.id() != null) byId.putIfAbsent(r.id(), r);
        }
    }

    /** The rules folder as given. */
    public String dir() { return dir; }

    public KieBase kieBase() { return kieBase; }

    public Framework framework() { return framework; }

    /** SHA-256 over every file in the rules folder (paths and bytes). */
    public String digest() { return digest; }

    /** Every rule, in file and then source order. */
    public List<RuleInfo> rules() { return rules; }

    public List<String> layers() { return layers; }

    /** A rule by identity (package and name). */
    public RuleInfo rule(String packageName, String name) {
        RuleInfo info = byIdentity.get(RuleInfo.identity(packageName, name));
        return info != null ? info : RuleInfo.unknown(packageName, name);
    }

    /** A rule by its identity string ({@link RuleInfo#identity()}). */
    public RuleInfo rule(String identity) {
        RuleInfo info = byIdentity.get(identity);
        if (info != null) return info;
        int slash = identity.indexOf('/');
        return RuleInfo.unknown(slash < 0 ? "" : identity.substring(0, slash), identity.substring(slash + 1));
    }

    /** A rule by its {@code @id}, or null. */
    public RuleInfo ruleById(String id) {
        return byId.get(id);
    }

    /** The rule's own text as written in its file ("" if the file can no longer be read). */
    public String source(RuleInfo r) {
        String file = sources.computeIfAbsent(r.file(), f -> {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of(f));
            } catch (java.io.IOException | RuntimeException e) {
                return "";
            }
        });
        int s = Math.max(0, Math.min(r.start(), file.length()));
        int e = Math.max(s, Math.min(r.end() + 1, file.length()));
        return file.substring(s, e);
    }

    /** Line and column (1-based) of a character offset inside a rule's text. */
    public int[] position(RuleInfo r, int offsetInRule) {
        source(r);
        String file = sources.getOrDefault(r.file(), "");
        int abs = Math.max(0, r.start()) + offsetInRule;
        int line = 1;
        int col = 1;
        for (int i = 0; i < abs && i < file.length(); i++) {
            if (file.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }

    /** The first rule with this name in any package (Drools names only the rule in some messages), or null. */
    public RuleInfo ruleNamed(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
