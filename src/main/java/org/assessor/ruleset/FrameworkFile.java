package org.assessor.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code rules/framework/framework.json} as read: key questions, statements, categories, ratings and the score scale,
 * service types, scopes, and the vocabulary of the fixture format.
 */
public record FrameworkFile(@JsonProperty("_about") String about,
                            @JsonProperty(required = true) String version,
                            @JsonProperty(required = true) List<KeyQuestionIn> keyQuestions,
                            @JsonProperty(required = true) List<StatementIn> statements,
                            @JsonProperty(required = true) List<CategoryIn> evidenceCategories,
                            @JsonProperty(required = true) List<RatingIn> ratings,
                            @JsonProperty(required = true) String notRated,
                            @JsonProperty(required = true) ScoresIn scores,
                            @JsonProperty(required = true) List<ServiceTypeIn> serviceTypes,
                            @JsonProperty(required = true) List<ScopeIn> scopes,
                            @JsonProperty(required = true) VocabularyIn vocabulary) {

    /** The score scale of statements and grades: from {@code min} to {@code max}, with what each score means. */
    public record ScoresIn(@JsonProperty(required = true) int min, @JsonProperty(required = true) int max,
                           @JsonProperty(required = true) List<MeaningIn> meanings) {}

    public record MeaningIn(@JsonProperty(required = true) int score, @JsonProperty(required = true) String id,
                            @JsonProperty(required = true) String meaning) {}

    /** The words the fixture format accepts for its enumerated fields. */
    public record VocabularyIn(@JsonProperty("_about") String about,
                               @JsonProperty(required = true) List<String> units,
                               @JsonProperty(required = true) List<String> benchmarkKinds,
                               @JsonProperty(required = true) List<String> directions,
                               @JsonProperty(required = true) List<String> kinds,
                               @JsonProperty(required = true) List<String> extents,
                               @JsonProperty(required = true) String defaultExtent,
                               @JsonProperty(required = true) List<String> impacts,
                               @JsonProperty(required = true) List<String> who) {}

    public record KeyQuestionIn(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
                                @JsonProperty(required = true) int order) {}

    public record StatementIn(@JsonProperty(required = true) String id,
                              @JsonProperty(required = true) String keyQuestion,
                              @JsonProperty(required = true) String name, @JsonProperty(required = true) int order) {}

    public record CategoryIn(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
                             @JsonProperty(required = true) int order) {}

    public record RatingIn(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
                           @JsonProperty(required = true) int rank) {}

    public record ServiceTypeIn(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
                                @JsonProperty(required = true) List<String> evidenceCategories) {}

    public record ScopeIn(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
                          @JsonProperty(required = true) boolean trustLevel,
                          @JsonProperty(required = true) List<String> statements) {}
}
