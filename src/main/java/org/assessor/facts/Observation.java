package org.assessor.facts;

/**
 * Something observed or said, as coded by docs/coding-guide.md: its theme, direction (positive, negative, mixed),
 * kind (arrangement, outcome, experience), extent (reach only) with the {@code cue} words that justify it (null when
 * the quote has no breadth word and the guide's default extent applies), impact, and who said or saw it.
 */
public record Observation(String evidenceId, String statement, String category, String theme, String direction,
                          String kind, String extent, String cue, String impact, String who) implements Fact {
    public String key() { return "evidence/" + evidenceId; }

    /** The coding in words: "negative outcome, widespread ('many staff'), impact high, from staff". */
    public String coding() {
        return direction + " " + kind + ", " + extent + (cue == null ? " (no breadth word in the quote)" : " ('" + cue + "')")
                + ", impact " + impact + ", from " + who;
    }
}
