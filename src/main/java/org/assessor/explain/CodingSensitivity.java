package org.assessor.explain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.assessor.evidence.EvidenceFile;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.input.InvalidInputException;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;
import org.assessor.ruleset.FrameworkFile.VocabularyIn;

/**
 * How much the result depends on how observations were coded, found by re-running the engine (never by a second copy
 * of the rules): for every observation and every one-step change of its direction, kind, extent or impact, whether
 * its statement's score or its key question's rating moves. {@code who} is left out: it has no order to step along.
 */
public final class CodingSensitivity {

    /** One coding change that moves a statement score (and what the key question would then be rated). */
    public record Move(String evidenceId, String field, String from, String to, int scoreNow, Integer scoreThen,
                       String ratingNow, String ratingThen) {}

    /** A statement's robustness to single coding changes, with a sentence a reader can scan. */
    public record StatementRobustness(String keyQuestion, String statement, Integer score, int changesTried,
                                      List<Move> moves, String sentence) {}

    /** How many single coding changes of a key question's observations move its rating. */
    public record KeyQuestionRobustness(String keyQuestion, int changesTried, int movingRating, String sentence) {}

    public record Report(List<StatementRobustness> statements, List<KeyQuestionRobustness> keyQuestions) {}

    private final Assessor assessor;
    private final LoadedAssessment loaded;
    private final Result base;
    private final Reruns reruns;

    CodingSensitivity(Assessor assessor, LoadedAssessment loaded, Result base, Reruns reruns) {
        this.assessor = assessor;
        this.loaded = loaded;
        this.base = base;
        this.reruns = reruns;
    }

    public Report run(Predicate<String> statementFilter) throws IOException, InvalidInputException {
        VocabularyIn words = assessor.rules().framework().vocabulary();
        List<StatementRobustness> statements = new ArrayList<>();
        List<KeyQuestionRobustness> keyQuestions = new ArrayList<>();
        for (KeyQuestionView kq : base.keyQuestions()) {
            if (!kq.inScope()) continue;
            int tried = 0;
            int moving = 0;
            for (StatementView st : kq.statements()) {
                if (!statementFilter.test(st.id())) continue;
                List<Move> moves = new ArrayList<>();
                int stTried = 0;
                for (EvidenceFile.Item item : loaded.items().values()) {
                    if (item.observation() == null || !st.id().equals(item.statement())) continue;
                    for (String[] change : changes(item.observation(), words)) {
                        stTried++;
                        Result r = reruns.withCoding(item.id(), change[0], change[2]);
                        StatementView after = statement(r, st.id());
                        KeyQuestionView kqAfter = keyQuestion(r, kq.id());
                        String ratingNow = kq.rating() == null ? null : kq.rating().rating();
                        String ratingThen = kqAfter.rating() == null ? null : kqAfter.rating().rating();
                        if (!Objects.equals(ratingNow, ratingThen)) moving++;
                        if (!Objects.equals(after.score(), st.score())) {
                            moves.add(new Move(item.id(), change[0], change[1], change[2],
                                    st.score() == null ? 0 : st.score(), after.score(), ratingNow, ratingThen));
                        }
                    }
                }
                tried += stTried;
                statements.add(new StatementRobustness(kq.id(), st.id(), st.score(), stTried, moves, sentence(st, stTried, moves)));
            }
            keyQuestions.add(new KeyQuestionRobustness(kq.id(), tried, moving, tried == 0 ? kq.name()
                    + ": no observation to change" : moving + " of " + tried + " single coding changes move the "
                    + kq.name() + " rating" + (moving == 0 ? "" : " (see the fragile statements)")));
        }
        return new Report(statements, keyQuestions);
    }

    private static String sentence(StatementView st, int tried, List<Move> moves) {
        if (tried == 0) return "no observation to change";
        if (moves.isEmpty()) return "robust: no single coding change moves it (" + tried + " tried)";
        return "fragile: " + moves.size() + " of " + tried + " single coding changes move it — " + String.join("; ",
                moves.stream().map(m -> m.evidenceId() + " " + m.field() + " " + m.from() + " → " + m.to() + " ("
                        + m.scoreNow() + " → " + (m.scoreThen() == null ? "not scored" : m.scoreThen()) + ")").toList());
    }

    /** The one-step changes of an observation's coding: {field, from, to}. */
    private static List<String[]> changes(EvidenceFile.ObservationIn o, VocabularyIn words) {
        List<String[]> out = new ArrayList<>();
        steps(out, "direction", o.direction(), List.of("positive", "mixed", "negative"));
        for (String k : words.kinds()) if (!k.equals(o.kind())) out.add(new String[] {"kind", o.kind(), k});
        String extent = o.extent() != null ? o.extent() : words.defaultExtent();
        steps(out, "extent", extent, words.extents());
        steps(out, "impact", o.impact(), List.of("low", "moderate", "high"));
        return out;
    }

    /** The neighbours of a value on an ordered scale. */
    private static void steps(List<String[]> out, String field, String value, List<String> scale) {
        int i = scale.indexOf(value);
        if (i < 0) return;
        if (i > 0) out.add(new String[] {field, value, scale.get(i - 1)});
        if (i < scale.size() - 1) out.add(new String[] {field, value, scale.get(i + 1)});
    }

    private static StatementView statement(Result r, String id) {
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).filter(s -> s.id().equals(id))
                .findFirst().orElseThrow();
    }

    private static KeyQuestionView keyQuestion(Result r, String id) {
        return r.keyQuestions().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }
}
