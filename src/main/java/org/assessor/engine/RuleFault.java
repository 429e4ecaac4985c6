package org.assessor.engine;

/** A rule failed while it ran (its consequence threw, or a constraint failed on a fact): names the rule and file. */
public class RuleFault extends RuntimeException {
    private final String ruleName;

    public RuleFault(String message, String ruleName, Throwable cause) {
        super(message, cause);
        this.ruleName = ruleName;
    }

    /** The rule that failed, when known. */
    public String ruleName() {
        return ruleName;
    }
}
