package org.assessor.facts;

/**
 * What a statement's points are weighed in to a score: the whole statement ({@code category} empty, the statement
 * regime), or one evidence category of it (the evidence-category regime). {@code id} is the unit's name, as
 * {@link Regime#unit} gives it.
 */
public record Unit(String id, String statement, String category) implements Fact {
    public String key() { return "unit/" + id; }

    /** The unit a point is weighed in. */
    public static Unit of(Point p) {
        return new Unit(p.unit(), p.statement(), p.unit().equals(p.statement()) ? "" : p.category());
    }

    /** Whether this unit is a whole statement (not one of its evidence categories). */
    public boolean whole() {
        return category.isEmpty();
    }
}
