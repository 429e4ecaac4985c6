package org.assessor.evidence;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The fixture format as read from {@code evidence.json}: an assessment envelope and evidence items. Optional fields
 * may be left out; every other field is required. A draft ({@code assessor draft}) marks the fields it suggested and
 * no coder has accepted in {@code suggested}; the loader refuses such a fixture (see {@link EvidenceLoader}). {@code evidence} may be left out (no items) when the envelope
 * records scores or previous ratings; the loader refuses a fixture with nothing to evaluate. See docs/fixtures.md
 * and {@code fixtures/evidence.schema.json}.
 */
public record EvidenceFile(@JsonProperty(required = true) Envelope assessment,
                           List<Item> evidence) {
    public EvidenceFile {
        evidence = evidence == null ? List.of() : evidence;
    }

    /**
     * Who and what is assessed, when, and the judgements and breaches recorded for it. {@code framework} names the
     * framework the fixture is assessed under (left out: the default, provider framework). {@code assessmentStart} (the
     * date the assessment started) and {@code regime} (the scoring regime the report says was used) are optional.
     * Recorded statement scores come as a list ({@code recordedScores}), or compactly as a map of statement id to
     * score ({@code recordedScoresByStatement}) with one {@code recordedScoresReason} and {@code recordedScoresBy}
     * for all of them, or both.
     */
    public record Envelope(String framework,
                           @JsonProperty(required = true) String provider,
                           @JsonProperty(required = true) String serviceType,
                           @JsonProperty(required = true) String scope,
                           @JsonProperty(required = true) String assessmentDate,
                           String assessmentStart,
                           String regime,
                           List<String> statementsInScope,
                           List<PreviousRatingIn> previousRatings,
                           List<RecordedScoreIn> recordedScores,
                           Map<String, Integer> recordedScoresByStatement,
                           String recordedScoresReason,
                           String recordedScoresBy,
                           List<RecordedRatingIn> recordedRatings,
                           List<BreachIn> breaches,
                           List<String> suggested) {
        public Envelope {
            previousRatings = previousRatings == null ? List.of() : previousRatings;
            recordedScores = recordedScores == null ? List.of() : recordedScores;
            recordedRatings = recordedRatings == null ? List.of() : recordedRatings;
            breaches = breaches == null ? List.of() : breaches;
        }

        /** Whether the envelope records any statement score, in either form. */
        public boolean recordsScores() {
            return !recordedScores.isEmpty() || (recordedScoresByStatement != null && !recordedScoresByStatement.isEmpty());
        }
    }

    /** A key question's rating before this assessment. */
    public record PreviousRatingIn(@JsonProperty(required = true) String keyQuestion,
                                   @JsonProperty(required = true) String rating) {}

    /** A statement score recorded as an inspector's professional judgement. */
    public record RecordedScoreIn(@JsonProperty(required = true) String statement,
                                  @JsonProperty(required = true) int score,
                                  @JsonProperty(required = true) String reason,
                                  @JsonProperty(required = true) String by) {}

    /** A key-question rating recorded as professional judgement, departing from the computed rating. */
    public record RecordedRatingIn(@JsonProperty(required = true) String keyQuestion,
                                   @JsonProperty(required = true) String rating,
                                   @JsonProperty(required = true) String reason,
                                   @JsonProperty(required = true) String by) {}

    /** A breach of regulations found under a key question. */
    public record BreachIn(@JsonProperty(required = true) String keyQuestion,
                           @JsonProperty(required = true) String regulation,
                           @JsonProperty(required = true) String description) {}

    /** One piece of evidence: exactly one of {@code metric} or {@code observation}. */
    public record Item(@JsonProperty(required = true) String id,
                       @JsonProperty(required = true) String statement,
                       @JsonProperty(required = true) String category,
                       @JsonProperty(required = true) Source source,
                       MetricIn metric,
                       ObservationIn observation,
                       List<String> suggested) {
        /** The fields a draft suggested and no coder has accepted yet (empty for a coded item). */
        public List<String> suggestedFields() {
            return suggested == null ? List.of() : suggested;
        }
    }

    /** The envelope fields a draft may mark as suggested. */
    public static final List<String> SUGGESTABLE_ENVELOPE = List.of("provider", "serviceType", "scope", "assessmentDate",
            "statementsInScope");

    /**
     * The item fields a draft may mark as suggested: where it is filed, whether it is a metric or an observation, and
     * each coded field of either.
     */
    public static final List<String> SUGGESTABLE_ITEM = List.of("statement", "category", "type", "theme", "direction",
            "kind", "extent", "impact", "who", "measure", "value", "unit", "period", "benchmarks");

    /** Where the evidence comes from, with the sentence quoted. */
    public record Source(@JsonProperty(required = true) String document,
                         @JsonProperty(required = true) String section,
                         @JsonProperty(required = true) String quote) {}

    /**
     * A measured value with its unit, period and the benchmarks to read it against. {@code measure} names it in the
     * measures catalogue; for a measure the catalogue lacks, {@code name} says what was measured and {@code better}
     * ("higher" or "lower") which way is better, instead.
     */
    public record MetricIn(String measure,
                           String name,
                           String better,
                           @JsonProperty(required = true) double value,
                           @JsonProperty(required = true) String unit,
                           @JsonProperty(required = true) String period,
                           List<BenchmarkIn> benchmarks) {
        public MetricIn {
            benchmarks = benchmarks == null ? List.of() : benchmarks;
        }
    }

    /** A value to read a metric against. */
    public record BenchmarkIn(@JsonProperty(required = true) String kind,
                              @JsonProperty(required = true) double value,
                              @JsonProperty(required = true) String label) {}

    /**
     * What was observed or said, coded by docs/coding-guide.md: {@code extent} and its {@code cue} (the words of the
     * quote that justify it) are given together or not at all; {@code who} is one speaker or a list of them.
     */
    public record ObservationIn(@JsonProperty(required = true) String theme,
                                @JsonProperty(required = true) String direction,
                                @JsonProperty(required = true) String kind,
                                String extent,
                                String cue,
                                @JsonProperty(required = true) String impact,
                                @JsonProperty(required = true)
                                @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> who) {}
}
