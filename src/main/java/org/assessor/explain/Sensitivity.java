package org.assessor.explain;

import org.assessor.facts.Numbers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.assessor.result.Assessor;
import org.assessor.evidence.EvidenceFile;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.input.InvalidInputException;
import org.assessor.result.Result;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;

/**
 * What would change a result, found by re-running the engine on changed evidence (never by re-implementing the
 * rules): the fewest statement-score points that move a key question to the next rating up or down, and for each
 * measured value the nearest value at which the rules would judge it differently.
 */
public final class Sensitivity {
    /** Steps a measured value's range is scanned in before the change point is narrowed by bisection. */
    private static final int SCAN_STEPS = 12;
    private static final int BISECT_STEPS = 12;

    private final Assessor assessor;
    private final LoadedAssessment loaded;
    private final Result base;
    private final Reruns reruns;
    /** The grades a measured value alone gets, by evidence id and value: each is asked of the engine once. */
    private final Map<String, Map<Double, List<String>>> gradesAlone = new HashMap<>();

    Sensitivity(Assessor assessor, LoadedAssessment loaded, Result base, Reruns reruns) {
        this.assessor = assessor;
        this.loaded = loaded;
        this.base = base;
        this.reruns = reruns;
    }

    /** A statement score moved by the search. */
    public record Move(String statement, int from, int to) {}

    /** The fewest points that reach another rating, or why none does; {@code heldBackBy} names caps in force. */
    public record RatingStep(String direction, String target, int points, List<Move> moves, String ratingReached,
                             List<String> heldBackBy, String note, String sentence) {
        RatingStep(String direction, String target, int points, List<Move> moves, String ratingReached,
                   List<String> heldBackBy, String note) {
            this(direction, target, points, moves, ratingReached, heldBackBy, note, target == null
                    ? direction + ": " + note
                    : direction + " to " + target + ": " + Numbers.count(points, "point") + " — " + describe(moves)
                    + (note == null ? "" : " (" + note + ")"));
        }
    }

    public record KeyQuestionSensitivity(String keyQuestion, String rating, RatingStep up, RatingStep down) {}

    /** For one measured value: where the rules' judgement of it changes, and what the statement would score then. */
    /**
     * For one measured value: where the rules' judgement of it changes, and what the statement would score then.
     * {@code grades} pair each grade with the benchmark it was judged against; {@code higherIsWorse} is true for a
     * measure where lower is better.
     */
    public record MetricSensitivity(String evidenceId, String statement, double value, String unit, List<String> grades,
                                    String direction, boolean higherIsWorse, Double threshold, List<String> gradesThen,
                                    Integer statementScoreNow, Integer statementScoreThen, String ratingThen,
                                    String grouping, String sentence) {
        /** {@code grouping} is the framework's word for its grouping level ("key question", "theme"). */
        MetricSensitivity(String evidenceId, String statement, double value, String unit, List<String> grades,
                          String direction, boolean higherIsWorse, Double threshold, List<String> gradesThen,
                          Integer statementScoreNow, Integer statementScoreThen, String ratingThen, String grouping) {
            this(evidenceId, statement, value, unit, grades, direction, higherIsWorse, threshold, gradesThen,
                    statementScoreNow, statementScoreThen, ratingThen, grouping, threshold == null
                    ? evidenceId + " " + Numbers.withUnit(value, unit) + " (" + graded(grades) + "): no " + direction
                    + " value changes how it is judged"
                    : evidenceId + " " + Numbers.withUnit(value, unit) + " (" + graded(grades) + "): at "
                    + Numbers.withUnit(threshold, unit) + " (" + Numbers.rounded(Math.abs(threshold - value), 2) + " "
                    + direction + "; " + (higherIsWorse ? "higher is worse" : "higher is better") + ") "
                    + (gradesThen.isEmpty() ? "no rule would judge it" : graded(gradesThen)) + "; " + statement
                    + (java.util.Objects.equals(statementScoreThen, statementScoreNow)
                    ? " would still score " + statementScoreNow
                    : " would score " + statementScoreThen + " (now " + statementScoreNow + "), " + grouping + " " + ratingThen));
        }

        /** Whether reaching the threshold would move the statement's score. */
        public boolean movesStatement() {
            return threshold != null && !java.util.Objects.equals(statementScoreThen, statementScoreNow);
        }

        private static String graded(List<String> grades) {
            return grades.isEmpty() ? "not judged" : "graded " + String.join(", ", grades);
        }
    }

