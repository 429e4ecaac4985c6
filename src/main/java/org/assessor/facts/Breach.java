package org.assessor.facts;

/** A breach of regulations found under a key question. */
public record Breach(String keyQuestion, String regulation, String description) implements Fact {
    public String key() { return "breach/" + keyQuestion + "/" + regulation; }
}
