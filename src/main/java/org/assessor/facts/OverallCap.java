package org.assessor.facts;

/** A limit on the overall rating (e.g. a breach of regulations), no better than {@code rating}. */
public record OverallCap(String rating, int rank, String ruleId, String reason) implements Fact {
    public String key() { return "overall-cap/" + ruleId; }
}
