package org.assessor.facts;

/** A quality statement's score 1–4 and its basis: "assessed", "carried" (from a previous rating) or "judgement". */
public record StatementScore(String statement, String keyQuestion, int score, String basis, String detail)
        implements Fact {
    public String key() { return "statement-score/" + statement; }
}
