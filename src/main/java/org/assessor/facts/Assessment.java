package org.assessor.facts;

import java.time.LocalDate;

/** The assessment being evaluated: who, what scope, and when (the date picks the scoring regime). */
public record Assessment(String provider, String serviceType, String scope, LocalDate assessmentDate, boolean trustLevel)
        implements Fact {
    public String key() { return "assessment"; }
}
