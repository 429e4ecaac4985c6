package org.assessor.facts;

/** A statement scored from fewer findings or evidence categories than the register's minimums, and why. */
public record ThinEvidence(String statement, int findings, int categories, String reason) implements Fact {
    public String key() { return "thin-evidence/" + statement; }
}
