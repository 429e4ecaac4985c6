package org.assessor.engine;

/** A rule failed while it ran (its consequence threw, or a constraint failed on a fact): names the rule and file. */
public class RuleFault extends RuntimeException {
    public RuleFault(String message, Throwable cause) {
        super(message, cause);
    }
}