    public List<KeyQuestionSensitivity> keyQuestions(Predicate<String> keyQuestionFilter) throws IOException, InvalidInputException {
        List<KeyQuestionSensitivity> out = new ArrayList<>();
        for (KeyQuestionView kq : base.keyQuestions()) {
            if (!kq.inScope() || kq.rating() == null || !keyQuestionFilter.test(kq.id())) continue;
            Map<String, Integer> scores = new LinkedHashMap<>();
            kq.statements().stream().filter(s -> s.score() != null).forEach(s -> scores.put(s.id(), s.score()));
            int rank = rank(kq.rating().rating());
            out.add(new KeyQuestionSensitivity(kq.id(), kq.rating().rating(), step(kq.id(), scores, rank, +1),
                    step(kq.id(), scores, rank, -1)));
        }
        return out;
    }

    private RatingStep step(String kq, Map<String, Integer> scores, int rank, int dir) throws IOException, InvalidInputException {
        String dirName = dir > 0 ? "up" : "down";
        var framework = assessor.rules().framework();
        int top = framework.topRank();
        int bottom = framework.bottomRank();
        int max = framework.maxScore();
        int min = framework.minScore();
        if ((dir > 0 && rank == top) || (dir < 0 && rank == bottom)) {
            return new RatingStep(dirName, null, 0, List.of(), null, List.of(), "already at the " + (dir > 0 ? "top" : "bottom"));
        }
        int room = scores.values().stream().mapToInt(s -> dir > 0 ? max - s : s - min).sum();
        List<String> heldBack = new ArrayList<>();
        for (int points = 1; points <= room; points++) {
            for (boolean lowestFirst : new boolean[] {dir > 0, dir < 0}) {
                Map<String, Integer> moved = distribute(scores, points, dir, lowestFirst, min, max);
                Result r = reruns.withRecordedScores(moved);
                KeyQuestionView v = kq(r, kq);
                int reached = rank(v.rating().rating());
                if (Integer.signum(reached - rank) == dir) {
                    String boundary = v.band() != null && v.band().boundary() ? "lands on a raw "
                            + Numbers.writtenPercent(v.score().raw()) + ", shown as " + v.score().shown()
                            + ": a boundary case" : null;
                    return new RatingStep(dirName, v.rating().rating(), points, moves(scores, moved), v.rating().rating(),
                            heldBack, boundary);
                }
                if (v.band() != null && Integer.signum(rank(v.band().rating()) - rank) == dir) {
                    v.caps().stream().filter(Result.CapView::applied)
                            .map(c -> c.ruleId() + ": " + c.reason() + " (with " + describe(moves(scores, moved)) + ")")
                            .filter(s -> heldBack.stream().noneMatch(h -> h.startsWith(s.substring(0, s.indexOf(':')))))
                            .forEach(heldBack::add);
                }
            }
        }
        return new RatingStep(dirName, null, 0, List.of(), null, heldBack,
                "no change of statement scores in this " + framework.groupingTerm() + " reaches another rating");
    }

    /** Moves {@code points} one-point steps, each to the lowest (or highest) statement that can still move. */
    private static Map<String, Integer> distribute(Map<String, Integer> scores, int points, int dir, boolean lowestFirst,
                                                   int min, int max) {
        Map<String, Integer> s = new LinkedHashMap<>(scores);
        for (int i = 0; i < points; i++) {
            String pick = null;
            for (var e : s.entrySet()) {
                int v = e.getValue();
                if ((dir > 0 && v == max) || (dir < 0 && v == min)) continue;
                if (pick == null || (lowestFirst ? v < s.get(pick) : v > s.get(pick))) pick = e.getKey();
            }
            if (pick == null) break;
            s.put(pick, s.get(pick) + dir);
        }
        return s;
    }

    private static List<Move> moves(Map<String, Integer> from, Map<String, Integer> to) {
        List<Move> out = new ArrayList<>();
        from.forEach((k, v) -> { if (!Objects.equals(v, to.get(k))) out.add(new Move(k, v, to.get(k))); });
        return out;
    }

