package org.assessor.casebook;

import java.util.List;

/** The outcome of running one fixture: its differences from what was expected, or the error that stopped it. */
public record CaseResult(String fixture, String proves, List<String> differences, String error, boolean hasExpectations) {

    public boolean passed() {
        return hasExpectations && error == null && differences.isEmpty();
    }
}
