package org.assessor.facts;

/** How many quality statements the assessment's scope has in its framework (a council's nine), scored or not. */
public record ScopeStatements(int count) implements Given {
    public String key() { return "scope-statements"; }
}
