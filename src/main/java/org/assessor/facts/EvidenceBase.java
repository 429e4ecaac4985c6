package org.assessor.facts;

/**
 * The score a unit's evidence shows before any cap ({@link Unit}: a statement, or one of its evidence categories in
 * the evidence-category regime), and why: the step of the score descriptors its points reach, or for a statement
 * scored through its categories the banded total of their scores.
 */
public record EvidenceBase(String unit, String statement, String category, int score, String reason) implements Fact {
    public String key() { return "evidence-base/" + unit; }

    /** The base score of a unit. */
    public static EvidenceBase of(Unit u, int score, String reason) {
        return new EvidenceBase(u.id(), u.statement(), u.category(), score, reason);
    }

    /** A statement's base score from its category scores (evidence-category regime). */
    public static EvidenceBase ofStatement(String statement, int score, String reason) {
        return new EvidenceBase(statement, statement, "", score, reason);
    }
}
