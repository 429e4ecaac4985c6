package org.assessor.facts;

/** The scoring regime that applies to the assessment ("statement" or "evidence-category"), with why. */
public record Regime(String id, String reason) implements Fact {
    public static final String STATEMENT = "statement";

    public String key() { return "regime"; }

    /**
     * What a statement's evidence in a category is weighed in: the whole statement in the statement regime, the
     * statement's category otherwise ("safeguarding/processes").
     */
    public String unit(String statement, String category) {
        return STATEMENT.equals(id) ? statement : statement + "/" + category;
    }
}
