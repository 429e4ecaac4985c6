package org.assessor.impact;

import java.util.List;

/**
 * What changed for one fixture between two evaluations (base and head rules, or evidence before and after a
 * what-if): scores, percentages and ratings that moved, and the findings that appeared or disappeared, with rules;
 * {@code unmoved} says, for each statement whose findings changed while its score did not, why not;
 * {@code registerValuesUsed} names the register values either evaluation's rules read (from the derivation graphs).
 */
public record Change(String fixture, String provider, List<ScoreChange> scores, List<FindingChange> findings,
                     List<String> unmoved, String error, List<String> registerValuesUsed) {

    /** A change that could not be computed: the fixture failed on one side. */
    public static Change failed(String fixture, String error) {
        return new Change(fixture, "", List.of(), List.of(), List.of(), error, List.of());
    }

    /** A value that differs: {@code what} names it ("well-led rating", "statement freedom-to-speak-up"). */
    public record ScoreChange(String what, String base, String head, int direction) {}

    /** A finding present on one side only: {@code "appeared"} (head only) or {@code "disappeared"} (base only). */
    public record FindingChange(String change, String statement, String ruleId, String rule, String evidenceId,
                                int grade, String summary) {}

    public boolean changed() {
        return error != null || !scores.isEmpty() || !findings.isEmpty();
    }

    /** +1 if the overall rating moved up, -1 if down, 0 if not. */
    public int overallDirection() {
        return scores.stream().filter(s -> s.what().equals("overall rating")).mapToInt(ScoreChange::direction)
                .findFirst().orElse(0);
    }
}
