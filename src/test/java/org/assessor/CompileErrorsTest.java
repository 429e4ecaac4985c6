package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
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
        assertThat(problems(rules)).extracting(Problem::toString).containsExactly(
                rules.resolve("well-led/broken.drl") + ":6:26: expected ')' to close the '(' opened at 6:16, found the end "
                        + "of line 6 (Drools noticed it at 7:1: mismatched input 'then' in rule \"A broken rule\")");
    }

    @Test
    void anUnknownFieldIsReportedWhereItIsWrittenWithTheFactsFields() throws Exception {
        Path rules = rulesWith("well-led/typo.drl", """
                package assessor.wellled;
                import org.assessor.facts.*;

                rule "A rule with a typo"
                when
                    $m : Metric(valeu > 3)
                then
                end
                """);
        assertThat(problems(rules)).extracting(Problem::toString).containsExactly(
                rules.resolve("well-led/typo.drl") + ":6:17: rule \"A rule with a typo\": unknown field 'valeu' on Metric; its fields are "
                        + "[evidenceId, statement, category, measure, name, value, unit, better, period]");
    }

    @Test
    void aJavaErrorInAConsequenceIsReportedAtTheRule() throws Exception {
        Path rules = rulesWith("well-led/java.drl", """
                package assessor.wellled;
                import org.assessor.facts.*;

                rule "A rule with a Java error"
                when
                    $m : Metric()
                then
                    int x = "a";
                end
                """);
        assertThat(problems(rules)).extracting(Problem::toString).containsExactly(
                rules.resolve("well-led/java.drl") + ":4:1: Rule Compilation error Type mismatch: cannot convert from String to int");
    }

    @Test
    void aMissingRulesFolderIsAClearError() {
        var problems = problems(tmp.resolve("nowhere"));
        assertThat(problems).extracting(Problem::toString).containsExactly(
                tmp.resolve("nowhere") + ": no rules folder here; expected a folder of .drl files (pass --rules <folder>)");
    }
}
