package org.assessor.facts;

/** A quality statement this assessment covers, with the key question it belongs to. */
public record StatementInScope(String statement, String keyQuestion, String name, int order) implements Given {
    public String key() { return "in-scope/" + statement; }
}
