package org.assessor.facts;

import java.time.LocalDate;

/**
 * The assessment being evaluated: who, what scope, and when. The scoring regime follows {@code regime} when the
 * fixture states it, else the assessment's start date when the fixture gives one, else the report's date; reports
 * say which of them chose it.
 */
public record Assessment(String provider, String serviceType, String scope, LocalDate assessmentDate, boolean trustLevel,
                         LocalDate startDate, String regime) implements Fact {
    public String key() { return "assessment"; }

    /** The date that chooses the regime: the start date when given, else the assessment (report) date. */
    public LocalDate regimeDate() {
        return startDate != null ? startDate : assessmentDate;
    }

    /** Which date chose the regime, in words. */
    public String regimeDateSource() {
        return startDate != null ? "the assessment started on " + startDate : "the assessment is dated " + assessmentDate;
    }

    /** Whether the fixture states the regime itself. */
    public boolean regimeStated() {
        return regime != null;
    }
}
