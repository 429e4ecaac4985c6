package org.assessor.facts;

/**
 * A value from the policy register in force on the assessment's date: a target, limit, tolerance, cut-off, count,
 * score or setting, with what it applies to ("method", "measure:&lt;id&gt;", "rating:&lt;id&gt;"), its source and why.
 * {@code number} holds numeric values (NaN for a word or a date, which are in {@code text}); {@code row} is its line
 * in {@code file}, so every report can say where a number is set.
 */
public record PolicyValue(String id, String appliesTo, String kind, double number, String text, String unit,
                          String effectiveFrom, String source, String citation, String rationale, String owner,
                          String file, int row) implements Given {
    public String key() { return "policy/" + id; }

    /** The measure a measure row applies to, or null. */
    public String measure() {
        return appliesTo.startsWith("measure:") ? appliesTo.substring("measure:".length()) : null;
    }

    /** The value as a person writes it: "90%", "6 months", "HALF_EVEN". */
    public String shown() {
        return Double.isNaN(number) ? text : Numbers.withUnit(number, unit);
    }

    /** Where the value is set and who decided it: "target training.x (register row 14; Assessor policy: why)". */
    public String cite() {
        return kind + " " + id + " (register row " + row + "; " + source + ": " + rationale + ")";
    }

    /** Where the value is set, briefly: "band.good.from, register row 3". */
    public String where() {
        return id + ", register row " + row;
    }

    public boolean yes() {
        return "yes".equals(text);
    }
}
