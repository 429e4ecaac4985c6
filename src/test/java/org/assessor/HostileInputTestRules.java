package org.assessor;

/** Rule files for tests of rules that misbehave within the rule language. */
public final class HostileInputTestRules {
    private HostileInputTestRules() {}

    /**
     * A rule within the rule language that never returns in practice: rounding to a million decimal places takes
     * far longer than any time limit (stripping the trailing zeros again is quadratic in them).
     */
    public static final String NEVER_RETURNS = """
            package assessor.wellled;
            import org.assessor.facts.*;

            rule "A rule that never returns"
                @kind("judgement")
                @id("T-HOSTILE")
                @statement("freedom-to-speak-up")
                @reason("Testing.")
                agenda-group "evidence"
            when
                $m : Metric()
                ScoreLevel(id == "good", $grade : score)
            then
                insertLogical(Finding.by(kcontext, $m.evidenceId(), $m.statement(), $m.category(), $grade,
                        Numbers.rounded($m.value(), 100 * 100 * 100)));
            end
            """;
}
