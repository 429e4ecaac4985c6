package org.assessor.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * Another item of the same statement pointing the same way as an observation, from another source: an observation
 * from a different who or evidence category, the observation's own further speakers, or a measured value judged on the
 * same side. {@code sources} are the independent sources it adds (speakers the observation does not name, else the
 * other item's category; {@link Point#DATA} for a measured value), so the same source filed twice counts once.
 */
public record Corroboration(String evidenceId, String by, List<String> sources) implements Fact {
    public String key() { return "corroboration/" + evidenceId + "/" + by; }

    /** {@code x} corroborating {@code o}: the speakers of {@code x} that {@code o} does not name, else its category. */
    public static Corroboration of(Observation o, Observation x) {
        List<String> more = new ArrayList<>(x.speakers());
        more.removeAll(o.speakers());
        return new Corroboration(o.evidenceId(), x.evidenceId(), more.isEmpty() ? List.of("category " + x.category())
                : List.copyOf(more));
    }

    /** An observation whose quote names several kinds of speaker, corroborated by those after the first. */
    public static Corroboration within(Observation o) {
        return new Corroboration(o.evidenceId(), o.evidenceId() + " (" + o.who() + ")",
                List.copyOf(o.speakers().subList(1, o.speakers().size())));
    }

    /** A measured value judged on the observation's side. */
    public static Corroboration byMeasure(String evidenceId, String metricId) {
        return new Corroboration(evidenceId, metricId, List.of(Point.DATA));
    }
}
