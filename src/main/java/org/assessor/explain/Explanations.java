package org.assessor.explain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assessor.result.Assessor;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.input.StrictJson;
import org.assessor.result.Result;
import org.assessor.ruleset.RuleInfo;
import org.assessor.ruleset.RuleSet;

/** Builds an {@link Explanation} for a fixture: the result, every limiter's state and, if asked, what would change it. */
public final class Explanations {
    private Explanations() {}

    /** The result and every limiter's state, without sensitivity; evaluates the fixture once. */
    public static Explanation of(Assessor assessor, Path fixture) throws IOException, InvalidInputException {
        assessor = assessor.forFixture(fixture); // the limiters are those of the fixture's own framework
        Path file = EvidenceLoader.evidenceFile(fixture);
        Result result = assessor.evaluate(StrictJson.bytes(file, file.toString()), file.toString());
        return new Explanation(result, limiters(result, assessor.rules()), List.of(), List.of(), List.of(), null, null,
                null);
    }

    /**
     * The explanation of a result already computed with {@code assessor} (the one for the result's framework), without
     * sensitivity and without evaluating again.
     */
    public static Explanation of(Assessor assessor, Result result) {
        return new Explanation(result, limiters(result, assessor.rules()), List.of(), List.of(), List.of(), null, null,
                null);
    }

    /**
     * The same explanation with what would change it, reusing its result; {@code keyQuestion} and {@code statement}
     * narrow the search and the rendering (null: everything).
     */
    /** The most evidence items 'what would change it' varies in one report (the seed has 68). */
    public static final int MAX_SEARCHED_ITEMS = 500;

    public static Explanation withSensitivity(Assessor assessor, Path fixture, Explanation base, String keyQuestion,
                                              String statement) throws IOException, InvalidInputException {
        return withSensitivity(assessor, fixture, base, keyQuestion, statement, Reruns.Way.LIVE);
    }

    /** As above, re-running the engine the given way (the fresh way is the reference the live way is tested against). */
    static Explanation withSensitivity(Assessor assessor, Path fixture, Explanation base, String keyQuestion,
                                       String statement, Reruns.Way way) throws IOException, InvalidInputException {
        // The rules of the framework the fixture names: a live session and its checks must use the same rule base as
        // the fixture's own evaluation.
        assessor = assessor.forFixture(fixture);
        Path file = EvidenceLoader.evidenceFile(fixture);
        return withSensitivity(assessor, StrictJson.bytes(file, file.toString()), file.toString(), base, keyQuestion,
                statement, way);
    }

    /**
     * The same for evidence held in memory (an item of a JSON Lines portfolio); {@code assessor} must already be the
     * one for the evidence's framework ({@link Assessor#forFixture}).
     */
    public static Explanation withSensitivity(Assessor assessor, byte[] bytes, String shown, Explanation base,
                                              String keyQuestion, String statement) throws IOException, InvalidInputException {
        return withSensitivity(assessor, bytes, shown, base, keyQuestion, statement, Reruns.Way.LIVE);
    }

