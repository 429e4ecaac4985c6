package org.assessor.facts;

/**
 * A scoring regime the assessment's framework is assessed under (rules/…/framework.json, {@code regimes}):
 * {@code applies} is "before" or "from" the register's regime date when the framework has two, null when it has one;
 * {@code source} says where the framework's regime comes from.
 */
public record FrameworkRegime(String id, String applies, String source) implements Given {
    public String key() { return "framework-regime/" + id; }
}
