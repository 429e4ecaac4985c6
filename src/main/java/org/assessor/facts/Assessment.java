package org.assessor.facts;

import java.time.LocalDate;

/**
 * The assessment being evaluated: who, what scope, and when. The scoring regime follows {@code regime} when the
 * fixture states it, else the assessment's start date when the fixture gives one, else the report's date; reports
 * say which of them chose it.
 */
public record Assessment(String provider, String serviceType, String scope, LocalDate assessmentDate, boolean trustLevel,
                         LocalDate startDate, String regime) implements Given {
    public String key() { return "assessment"; }

    /** The date that chooses the regime: the start date when given, else the assessment (report) date. */
    public LocalDate regimeDate() {
        return startDate != null ? startDate : assessmentDate;
    }

    /** Which date chose the regime, in words. */
    public String regimeDateSource() {
        return startDate != null ? "the assessment started on " + startDate : "the assessment is dated " + assessmentDate;
    }

    /**
     * When the assessment has a start date and a report date on opposite sides of the regime date {@code from}
     * (YYYY-MM-DD), a note saying so (the start date chose the regime); otherwise empty.
     */
    public String otherDateSide(String from) {
        if (startDate == null) return "";
        LocalDate switchDate = LocalDate.parse(from);
        boolean startBefore = startDate.isBefore(switchDate);
        boolean reportBefore = assessmentDate.isBefore(switchDate);
        if (startBefore == reportBefore) return "";
        return " (the report is dated " + assessmentDate + ", " + (reportBefore ? "before" : "on or after") + " it: the "
                + "start date chooses the regime)";
    }

    /** Whether the fixture states the regime itself. */
    public boolean regimeStated() {
        return regime != null;
    }
}
