package org.assessor.facts;

/** One of the key questions, from the framework data; {@code inScope} is false when this assessment does not cover it. */
public record KeyQuestion(String id, String name, int order, boolean inScope) implements Given {
    public String key() { return "key-question/" + id; }
}