    private static Explanation withSensitivity(Assessor assessor, byte[] bytes, String shown, Explanation base,
                                               String keyQuestion, String statement, Reruns.Way way)
            throws IOException, InvalidInputException {
        Result result = base.result();
        var loaded = assessor.load(bytes, shown);
        java.util.Set<String> statements = new java.util.HashSet<>();
        result.keyQuestions().stream().filter(k -> keyQuestion == null || k.id().equals(keyQuestion))
                .flatMap(k -> k.statements().stream()).filter(st -> statement == null || st.id().equals(statement))
                .forEach(st -> statements.add(st.id()));
        long searched = loaded.items().values().stream().filter(i -> statements.contains(i.statement())).count();
        if (searched > MAX_SEARCHED_ITEMS) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "'what would change it' would vary "
                    + searched + " evidence items and re-evaluate the assessment for each change; it is bounded at "
                    + MAX_SEARCHED_ITEMS + " items, as its time grows faster than the number of items (the seed's 68 take "
                    + "about a second). Narrow it with explain --key-question or --statement, leave it out with explain "
                    + "--no-sensitivity (also for an HTML report), or use evaluate --format text or json"));
        }
        try (Reruns reruns = switch (way) {
            case LIVE -> new LiveReruns(assessor, loaded);
            case FRESH_SESSIONS -> new LiveReruns(assessor, loaded, List.of("(fresh sessions asked for)"));
            case FRESH_JSON -> new FreshReruns(assessor, bytes, shown);
        }) {
            Sensitivity s = new Sensitivity(assessor, loaded, result, reruns);
            var codings = new CodingSensitivity(assessor, loaded, result, reruns)
                    .run(st -> statement == null || st.equals(statement));
            var metrics = s.metrics(st -> (statement == null || st.equals(statement)) && (keyQuestion == null
                    || result.keyQuestions().stream().anyMatch(k -> k.id().equals(keyQuestion)
                    && k.statements().stream().anyMatch(v -> v.id().equals(st)))));
            return new Explanation(result, base.limiters(), s.keyQuestions(k -> keyQuestion == null || k.equals(keyQuestion)),
                    metrics, summaries(result, metrics), codings, keyQuestion, statement);
        }
    }

    /** Per key question, the measured values that could move a statement score on their own. */
    private static List<Explanation.MetricSummary> summaries(Result result, List<Sensitivity.MetricSensitivity> metrics) {
        List<Explanation.MetricSummary> out = new ArrayList<>();
        for (var kq : result.keyQuestions()) {
            var mine = metrics.stream().filter(m -> kq.statements().stream().anyMatch(s -> s.id().equals(m.statement())))
                    .toList();
            if (mine.isEmpty()) continue;
            var moving = mine.stream().filter(Sensitivity.MetricSensitivity::movesStatement)
                    .map(m -> m.evidenceId() + " (" + m.direction() + ")").distinct().toList();
            out.add(new Explanation.MetricSummary(kq.id(), moving.isEmpty()
                    ? "no measured value, moved to where the rules judge it differently, would change a statement score on its own"
                    : "only " + String.join(", ", moving) + " could change a statement score on its own"));
        }
        return out;
    }

    /** Narrows what a sensitivity-free explanation shows. */
    public static Explanation narrowed(Explanation x, String keyQuestion, String statement) {
        return new Explanation(x.result(), x.limiters(), x.keyQuestions(), x.metrics(), x.metricSummaries(), x.codings(),
                keyQuestion, statement);
    }

    /** Every rule that can cap a key question's rating, with whether it held for each assessed key question. */
    static List<Explanation.Limiter> limiters(Result r, RuleSet rules) {
        List<Explanation.Limiter> out = new ArrayList<>();
        List<RuleInfo> capRules = rules.rules().stream().filter(x -> RuleInfo.LIMITER.equals(x.kind())).toList();
        for (var kq : r.keyQuestions()) {
            if (!kq.inScope()) continue;
            for (RuleInfo c : capRules) {
                var cap = kq.caps().stream().filter(v -> v.ruleId().equals(c.id())).findFirst();
                String state = cap.isEmpty() ? "does not apply here" : cap.get().applied()
                        ? "applies and lowers the rating: at most " + cap.get().limit()
                        : "applies, but the band is already no better than " + cap.get().limit();
                String reason = cap.map(Result.CapView::reason).orElse(null);
                // The sentence in the framework's own words; the rule field keeps the rule's name as written.
                out.add(new Explanation.Limiter(kq.id(), c.id(), c.name(), state, reason, c.id() + " "
                        + rules.framework().inOwnWords(c.name()) + ": " + state + (reason == null ? "" : " (" + reason + ")")));
            }
        }
        return out;
    }
}
