package org.assessor.casebook;

import org.assessor.result.Assessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.Objects;
import org.assessor.input.InvalidInputException;
import org.assessor.input.StrictJson;
import org.assessor.engine.Evaluation;
import org.assessor.engine.RuleFault;
import org.assessor.evidence.Fixtures;
import org.assessor.result.ResultBuilder;
import org.assessor.result.Result;
import org.assessor.result.Result.FindingView;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;

/**
 * Runs fixtures against their {@code expected.json} and lists every difference: the one runner behind both the
 * {@code test} command and the JUnit suite, so the two cannot disagree.
 */
public final class CaseRunner {
    public static final String EXPECTED_FILE = "expected.json";

    private final Assessor assessor;

    public CaseRunner(Assessor assessor) {
        this.assessor = assessor;
    }

    /** Runs one fixture folder. */
    public CaseResult run(Path fixture) {
        String name = fixture.toString();
        Path expectedFile = fixture.resolve(EXPECTED_FILE);
        if (!Files.isRegularFile(expectedFile)) {
            return new CaseResult(name, "", List.of(), "no expected.json: nothing to check this fixture against", false,
                    null);
        }
        try {
            Expectations exp = StrictJson.read(expectedFile, expectedFile.toString(), Expectations.class).value();
            Evaluation evaluation = (exp.policy() == null ? assessor : assessor.withPolicy(exp.policy())).evaluation(fixture);
            Result actual = new ResultBuilder(evaluation).build();
            return new CaseResult(name, exp.proves(), compare(exp, actual), null, true, evaluation);
        } catch (InvalidInputException | RuleFault | IllegalArgumentException e) {
            return new CaseResult(name, "", List.of(), e.getMessage(), true, null);
        }
    }

    static List<String> compare(Expectations exp, Result actual) {
        List<String> diffs = new ArrayList<>();
        if (exp.keyQuestions() != null) {
            exp.keyQuestions().forEach((kqId, e) -> keyQuestion(kqId, e, actual, diffs));
        }
        check(diffs, "overall rating", exp.overall(), actual.overall().rating(),
                "principle: " + actual.overall().principle() + "; " + actual.overall().detail());
        var score = actual.overall().score();
        String how = score == null ? "no overall percentage: this framework's rules give none" : score.sentence();
        check(diffs, "overall percentage", exp.overallPercentage(), score == null ? null : score.shown(), how);
        check(diffs, "overall raw percentage", exp.overallRaw(), score == null ? null : score.raw(), how);
        if (exp.rulesFired() != null) {
            for (String id : exp.rulesFired()) {
                if (!actual.rulesFired().containsKey(id)) diffs.add("rule " + id + ": expected to fire, it did not");
            }
        }
        if (exp.rulesNotFired() != null) {
            for (String id : exp.rulesNotFired()) {
                if (actual.rulesFired().containsKey(id)) {
                    diffs.add("rule " + id + ": expected not to fire, it fired " + actual.rulesFired().get(id) + " time(s)");
                }
            }
        }
        if (exp.cited() != null) exp.cited().forEach((st, ids) -> cited(st, ids, actual, diffs));
        if (exp.grades() != null) exp.grades().forEach((id, grades) -> grades(id, grades, actual, diffs));
        if (exp.calibration() != null && Calibration.statement(actual, exp.calibration().statement()) == null) {
            diffs.add("calibration statement " + exp.calibration().statement() + ": not in the result");
        }
        return diffs;
    }

    private static void keyQuestion(String id, Expectations.KeyQuestionExpected e, Result actual, List<String> diffs) {
        KeyQuestionView kq = actual.keyQuestions().stream().filter(k -> k.id().equals(id)).findFirst().orElse(null);
        if (kq == null) {
            diffs.add((actual.groupingLevel() == null ? "key question" : actual.groupingLevel().singular()) + " " + id
                    + ": expected results, but it is not in the result");
            return;
        }
        if (e.statements() != null) {
            e.statements().forEach((st, score) -> {
                StatementView v = kq.statements().stream().filter(s -> s.id().equals(st)).findFirst().orElse(null);
                if (v == null) {
                    diffs.add("statement " + st + ": expected score " + score + ", but it is not in scope");
                } else if (score == null) {
                    // null in expected.json means "not scored", and is checked like any other value.
                    if (v.score() != null) {
                        diffs.add("statement " + st + " score: expected not scored, actual " + v.score() + " ("
                                + v.basis() + "; " + v.detail() + ")");
                    }
                } else {
                    check(diffs, "statement " + st + " score", score, v.score(), v.basis() + "; " + v.detail()
                            + (v.evidence() == null ? "" : "; evidence base " + v.evidence().base() + ", after caps "
                            + v.evidence().score()));
                }
            });
        }
        String why = kq.score() == null ? "not scored" : kq.score().sum() + " of " + kq.score().max() + " = "
                + org.assessor.facts.Numbers.writtenPercent(kq.score().raw());
        check(diffs, id + " percentage", e.percentage(), kq.score() == null ? null : kq.score().shown(), why);
        check(diffs, id + " raw percentage", e.raw(), kq.score() == null ? null : kq.score().raw(), why);
        check(diffs, id + " band", e.band(), kq.band() == null ? null : kq.band().rating(), why);
        check(diffs, id + " boundary case", e.boundary(), kq.band() == null ? null : kq.band().boundary(), why);
        check(diffs, id + " rating", e.rating(), kq.rating() == null ? null : kq.rating().rating(),
                kq.rating() == null ? "no rating" : kq.rating().basis() + "; " + kq.rating().detail() + "; caps "
                        + kq.caps().stream().map(c -> c.ruleId() + (c.applied() ? " (applied)" : "")).toList());
    }

    private static void cited(String statement, List<String> ids, Result actual, List<String> diffs) {
        List<String> citedIds = actual.keyQuestions().stream().flatMap(k -> k.statements().stream())
                .filter(s -> s.id().equals(statement)).flatMap(s -> s.findings().stream())
                .map(FindingView::evidenceId).distinct().toList();
        for (String id : ids) {
            if (!citedIds.contains(id)) {
                diffs.add("statement " + statement + ": expected evidence " + id + " to be cited; cited: " + citedIds);
            }
        }
    }

    private static void grades(String evidenceId, List<Integer> expected, Result actual, List<String> diffs) {
        List<FindingView> found = actual.keyQuestions().stream().flatMap(k -> k.statements().stream())
                .flatMap(s -> s.findings().stream()).filter(f -> f.evidenceId().equals(evidenceId)).toList();
        List<Integer> grades = found.stream().map(FindingView::grade).sorted().toList();
        if (!grades.equals(expected.stream().sorted().toList())) {
            diffs.add("evidence " + evidenceId + " grades: expected " + expected + ", actual " + grades + " ("
                    + found.stream().map(f -> f.grade() + " " + f.ruleId()).toList() + ")");
        }
    }

    private static void check(List<String> diffs, String what, Object expected, Object actual, String why) {
        if (expected == null) return;
        if (!Objects.equals(expected, actual)) {
            diffs.add(what + ": expected " + expected + ", actual " + actual + " (" + why + ")");
        }
    }

    /** Runs every fixture under a folder. */
    public List<CaseResult> runAll(Path root) throws IOException {
        return Fixtures.under(root).stream().map(this::run).toList();
    }

}
