package org.assessor.facts;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One point a finding makes for its statement, as the statement's judgement weighs it: its {@code sort} (a material or
 * minor shortfall, a neutral reading, a description, a good result or an exceptional strength), its {@code topic}
 * (the same point filed twice counts once) and its {@code sources} (who said or saw it; every measured value is the one
 * source {@link #DATA}). {@code unit} is what the point is weighed in: its statement, or in the evidence-category regime
 * its statement's category ({@link Regime#unit}).
 */
public record Point(String unit, String statement, String category, String evidenceId, String topic,
                    List<String> sources, String sort, int grade) implements Fact {
    /** The one source every measured value counts as. */
    public static final String DATA = "measured data";

    public String key() { return "point/" + evidenceId + "/" + sort + "/" + grade; }

    /** The point an observation's finding makes. */
    public static Point of(Regime regime, Finding f, Observation o, String sort) {
        return new Point(regime.unit(f.statement(), f.category()), f.statement(), f.category(), f.evidenceId(),
                topicKey(o.theme()), List.copyOf(o.speakers()), sort, f.grade());
    }

    /** The point a measured value's finding makes: its topic is its measure. */
    public static Point of(Regime regime, Finding f, Metric m, String sort) {
        return new Point(regime.unit(f.statement(), f.category()), f.statement(), f.category(), f.evidenceId(),
                topicKey(m.topic()), List.of(DATA), sort, f.grade());
    }

    /** A topic as it is compared (an observation's coded theme): letter case and runs of spaces ignored. */
    public static String topicKey(String topic) {
        return topic.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * The topics among {@code points} reported by at least {@code need} independent sources between them, each with
     * its sources ("people left waiting [people, staff]"), sorted.
     */
    public static java.util.List<String> established(Collection<?> points, Number need) {
        java.util.Map<String, TreeSet<String>> byTopic = new java.util.TreeMap<>();
        for (Object o : points) {
            if (o instanceof Point p) byTopic.computeIfAbsent(p.topic(), t -> new TreeSet<>()).addAll(p.sources());
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        byTopic.forEach((topic, sources) -> { if (sources.size() >= need.intValue()) out.add("'" + topic + "' " + sources); });
        return out;
    }

    /** The distinct sources of points, sorted, from the lists of each (as an accumulate collects them). */
    public static TreeSet<String> distinct(Collection<?> sourceLists) {
        TreeSet<String> out = new TreeSet<>();
        for (Object list : sourceLists) {
            if (list instanceof Collection<?> c) for (Object s : c) out.add(String.valueOf(s));
        }
        return out;
    }
}
