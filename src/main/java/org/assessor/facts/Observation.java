package org.assessor.facts;

import java.util.List;

/**
 * Something observed or said, as coded by docs/coding-guide.md: its theme, direction (positive, negative, mixed),
 * kind (arrangement, outcome, experience), extent (reach only) with the {@code cue} words that justify it (null when
 * the quote has no breadth word and the guide's default extent applies), impact, and who said or saw it: one speaker or
 * several ({@code speakers}, in the order the quote names them; {@code who} is them in words).
 */
public record Observation(String evidenceId, String statement, String category, String theme, String direction,
                          String kind, String extent, String cue, String impact, String who, List<String> speakers)
        implements Given {
    public String key() { return "evidence/" + evidenceId; }

    /** An observation from the speakers named, in order. */
    public static Observation of(String evidenceId, String statement, String category, String theme, String direction,
                                 String kind, String extent, String cue, String impact, List<String> speakers) {
        return new Observation(evidenceId, statement, category, theme, direction, kind, extent, cue, impact,
                String.join(", ", speakers), List.copyOf(speakers));
    }

    /** The coding in words: "negative outcome, widespread ('many staff'), impact high, from staff". */
    public String coding() {
        return direction + " " + kind + ", " + extent + (cue == null ? " (no breadth word in the quote)" : " ('" + cue + "')")
                + ", impact " + impact + ", from " + who;
    }

    /**
     * Whether this observation comes from a source {@code other} does not: a speaker {@code other} does not name, or
     * another evidence category.
     */
    public boolean anotherSourceThan(Observation other) {
        return !category.equals(other.category) || !other.speakers.containsAll(speakers);
    }

    /** Whether the quote names more than one kind of speaker: a point several sources made, corroborated in itself. */
    public boolean severalSpeakers() {
        return speakers.size() > 1;
    }
}
