package org.assessor.facts;

/** An evidence item no rule judged, and why: it counts towards no score. */
public record Unjudged(String evidenceId, String reason) implements Fact {
    public String key() { return "unjudged/" + evidenceId; }
}
