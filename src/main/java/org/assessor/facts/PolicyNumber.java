package org.assessor.facts;

/** A number the method depends on (a band cut-off, a tolerance, a target), declared in the rules so a policy team can change it. */
public record PolicyNumber(String name, double value, String note) implements Fact {
    public String key() { return "policy/" + name; }
}
