package org.assessor.facts;

/** A statement whose points cover fewer topics, or come from fewer independent sources, than the register's minimums, and why. */
public record ThinEvidence(String statement, int topics, int sources, String reason) implements Fact {
    public String key() { return "thin-evidence/" + statement; }
}
