package org.assessor.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assessor.ruleset.Framework;
import org.assessor.result.RegisterValues;
import org.assessor.result.Result;
import org.assessor.result.Result.FindingView;
import org.assessor.result.Result.KeyQuestionView;
import org.assessor.result.Result.StatementView;

/** Compares two results of the same fixture and lists every change, each with its direction where it has one. */
public final class ResultDiff {
    private ResultDiff() {}

    /** Compares two results; ratings are ordered by their rank in the framework (no rating lowest). */
    public static Change between(String fixture, Result base, Result head, Framework framework) {
        java.util.function.ToIntFunction<String> rank = r -> framework.rating(r).map(x -> x.rank()).orElse(0);
        List<Change.ScoreChange> scores = new ArrayList<>();
        for (KeyQuestionView b : base.keyQuestions()) {
            KeyQuestionView h = head.keyQuestions().stream().filter(k -> k.id().equals(b.id())).findFirst().orElse(null);
            if (h == null) continue;
            for (StatementView bs : b.statements()) {
                StatementView hs = h.statements().stream().filter(s -> s.id().equals(bs.id())).findFirst().orElse(null);
                if (hs == null) continue;
                add(scores, "statement " + bs.id(), text(bs.score(), bs.basis()), text(hs.score(), hs.basis()),
                        compare(bs.score(), hs.score()));
            }
            Integer bp = b.score() == null ? null : b.score().shown();
            Integer hp = h.score() == null ? null : h.score().shown();
            add(scores, b.id() + " percentage", String.valueOf(bp), String.valueOf(hp), compare(bp, hp));
            String br = b.rating() == null ? base.scale().notRated() : b.rating().rating();
            String hr = h.rating() == null ? head.scale().notRated() : h.rating().rating();
            add(scores, b.id() + " rating", br, hr, Integer.compare(rank.applyAsInt(hr), rank.applyAsInt(br)));
        }
        if (base.overall().score() != null || head.overall().score() != null) {
            // A framework whose rules give an overall percentage (a local authority's): compare it like a key question's.
            Integer bo = base.overall().score() == null ? null : base.overall().score().shown();
            Integer ho = head.overall().score() == null ? null : head.overall().score().shown();
            add(scores, "overall percentage", String.valueOf(bo), String.valueOf(ho), compare(bo, ho));
        }
        add(scores, "overall rating", base.overall().rating(), head.overall().rating(),
                Integer.compare(rank.applyAsInt(head.overall().rating()), rank.applyAsInt(base.overall().rating())));
        Map<String, FindingView> bf = findings(base);
        Map<String, FindingView> hf = findings(head);
        List<Change.FindingChange> findings = new ArrayList<>();
        bf.forEach((k, f) -> { if (!hf.containsKey(k)) findings.add(finding("disappeared", f, base)); });
        hf.forEach((k, f) -> { if (!bf.containsKey(k)) findings.add(finding("appeared", f, head)); });
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (Result r : List.of(base, head)) used.addAll(RegisterValues.of(r).all());
        return new Change(fixture, head.assessment().provider(), scores, findings, unmoved(base, head, findings), null,
                List.copyOf(used));
    }

    /** For each statement whose findings changed but whose score did not, why it did not move. */
    private static List<String> unmoved(Result base, Result head, List<Change.FindingChange> findings) {
        List<String> out = new ArrayList<>();
        for (String st : findings.stream().map(Change.FindingChange::statement).distinct().toList()) {
            StatementView b = statement(base, st);
            StatementView h = statement(head, st);
            if (b == null || h == null || !Objects.equals(b.score(), h.score()) || h.score() == null) continue;
            var capped = h.evidence() == null ? List.<Result.CapView>of()
                    : h.evidence().caps().stream().filter(Result.CapView::applied).toList();
            String why = !capped.isEmpty()
                    ? "capped by " + String.join("; ", capped.stream().map(c -> c.ruleId() + " (" + c.reason() + ")").toList())
                    : h.arithmetic() == null ? h.basis() + ": " + h.detail()
                    : "the findings still give the same score: " + (b.arithmetic() == null ? "" : b.arithmetic() + " before, ")
                    + h.arithmetic() + " after";
            out.add("statement " + st + " unchanged at " + h.score() + ": " + why);
        }
        return out;
    }

    private static StatementView statement(Result r, String id) {
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).filter(s -> s.id().equals(id)).findFirst()
                .orElse(null);
    }

    private static String text(Integer score, String basis) {
        return score == null ? "not scored" : score + " (" + basis + ")";
    }

    private static int compare(Integer a, Integer b) {
        if (a == null || b == null) return 0;
        return Integer.compare(b, a);
    }

    private static void add(List<Change.ScoreChange> out, String what, String base, String head, int direction) {
        if (!Objects.equals(base, head)) out.add(new Change.ScoreChange(what, base, head, direction));
    }

    private static Map<String, FindingView> findings(Result r) {
        Map<String, FindingView> out = new LinkedHashMap<>();
        r.keyQuestions().forEach(k -> k.statements().forEach(s -> s.findings().forEach(f ->
                out.put(s.id() + "|" + f.ruleId() + "|" + f.evidenceId() + "|" + f.grade() + "|" + f.summary(), f))));
        return out;
    }

    private static Change.FindingChange finding(String change, FindingView f, Result r) {
        String statement = r.keyQuestions().stream().flatMap(k -> k.statements().stream())
                .filter(s -> s.findings().contains(f)).map(StatementView::id).findFirst().orElse("");
        return new Change.FindingChange(change, statement, f.ruleId(), f.rule(), f.evidenceId(), f.grade(), f.summary());
    }
}
