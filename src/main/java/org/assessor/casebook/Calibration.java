package org.assessor.casebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assessor.evidence.Fixtures;
import org.assessor.input.InvalidInputException;
import org.assessor.input.StrictJson;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.assessor.result.Result.StatementView;

/**
 * How often the rules give the score CQC published, over the real statements of a calibration folder (fixtures whose
 * expected.json has a {@code calibration} block): exact and within-one agreement, the confusion matrix (published ×
 * rules), and shortfall recall (of the statements published at some shortfalls or below, how many the rules scored
 * there too), each beside what answering "good standard" every time would get.
 */
public final class Calibration {
    /** One real statement: its published score, the rules' score (null: not scored) and why, or the problem that stopped it. */
    public record Case(String fixture, String excerpt, String statement, int published, Integer rules, String why,
                       String note, String problem) {
        public boolean exact() { return rules != null && rules == published; }

        public boolean withinOne() { return rules != null && Math.abs(rules - published) <= 1; }
    }

    /**
     * The figures: {@code confusion[p][r]} counts statements published {@code p} and scored {@code r} (index 0 of
     * {@code r}: not scored); {@code shortfallFrom} is the score at or below which a statement shows shortfalls and
     * {@code common} the score "always the same answer" gives (the framework's good standard).
     */
    public record Report(List<Case> cases, int exact, int withinOne, int[][] confusion, int shortfallsPublished,
                         int shortfallsFound, int common, int commonExact, int commonWithinOne, int commonShortfallsFound,
                         int min, int max) {
        public int total() { return cases.size(); }

        public List<Case> problems() { return cases.stream().filter(c -> c.problem() != null).toList(); }

        public List<Case> misses() { return cases.stream().filter(c -> c.problem() == null && !c.exact()).toList(); }
    }

    private final Assessor assessor;

    public Calibration(Assessor assessor) {
        this.assessor = assessor;
    }

    /** Runs every calibration fixture under {@code root}; fixtures without a calibration block are left out. */
    public Report run(Path root) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Path fixture : Fixtures.under(root)) {
            Path expected = fixture.resolve(CaseRunner.EXPECTED_FILE);
            if (!Files.isRegularFile(expected)) continue;
            Expectations.CalibrationExpected c;
            try {
                c = StrictJson.read(expected, expected.toString(), Expectations.class).value().calibration();
            } catch (InvalidInputException e) {
                cases.add(new Case(fixture.toString(), "", "", 0, null, null, null, e.getMessage()));
                continue;
            }
            if (c == null) continue;
            cases.add(one(fixture, c));
        }
        return report(cases);
    }

    private Case one(Path fixture, Expectations.CalibrationExpected c) {
        try {
            Result r = assessor.evaluate(fixture);
            StatementView st = statement(r, c.statement());
            if (st == null) {
                return new Case(fixture.toString(), c.excerpt(), c.statement(), c.published(), null, null, c.note(),
                        "statement " + c.statement() + " is not in the result");
            }
            String why = st.arithmetic() != null ? st.arithmetic() : st.detail();
            return new Case(fixture.toString(), c.excerpt(), c.statement(), c.published(), st.score(), why, c.note(), null);
        } catch (InvalidInputException | RuntimeException e) {
            return new Case(fixture.toString(), c.excerpt(), c.statement(), c.published(), null, null, c.note(),
                    e.getMessage());
        }
    }

    private Report report(List<Case> cases) {
        var fw = assessor.rules().framework();
        int min = fw.minScore();
        int max = fw.maxScore();
        int common = fw.scoreMeanings().stream().filter(m -> m.id().equals("good")).findFirst()
                .map(m -> m.score()).orElse(max - 1);
        int some = fw.scoreMeanings().stream().filter(m -> m.id().equals("some-shortfalls")).findFirst()
                .map(m -> m.score()).orElse(common - 1);
        int[][] confusion = new int[max + 1][max + 1];
        int exact = 0, within = 0, published = 0, found = 0, cExact = 0, cWithin = 0, cFound = 0;
        for (Case c : cases) {
            if (c.problem() != null) continue;
            confusion[c.published()][c.rules() == null ? 0 : c.rules()]++;
            if (c.exact()) exact++;
            if (c.withinOne()) within++;
            if (c.published() == common) cExact++;
            if (Math.abs(c.published() - common) <= 1) cWithin++;
            if (c.published() <= some) {
                published++;
                if (c.rules() != null && c.rules() <= some) found++;
                if (common <= some) cFound++;
            }
        }
        return new Report(List.copyOf(cases), exact, within, confusion, published, found, common, cExact, cWithin,
                cFound, min, max);
    }

    /** The statement of a result with this id, or null. */
    static StatementView statement(Result r, String id) {
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).filter(s -> s.id().equals(id))
                .findFirst().orElse(null);
    }
}