    /** Moves as "statement 1→2, …". */
    public static String describe(List<Move> moves) {
        return String.join(", ", moves.stream().map(m -> m.statement() + " " + m.from() + "→" + m.to()).toList());
    }

    public List<MetricSensitivity> metrics(Predicate<String> statementFilter) throws IOException, InvalidInputException {
        List<MetricSensitivity> out = new ArrayList<>();
        for (StatementView st : base.keyQuestions().stream().flatMap(k -> k.statements().stream()).toList()) {
            if (!statementFilter.test(st.id())) continue;
            List<String> ids = st.findings().stream().map(Result.FindingView::evidenceId).distinct().toList();
            for (String id : ids) {
                EvidenceFile.Item item = itemOf(id);
                if (item == null || item.metric() == null) continue;
                for (int dir : new int[] {+1, -1}) {
                    out.add(metric(st, item, dir));
                }
            }
        }
        return out;
    }

    private EvidenceFile.Item itemOf(String id) {
        return loaded.items().get(id);
    }

    private MetricSensitivity metric(StatementView st, EvidenceFile.Item item, int dir)
            throws IOException, InvalidInputException {
        double v = item.metric().value();
        String unit = item.metric().unit();
        // Counts and segments are whole numbers; other values are searched to the hundredth.
        double quantum = "count".equals(unit) || "segment".equals(unit) ? 1 : 0.01;
        double bound = dir > 0 ? ("percent".equals(unit) ? 100 : Math.max(v * 3, v + 10)) : 0;
        List<String> now = grades(item.id(), v);
        String dirName = dir > 0 ? "higher" : "lower";
        var measure = assessor.rules().framework().measures().get(item.metric().measure());
        boolean higherIsWorse = measure != null && "lower".equals(measure.better());
        if (v == bound) {
            return new MetricSensitivity(item.id(), st.id(), v, unit, now, dirName, higherIsWorse, null, null, st.score(),
                    null, null, assessor.rules().framework().groupingTerm());
        }
        double prev = v;
        Double hit = null;
        for (int i = 1; i <= SCAN_STEPS; i++) {
            double x = round(v + (bound - v) * i / SCAN_STEPS, quantum);
            if (x == prev) continue;
            if (!grades(item.id(), x).equals(now)) {
                hit = x;
                break;
            }
            prev = x;
        }
        if (hit == null) {
            return new MetricSensitivity(item.id(), st.id(), v, unit, now, dirName, higherIsWorse, null, null, st.score(),
                    null, null, assessor.rules().framework().groupingTerm());
        }
        double same = prev;
        double diff = hit;
        for (int i = 0; i < BISECT_STEPS; i++) {
            double mid = round((same + diff) / 2, quantum);
            if (mid == same || mid == diff) break;
            if (grades(item.id(), mid).equals(now)) same = mid; else diff = mid;
        }
        double threshold = round(diff, quantum);
        List<String> then = grades(item.id(), threshold);
        Result whole = reruns.withMetricValue(item.id(), threshold);
        StatementView after = whole.keyQuestions().stream().flatMap(k -> k.statements().stream())
                .filter(s -> s.id().equals(st.id())).findFirst().orElseThrow();
        KeyQuestionView kq = whole.keyQuestions().stream().filter(k -> k.statements().contains(after)).findFirst().orElseThrow();
        return new MetricSensitivity(item.id(), st.id(), v, unit, now, dirName, higherIsWorse, threshold, then, st.score(),
                after.score(),
                kq.rating() == null ? null : kq.rating().rating() + " (" + kq.score().shown() + ")",
                assessor.rules().framework().groupingTerm());
    }

    /** The grades a value gets, each with the benchmark it was judged against: "2 against national average". */
    private List<String> grades(String id, double value) throws IOException, InvalidInputException {
        Map<Double, List<String>> known = gradesAlone.computeIfAbsent(id, k -> new HashMap<>());
        List<String> found = known.get(value);
        if (found == null) {
            found = reruns.gradesAlone(id, value);
            known.put(value, found);
        }
        return found;
    }

    private static double round(double x, double quantum) {
        if (quantum >= 1) return Math.round(x);
        return java.math.BigDecimal.valueOf(x).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private static KeyQuestionView kq(Result r, String id) {
        return r.keyQuestions().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    private int rank(String rating) {
        return assessor.rules().framework().rating(rating).map(r -> r.rank()).orElse(0);
    }
}
