package org.assessor.facts;

/** One of the five key questions, from the framework data; {@code assessed} is false when this assessment does not cover it. */
public record KeyQuestion(String id, String name, int order, boolean assessed) implements Fact {
    public String key() { return "key-question/" + id; }
}
