package org.assessor.casebook;

import java.util.List;
import org.assessor.engine.Evaluation;

/**
 * The outcome of running one fixture: its differences from what was expected, or the error that stopped it, and the
 * evaluation it came from (so coverage needs no second evaluation).
 */
public record CaseResult(String fixture, String proves, List<String> differences, String error, boolean hasExpectations,
                         Evaluation evaluation) {

    /** The evaluation behind the case (for coverage), or null when the fixture could not be evaluated. */
    @Override
    public Evaluation evaluation() {
        return evaluation;
    }

    public boolean passed() {
        return hasExpectations && error == null && differences.isEmpty();
    }
}
