package org.assessor.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A framework file as read ({@code rules/framework/framework.json}, or {@code rules/frameworks/<id>/framework.json}):
 * its id, key questions, statements, categories, ratings and the score scale, service types, scopes, and the
 * vocabulary of the fixture format.
 * <p>
 * "Key question" in the names of these records and of the facts means <em>the framework's grouping level</em>: the
 * level between statements and the overall rating (key questions for providers, themes for local authorities).
 * {@code groupingLevel} gives the framework's own word for it, which user-facing text uses. {@code sharedRules}
 * (only in a framework under {@code rules/frameworks/}) names the folders of {@code rules/} whose rules and register
 * rows it shares; see docs/frameworks.md.
 */
public record FrameworkFile(@JsonProperty("_about") String about,
                            @JsonProperty(required = true) String id,
                            @JsonProperty(required = true) String version,
                            @JsonProperty(required = true) GroupingIn groupingLevel,
                            @JsonProperty(required = true) String overallLabel,
                            List<String> sharedRules,
                            @JsonProperty(required = true) List<KeyQuestionIn> keyQuestions,
                            @JsonProperty(required = true) List<StatementIn> statements,
                            @JsonProperty(required = true) List<CategoryIn> evidenceCategories,
                            @JsonProperty(required = true) List<RatingIn> ratings,
                            @JsonProperty(required = true) String notRated,
                            @JsonProperty(required = true) ScoresIn scores,
                            @JsonProperty(required = true) List<ServiceTypeIn> serviceTypes,
                            @JsonProperty(required = true) List<ScopeIn> scopes,
                            @JsonProperty(required = true) List<RegimeIn> regimes,
                            @JsonProperty(required = true) VocabularyIn vocabulary) {

    /**
     * A scoring regime this framework is assessed under: its id ("statement", "evidence-category"), and, when the
     * framework has more than one, whether it applies before ({@code "before"}) or from ({@code "from"}) the register's
     * regime date; {@code source} says where the framework's regimes come from.
     */
    public record RegimeIn(@JsonProperty(required = true) String id, String applies,
                           @JsonProperty(required = true) String source) {}

    /** The framework's word for its grouping level, singular and plural ("key question", "theme"). */
    public record GroupingIn(@JsonProperty(required = true) String singular,
                             @JsonProperty(required = true) String plural) {}

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
                               @JsonProperty(required = true) List<String> who,
                               @JsonProperty(required = true) java.util.Map<String, List<String>> whoCategories) {}

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

    /**
     * An assessment scope. {@code trustLevel} true: the overall rating is not counted from the grouping level's
     * ratings by the rating principles (rules/method/overall.drl); at NHS trust level it is the well-led rating, and a
     * framework may give it by rules of its own (a local authority's overall percentage). {@code overallLabel}, when
     * given, replaces the framework's label for the overall rating in reports.
     */
    public record ScopeIn(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
                          @JsonProperty(required = true) boolean trustLevel,
                          String overallLabel,
                          @JsonProperty(required = true) List<String> statements) {}
}
