package org.assessor.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The fixture format as read from {@code evidence.json}: an assessment envelope and evidence items. Optional lists
 * may be left out; every other field is required. See the README and {@code fixtures/evidence.schema.json}.
 */
public record EvidenceFile(@JsonProperty(required = true) Envelope assessment,
                           @JsonProperty(required = true) List<Item> evidence) {

    /** Who and what is assessed, when, and the judgements and breaches recorded for it. */
    public record Envelope(@JsonProperty(required = true) String provider,
                           @JsonProperty(required = true) String serviceType,
                           @JsonProperty(required = true) String scope,
                           @JsonProperty(required = true) String assessmentDate,
                           List<String> statementsInScope,
                           List<PreviousRatingIn> previousRatings,
                           List<RecordedScoreIn> recordedScores,
                           List<RecordedRatingIn> recordedRatings,
                           List<BreachIn> breaches) {
        public Envelope {
            previousRatings = previousRatings == null ? List.of() : previousRatings;
            recordedScores = recordedScores == null ? List.of() : recordedScores;
            recordedRatings = recordedRatings == null ? List.of() : recordedRatings;
            breaches = breaches == null ? List.of() : breaches;
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
                       ObservationIn observation) {}

    /** Where the evidence comes from, with the sentence quoted. */
    public record Source(@JsonProperty(required = true) String document,
                         @JsonProperty(required = true) String section,
                         @JsonProperty(required = true) String quote) {}

    /** A measured value with its unit, period and the benchmarks to read it against. */
    public record MetricIn(@JsonProperty(required = true) String measure,
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
     * quote that justify it) are given together or not at all.
     */
    public record ObservationIn(@JsonProperty(required = true) String theme,
                                @JsonProperty(required = true) String direction,
                                @JsonProperty(required = true) String kind,
                                String extent,
                                String cue,
                                @JsonProperty(required = true) String impact,
                                @JsonProperty(required = true) String who) {}
}
