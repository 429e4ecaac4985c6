package org.assessor.facts;

/**
 * Another item of the same statement pointing the same way as an observation, from another source: an observation
 * from a different who or evidence category, or a measured value judged on the same side.
 */
public record Corroboration(String evidenceId, String by) implements Fact {
    public String key() { return "corroboration/" + evidenceId + "/" + by; }
}
