package org.assessor.explain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.assessor.evidence.EvidenceFile;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.facts.CategoryApplies;
import org.assessor.input.InvalidInputException;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;
import org.assessor.ruleset.FrameworkFile.VocabularyIn;

/**
 * How much the result depends on how the report was coded, found by re-running the engine (never by a second copy of
 * the rules): for every observation, every one-step change of its direction, kind, extent or impact, every other
 * speaker (one for each category, with the category that goes with it) and every other category its `who` allows;
 * and for every evidence item,
 * how the text was cut: the item left out (as a coder who did not file it, or merged it into another, would) and the
 * item split in two with the same coding. For each, whether its statement's score or its key question's rating moves.
 */
public final class CodingSensitivity {

    /** One change that moves a statement score (and what the key question would then be rated). */
    public record Move(String evidenceId, String field, String from, String to, int scoreNow, Integer scoreThen,
                       String ratingNow, String ratingThen) {}

    /**
     * A statement's robustness to single coding changes ({@code changesTried}, {@code moves}) and to changes of how the
     * text was cut ({@code cutsTried}, {@code cutMoves}), with a sentence a reader can scan.
     */
    public record StatementRobustness(String keyQuestion, String statement, Integer score, int changesTried,
                                      List<Move> moves, int cutsTried, List<Move> cutMoves, String sentence) {}

    /** How many single coding or cutting changes of a key question's evidence move its rating. */
    public record KeyQuestionRobustness(String keyQuestion, int changesTried, int movingRating, String sentence) {}

    public record Report(List<StatementRobustness> statements, List<KeyQuestionRobustness> keyQuestions) {}

