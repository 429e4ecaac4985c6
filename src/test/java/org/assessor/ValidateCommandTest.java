package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** validate reports each lint problem in the bad rule files under test resources, at its exact position. */
class ValidateCommandTest {
    @TempDir Path tmp;

    @Test
    void theShippedRulesPass() {
        var run = TestSupport.cli("validate", "rules");
        assertThat(run.code()).isEqualTo(0);
        assertThat(run.out()).endsWith("rules checked in rules: no problems\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no-layer.drl           | no-layer.drl:4:1: rule "A rule without a layer" has no agenda-group; give it its layer, one of [policy, evidence, statement, key-question, overall] (evidence rules: "evidence")
            no-id.drl              | no-id.drl:4:1: rule "A rule without an id" has no @id; give it a stable id such as @id("WL-GOV-09")
            no-reason.drl          | no-reason.drl:4:1: rule "A rule without a reason" has no @reason; say in one plain sentence why it holds
            no-statement.drl       | no-statement.drl:4:1: rule "A rule without a statement" is an evidence rule for well-led but has no @statement
            unknown-statement.drl  | unknown-statement.drl:4:1: rule "A rule naming an unknown statement" names unknown statement 'freedom-to-speek-up' in @statement
            wrong-key-question.drl | wrong-key-question.drl:4:1: rule "A rule for another key question" is in the well-led folder but its @statement 'safeguarding' belongs to safe
            unknown-category.drl   | unknown-category.drl:10:30: rule "A rule comparing with an unknown category" compares category with 'proceses', which the framework does not define
            prints.drl             | prints.drl:12:5: rule "A rule that prints" calls 'System.' in its consequence; a consequence only inserts derived facts (no I/O, printing, System calls or changes to facts)
            deletes.drl            | deletes.drl:12:5: rule "A rule that deletes evidence" calls 'delete(' in its consequence; a consequence only inserts derived facts (no I/O, printing, System calls or changes to facts)
            salience.drl           | salience.drl:4:1: rule "A rule with salience" uses salience to force an order; let layers follow from the facts instead
            fails-at-run-time.drl  | fails-at-run-time.drl:4:1: fails at run time on sample facts: rule "A rule that fails on a fact" (T-09, RULES/well-led/fails-at-run-time.drl): its constraint 'value > Integer.parseInt(unit)' failed on a fact: NumberFormatException: For input string: "percent" (a field compared with a value of the wrong type, or a null field?)
            """)
    void eachBadRuleIsReportedAtItsPosition(String file, String expected) throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.copy(Path.of("src/test/resources/lint", file), rules.resolve("well-led").resolve(file));
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> l.contains(": ")).toList()).containsExactly(
                rules.resolve("well-led") + "/" + expected.replace("RULES", rules.toString()));
        assertThat(run.out()).endsWith("1 problem\n");
    }

    @Test
    void aDuplicateIdNamesBothRules() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.copy(Path.of("src/test/resources/lint/duplicate-id.drl"), rules.resolve("well-led/duplicate-id.drl"));
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(rules.resolve("well-led/governance-management-and-sustainability.drl")
                + ":8:1: rule \"Training compliance is read against the policy target of 90%\" reuses id WL-GOV-01, "
                + "already used by \"A rule reusing an id\" at " + rules.resolve("well-led/duplicate-id.drl") + ":4");
    }
}
