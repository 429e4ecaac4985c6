package org.assessor.ruleset;

/** What a policy team needs to know about one rule: its id, name, file, the statement it bears on, why, and its layer. */
public record RuleInfo(String id, String name, String file, String statement, String reason, String layer) {}