    /** The field a segmentation change is reported under. */
    static final String CUT = "segmentation";

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
        Set<String> applies = new LinkedHashSet<>();
        loaded.facts().forEach(f -> { if (f instanceof CategoryApplies c) applies.add(c.category()); });
        List<StatementRobustness> statements = new ArrayList<>();
        List<KeyQuestionRobustness> keyQuestions = new ArrayList<>();
        for (KeyQuestionView kq : base.keyQuestions()) {
            if (!kq.inScope()) continue;
            int tried = 0;
            int moving = 0;
            for (StatementView st : kq.statements()) {
                if (!statementFilter.test(st.id())) continue;
                List<Move> moves = new ArrayList<>();
                List<Move> cutMoves = new ArrayList<>();
                int codings = 0;
                int cuts = 0;
                for (EvidenceFile.Item item : loaded.items().values()) {
                    if (!st.id().equals(item.statement())) continue;
                    List<Change> changes = new ArrayList<>();
                    if (item.observation() != null) changes.addAll(changes(item, words, applies));
                    // Leaving out a fixture's only item would leave nothing to evaluate.
                    if (loaded.items().size() > 1) changes.add(new Change(CUT, "filed", "left out", null));
                    changes.add(new Change(CUT, "one item", "split in two", null));
                    for (Change c : changes) {
                        boolean cut = c.field().equals(CUT);
                        Result r = cut ? (c.to().equals("left out") ? reruns.withoutItem(item.id())
                                : reruns.withItemSplit(item.id())) : reruns.withCoding(item.id(), c.fields());
                        if (cut) cuts++; else codings++;
                        StatementView after = statement(r, st.id());
                        KeyQuestionView kqAfter = keyQuestion(r, kq.id());
                        String ratingNow = kq.rating() == null ? null : kq.rating().rating();
                        String ratingThen = kqAfter.rating() == null ? null : kqAfter.rating().rating();
                        if (!Objects.equals(ratingNow, ratingThen)) moving++;
                        if (!Objects.equals(after.score(), st.score())) {
                            (cut ? cutMoves : moves).add(new Move(item.id(), c.field(), c.from(), c.to(),
                                    st.score() == null ? 0 : st.score(), after.score(), ratingNow, ratingThen));
                        }
                    }
                }
                tried += codings + cuts;
                statements.add(new StatementRobustness(kq.id(), st.id(), st.score(), codings, moves, cuts, cutMoves,
                        sentence(codings, moves, cuts, cutMoves)));
            }
            keyQuestions.add(new KeyQuestionRobustness(kq.id(), tried, moving, tried == 0 ? kq.name()
                    + ": no evidence to change" : moving + " of " + tried + " single changes of coding or cutting move the "
                    + kq.name() + " rating" + (moving == 0 ? "" : " (see the fragile statements)")));
        }
        return new Report(statements, keyQuestions);
    }

    /** One change: the field, from and to as a reader sees them, and the fields to set (null for a cut). */
    private record Change(String field, String from, String to, Map<String, String> fields) {}

    private static String sentence(int codings, List<Move> moves, int cuts, List<Move> cutMoves) {
        if (codings + cuts == 0) return "no evidence to change";
        if (moves.isEmpty() && cutMoves.isEmpty()) {
            return "robust: no single coding change (" + codings + " tried) and no change of how the text was cut ("
                    + cuts + " tried) moves it";
        }
        List<Move> all = new ArrayList<>(moves);
        all.addAll(cutMoves);
        return "fragile: " + moves.size() + " of " + codings + " single coding changes and " + cutMoves.size() + " of "
                + cuts + " changes of how the text was cut move it — " + String.join("; ", all.stream()
                .map(m -> m.evidenceId() + " " + (m.field().equals(CUT) ? m.to() : m.field() + " " + m.from() + " → "
                        + m.to()) + " (" + m.scoreNow() + " → " + (m.scoreThen() == null ? "not scored" : m.scoreThen())
                        + ")").toList());
    }

    /**
     * The changes of an observation's coding: one step of direction, kind, extent and impact; each other single
     * speaker, filed under the first category that goes with it; each other category its speakers allow.
     */
    private static List<Change> changes(EvidenceFile.Item item, VocabularyIn words, Set<String> applies) {
        var o = item.observation();
        List<Change> out = new ArrayList<>();
        steps(out, "direction", o.direction(), List.of("positive", "mixed", "negative"));
        for (String k : words.kinds()) if (!k.equals(o.kind())) out.add(one("kind", o.kind(), k));
        String extent = o.extent() != null ? o.extent() : words.defaultExtent();
        steps(out, "extent", extent, words.extents());
        steps(out, "impact", o.impact(), List.of("low", "moderate", "high"));
        // Another speaker: one of each other category (the first the vocabulary lists for it), and one more of the
        // item's own category; speakers of one category differ only as sources, so one of them stands for the rest.
        String who = String.join(", ", o.who());
        Set<String> categoriesTried = new LinkedHashSet<>();
        for (String w : words.who()) {
            if (o.who().contains(w)) continue;
            String category = words.whoCategories().getOrDefault(w, List.of()).stream().filter(applies::contains)
                    .findFirst().orElse(null);
            if (category == null || !categoriesTried.add(category)) continue;
            out.add(new Change("who", who, w + (category.equals(item.category()) ? "" : " (filed under " + category + ")"),
                    Map.of("who", w, "category", category)));
        }
        Set<String> allowed = new LinkedHashSet<>();
        o.who().forEach(w -> allowed.addAll(words.whoCategories().getOrDefault(w, List.of())));
        for (String c : allowed) {
            if (!c.equals(item.category()) && applies.contains(c)) out.add(one("category", item.category(), c));
        }
        return out;
    }

    private static Change one(String field, String from, String to) {
        return new Change(field, from, to, Map.of(field, to));
    }

    /** The neighbours of a value on an ordered scale. */
    private static void steps(List<Change> out, String field, String value, List<String> scale) {
        int i = scale.indexOf(value);
        if (i < 0) return;
        if (i > 0) out.add(one(field, value, scale.get(i - 1)));
        if (i < scale.size() - 1) out.add(one(field, value, scale.get(i + 1)));
    }

    private static StatementView statement(Result r, String id) {
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).filter(s -> s.id().equals(id))
                .findFirst().orElseThrow();
    }

    private static KeyQuestionView keyQuestion(Result r, String id) {
        return r.keyQuestions().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }
}
