package org.assessor.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code rules/framework/measures.json} as read: the measures a metric may name, with unit and better direction. */
public record MeasuresFile(@JsonProperty("_about") String about,
                           @JsonProperty(required = true) List<MeasureIn> measures) {

    public record MeasureIn(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
                            @JsonProperty(required = true) String unit, @JsonProperty(required = true) String better) {}
}
