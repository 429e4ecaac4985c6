package org.assessor.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Positions;
import org.assessor.input.Problem;
import org.assessor.input.StrictJson;

/**
 * The words a draft's suggestions come from ({@code rules/coding/words.json}): what is not evidence, the extent cues,
 * direction, speaker, kind and impact hints, and how numbers become metric candidates. Read strictly; every word that
 * names a coding value (an extent, a who, a unit, a benchmark kind) must be one a framework of the rules folder knows.
 * The coding guide prints these lists (docs/coding-guide.md), so a change here is a change the guide shows.
 */
public record CodingWords(@JsonProperty("_about") String about,
                          @JsonProperty(required = true) NotEvidence notEvidence,
                          @JsonProperty(required = true) ExtentCues extentCues,
                          @JsonProperty(required = true) Direction direction,
                          @JsonProperty(required = true) Speakers speakers,
                          @JsonProperty(required = true) Categories categories,
                          @JsonProperty(required = true) Kinds kinds,
                          @JsonProperty(required = true) Impacts impacts,
                          @JsonProperty(required = true) Numbers numbers,
                          @JsonProperty(required = true) Provider provider,
                          @JsonProperty(required = true) FollowOn followOnSentences) {

    /** The file, relative to the rules folder. */
    public static final String FILE = "coding/words.json";

    public record NotEvidence(@JsonProperty("_about") String about,
                              @JsonProperty(required = true) List<String> standardTextHeadings,
                              @JsonProperty(required = true) List<String> findingsHeadings,
                              @JsonProperty(required = true) List<Marker> sentences) {}

    /** A phrase that marks a sentence as not evidence: at its {@code start}, or {@code anywhere}, with the reason. */
    public record Marker(@JsonProperty(required = true) String phrase, @JsonProperty(required = true) String where,
                         @JsonProperty(required = true) String reason) {}

    public record ExtentCues(@JsonProperty("_about") String about,
                             @JsonProperty(required = true) List<String> widespread,
                             @JsonProperty(required = true) List<String> some,
                             @JsonProperty(required = true) List<String> isolated) {
        /** The cue words by extent, in the order a cue is looked for (a narrower extent's words first). */
        public Map<String, List<String>> byExtent() {
            Map<String, List<String>> m = new java.util.LinkedHashMap<>();
            m.put("isolated", isolated);
            m.put("some", some);
            m.put("widespread", widespread);
            return m;
        }
    }

    public record Direction(@JsonProperty("_about") String about,
                            @JsonProperty(required = true) List<String> negative,
                            @JsonProperty(required = true) List<String> positive,
                            @JsonProperty(required = true) List<String> turns) {}

    public record Speakers(@JsonProperty("_about") String about,
                           @JsonProperty(required = true) List<String> verbs,
                           @JsonProperty(required = true) List<String> followOn,
                           @JsonProperty(required = true) List<Speaker> who) {}

    public record Speaker(@JsonProperty(required = true) String who,
                          @JsonProperty(required = true) List<String> phrases,
                          @JsonProperty(required = true) List<String> subjects) {}

    public record Categories(@JsonProperty("_about") String about,
                             @JsonProperty(required = true) List<String> observation,
                             @JsonProperty(required = true) List<String> outcomes) {}

    public record Kinds(@JsonProperty("_about") String about,
                        @JsonProperty(required = true) List<String> experience,
                        @JsonProperty(required = true) List<String> outcome,
                        @JsonProperty(required = true) List<String> arrangement) {}

    public record Impacts(@JsonProperty("_about") String about,
                          @JsonProperty(required = true) List<String> high,
                          @JsonProperty(required = true) List<String> moderate,
                          @JsonProperty(required = true) List<String> low) {}

    public record Numbers(@JsonProperty("_about") String about,
                          @JsonProperty(required = true) List<UnitWord> units,
                          @JsonProperty(required = true) List<NumberWord> numberWords,
                          @JsonProperty(required = true) List<BenchmarkWord> benchmarks,
                          @JsonProperty(required = true) List<String> comparisons,
                          @JsonProperty(required = true) List<String> changes,
                          @JsonProperty(required = true) List<String> thresholds,
                          @JsonProperty(required = true) List<String> outOf,
                          @JsonProperty(required = true) List<String> parity,
                          @JsonProperty(required = true) List<String> approximate) {}

    /** A word that gives a number its unit: {@code after} the number ("%", "months") or {@code before} it ("segment"). */
    public record UnitWord(@JsonProperty(required = true) String phrase, @JsonProperty(required = true) String where,
                           @JsonProperty(required = true) String unit) {}

    /** A number written as words ('twice': 2, a ratio). */
    public record NumberWord(@JsonProperty(required = true) String phrase, @JsonProperty(required = true) double value,
                             @JsonProperty(required = true) String unit) {}

    public record BenchmarkWord(@JsonProperty(required = true) String phrase, @JsonProperty(required = true) String kind) {}

    public record Provider(@JsonProperty("_about") String about, @JsonProperty(required = true) List<String> words) {}

    public record FollowOn(@JsonProperty("_about") String about, @JsonProperty(required = true) List<String> starts) {}

    /**
     * Reads {@code rules/coding/words.json} and checks every coding value it names against the frameworks of the rules
     * folder (the union of their vocabularies, since one file serves them all).
     */
    public static CodingWords load(Path rulesDir) throws InvalidInputException {
        Path file = rulesDir.resolve(FILE);
        String shown = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "no coding words file here; expected "
                    + FILE + " in the rules folder (the words 'assessor draft' suggests codings from)"));
        }
        StrictJson.Read<CodingWords> read = StrictJson.read(file, shown, CodingWords.class);
        CodingWords w = read.value();
        Positions at = read.positions();
        Set<String> who = new LinkedHashSet<>();
        Set<String> units = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        for (String id : Framework.known(rulesDir)) {
            Framework f = Framework.load(rulesDir, id);
            who.addAll(f.vocabulary().who());
            units.addAll(f.vocabulary().units());
            kinds.addAll(f.vocabulary().benchmarkKinds());
            categories.addAll(f.categories().keySet());
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < w.notEvidence().sentences().size(); i++) {
            Marker m = w.notEvidence().sentences().get(i);
            oneOf(m.where(), List.of("start", "anywhere"), at, "/notEvidence/sentences/" + i + "/where", "place", problems);
            phrase(m.phrase(), at, "/notEvidence/sentences/" + i + "/phrase", problems);
        }
        for (int i = 0; i < w.speakers().who().size(); i++) {
            oneOf(w.speakers().who().get(i).who(), List.copyOf(who), at, "/speakers/who/" + i + "/who", "who", problems);
        }
        for (int i = 0; i < w.numbers().units().size(); i++) {
            UnitWord u = w.numbers().units().get(i);
            oneOf(u.unit(), List.copyOf(units), at, "/numbers/units/" + i + "/unit", "unit", problems);
            oneOf(u.where(), List.of("before", "after"), at, "/numbers/units/" + i + "/where", "place", problems);
        }
        for (int i = 0; i < w.numbers().numberWords().size(); i++) {
            oneOf(w.numbers().numberWords().get(i).unit(), List.copyOf(units), at, "/numbers/numberWords/" + i + "/unit",
                    "unit", problems);
        }
        for (int i = 0; i < w.numbers().benchmarks().size(); i++) {
            oneOf(w.numbers().benchmarks().get(i).kind(), List.copyOf(kinds), at, "/numbers/benchmarks/" + i + "/kind",
                    "benchmark kind", problems);
        }
        for (int i = 0; i < w.numbers().outOf().size(); i++) {
            String p = w.numbers().outOf().get(i);
            if (!p.contains("{n}")) {
                problems.add(at.at("/numbers/outOf/" + i, "expected a pattern with {n} (the count) and, unless the count "
                        + "is its own total ('all {n}'), {m} (the total); found \"" + p + "\""));
            }
        }
        if (!categories.contains("observation") || !categories.contains("outcomes")) {
            problems.add(at.at("/categories", "the frameworks have no 'observation' or 'outcomes' category to file "
                    + "these under"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().sorted().toList());
        return w;
    }

    private static void phrase(String p, Positions at, String ptr, List<Problem> problems) {
        if (p == null || p.isBlank()) problems.add(at.at(ptr, "expected a phrase, found an empty string"));
    }

    private static void oneOf(String value, List<String> allowed, Positions at, String ptr, String what,
                              List<Problem> problems) {
        if (!allowed.contains(value)) {
            problems.add(at.at(ptr, "unknown " + what + " \"" + value + "\"; expected one of " + allowed));
        }
    }
}
