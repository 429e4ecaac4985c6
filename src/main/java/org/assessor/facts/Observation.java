package org.assessor.facts;

/** Something observed or said: a theme, its direction (positive, negative, mixed), extent and who said it. */
public record Observation(String evidenceId, String statement, String category, String theme, String direction,
                          String extent, String who) implements Fact {
    public String key() { return "evidence/" + evidenceId; }
}
