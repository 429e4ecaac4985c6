package org.assessor.ruleset.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.assessor.input.Problem;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;

/**
 * The rule language accepts what the shipped rules and the rules being written need (patterns, bindings, accumulate
 * with built-in functions, not and exists, the fact types' methods and factories, Numbers, sorted sets for display,
 * text built from values) and refuses, with a short message at its position, what is too long or too deep.
 */
class RuleLanguageCheckTest {
    private static List<Problem> check(String drl) throws Exception {
        DrlParser parser = new DrlParser();
        var pkg = parser.parse(new StringReader(drl));
        assertThat(parser.getErrors()).as("the test's rule parses").isEmpty();
        return RuleLanguage.check("x.drl", drl, pkg);
    }

    private static String rule(String when, String then) {
        return """
                package assessor.x;
                import org.assessor.facts.*;
                import java.time.LocalDate;
                import java.util.*;

                rule "A rule"
                    @id("T-1")
                    @kind("judgement")
                    @reason("Testing.")
                    agenda-group "evidence"
                when
                %s
                then
                %s
                end
                """.formatted(when, then);
    }

    @Test
    void whatRulesNeedIsInTheLanguage() throws Exception {
        assertThat(check(rule("""
                    $p : PolicyValue(id == "a.b", $need : number, kind in ("target", "limit"), appliesTo == ("measure:" + $need))
                    $m : Metric($id : evidenceId, $s : statement, value * 100 > $need * 2.5, !measure.startsWith("x"),
                                unit != null || (better == "lower" && value > 0))
                    not Finding(evidenceId == $id, grade <= $need)
                    exists Observation(statement == $s, direction == "negative")
                    (Metric(statement == $s) or Benchmark(evidenceId == $id))
                    $a : Assessment(!regimeDate.isBefore(LocalDate.parse($p.text())), $d : assessmentDate)
                    $b : Benchmark(evidenceId == $id, gapFor($m) <= -$need, value == Benchmark.EVIDENCE.length())
                    accumulate($f : Finding(statement == $s, $g : grade, $c : category);
                               $sum : sum($g), $n : count($f), $low : min($g), $high : max($g), $mean : average($g),
                               $found : collectList($f), $cats : collectSet($c);
                               $n > 0, $cats.size() >= $need || $found.isEmpty())
                    ScoreLevel(id == "good", $grade : score)
                """, """
                    double raw = 100.0 * $sum.intValue() / ((double) $grade * $n.intValue());
                    int whole = (int) Math.floor(raw);
                    String why = $m.shown() + " against " + $b.label() + ($m.value() > raw ? " (above)" : "") + " in "
                            + new java.util.TreeSet($cats) + new TreeSet($found).size() + "; " + Numbers.count($n, "finding") + " " + Numbers.plain(whole);
                    insertLogical(Finding.by(kcontext, $id, $s, $m.category(), $grade, why + $p.cite()));
                    insertLogical(ScoreCap.by(kcontext, $s, $low.intValue(), "capped"));
                    insert(new Unjudged($id, String.valueOf($d.getYear()) + Numbers.mean($found.isEmpty() ? $cats : $found)));
                """))).isEmpty();
    }

    @Test
    void aConditionNestedTooDeeplyIsRefusedAtItsPosition() throws Exception {
        String deep = "(".repeat(70) + "value > 0" + ")".repeat(70);
        var problems = check(rule("    $m : Metric(" + deep + ")", ""));
        assertThat(problems).extracting(Problem::toString).singleElement().asString()
                .startsWith("x.drl:12:").contains("nested at most 64 deep");
    }

    @Test
    void aVeryLongConditionIsRefusedWithAShortMessage() throws Exception {
        String terms = String.join(" || ", java.util.Collections.nCopies(20_000, "value == 0"));
        var problems = check(rule("    $m : Metric(" + terms + ")", ""));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.message()).contains("expected at most 2000 words and symbols").hasSizeLessThan(300);
        });
    }

    @Test
    void aStatementMayNotUseWhatIsNotBound() throws Exception {
        var problems = check(rule("    $m : Metric()", "    insertLogical(new Unjudged($x, \"y\"));"));
        assertThat(problems).extracting(Problem::toString).containsExactly("x.drl:14:32: rule \"A rule\": expected a value "
                + "bound earlier in the rule, found '$x', which is not bound here (bind it in an earlier pattern, such as "
                + "$x : field)");
    }

    @Test
    void aFactMustBeInsertedNotAValue() throws Exception {
        var problems = check(rule("    $m : Metric()", "    insertLogical($m.evidenceId());"));
        assertThat(problems).extracting(Problem::message).containsExactly("rule \"A rule\": expected a fact to insert, "
                + "such as new StatementScore(…) or Finding.by(kcontext, …), found a String");
    }

    @Test
    void toLowerCaseIsLeftOutBecauseItDependsOnTheMachinesLanguage() throws Exception {
        var problems = check(rule("    $m : Metric(unit.toLowerCase() == \"count\")", ""));
        assertThat(problems).extracting(Problem::message).singleElement().asString()
                .contains("found 'toLowerCase', which the rule language does not have");
    }
}
