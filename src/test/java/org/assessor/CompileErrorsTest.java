package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assessor.evidence.InvalidInputException;
import org.assessor.evidence.Problem;
import org.assessor.ruleset.RuleSetCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule that does not compile is reported as path:line:column: message, once per problem, with no parser noise. */
class CompileErrorsTest {
    @TempDir Path tmp;

    private Path rulesWith(String file, String drl) throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve(file), drl);
        return rules;
    }

    private java.util.List<Problem> problems(Path rules) {
        var e = catchThrowableOfType(InvalidInputException.class, () -> new RuleSetCompiler().compile(rules));
        assertThat(e).isNotNull();
        return e.problems();
    }

    @Test
    void aSyntaxErrorIsOneProblemWithLineAndColumn() throws Exception {
        Path rules = rulesWith("well-led/broken.drl", """
                package assessor.wellled;
                import org.assessor.facts.*;

                rule "A broken rule"
                when
                    $m : Metric(value > 3
                then
                end
                """);
        var problems = problems(rules);
        assertThat(problems).hasSize(1);
        Problem p = problems.get(0);
        assertThat(p.file()).endsWith("well-led/broken.drl");
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.toString()).doesNotContain("null Package");
        assertThat(p.toString()).matches(".*broken\\.drl:7:\\d+: .*then.*");
    }

    @Test
    void anUnknownFieldNamesTheRuleLine() throws Exception {
        Path rules = rulesWith("well-led/typo.drl", """
                package assessor.wellled;
                import org.assessor.facts.*;

                rule "A rule with a typo"
                when
                    $m : Metric(valeu > 3)
                then
                end
                """);
        var problems = problems(rules);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).contains("typo.drl:6:").contains("valeu");
    }

    @Test
    void aMissingRulesFolderIsAClearError() {
        var problems = problems(tmp.resolve("nowhere"));
        assertThat(problems).extracting(Problem::toString).containsExactly(
                tmp.resolve("nowhere") + ": no rules folder here; expected a folder of .drl files (pass --rules <folder>)");
    }
}
