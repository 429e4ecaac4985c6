package org.assessor.facts;

/** A statement in scope that has no score, and why; it is left out of the percentage, not counted as failing. */
public record NotScored(String statement, String keyQuestion, String reason) implements Fact {
    public String key() { return "not-scored/" + statement; }
}
