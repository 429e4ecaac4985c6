package org.assessor.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code rules/framework/framework.json} as read: key questions, statements, categories, ratings, service types, scopes. */
public record FrameworkFile(@JsonProperty("_about") String about,
                            @JsonProperty(required = true) String version,
                            @JsonProperty(required = true) List<KeyQuestionIn> keyQuestions,
                            @JsonProperty(required = true) List<StatementIn> statements,
                            @JsonProperty(required = true) List<CategoryIn> evidenceCategories,
                            @JsonProperty(required = true) List<RatingIn> ratings,
                            @JsonProperty(required = true) List<ServiceTypeIn> serviceTypes,
                            @JsonProperty(required = true) List<ScopeIn> scopes) {

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
