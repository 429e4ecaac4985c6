package org.assessor.engine;

/** A rule failed while it ran (its consequence threw, or a constraint failed on a fact): names the rule and file. */
public class RuleFault extends RuntimeException {
    private final String rule;

    public RuleFault(String message, String rule, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /** The identity of the rule that failed ("package/name"), when known. */
    public String rule() {
        return rule;
    }
}
