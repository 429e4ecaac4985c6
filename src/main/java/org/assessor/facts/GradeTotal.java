package org.assessor.facts;

/**
 * Grades added up for a statement ({@code category} "*") or for one evidence category of it:
 * {@code sum} out of the top score × {@code count}, and that as a percentage.
 */
public record GradeTotal(String statement, String category, int sum, int count, double percent) implements Fact {
    public static final String ALL = "*";

    public String key() { return "grade-total/" + statement + "/" + category; }

    /** A total of {@code count} grades (or category scores) adding to {@code sum}, each out of {@code max}. */
    public static GradeTotal of(String statement, String category, Number sum, Number count, int max) {
        int s = sum.intValue();
        int n = count.intValue();
        return new GradeTotal(statement, category, s, n, 100.0 * s / ((double) max * n));
    }
}
