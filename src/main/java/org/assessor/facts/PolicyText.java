package org.assessor.facts;

/** A named policy setting that is a word, not a number (e.g. the rounding mode), declared in the rules. */
public record PolicyText(String name, String value, String note) implements Fact {
    public String key() { return "policy/" + name; }
}
