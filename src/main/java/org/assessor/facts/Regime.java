package org.assessor.facts;

/** The scoring regime that applies to the assessment ("statement" or "evidence-category"), with why. */
public record Regime(String id, String reason) implements Fact {
    public String key() { return "regime"; }
}
