package org.assessor.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assessor.facts.Numbers;
import org.assessor.impact.Change;
import org.assessor.impact.RegisterDiff;
import org.assessor.result.Result;

/**
 * Why one assessment moved in a dry run, in plain sentences: for each key question (a council's: theme) whose band or
 * rating changed, the cut-off or value it crossed ("Well-led: 64.29% is now below band.good.from = 65 (was 62.5)"),
 * or the statement scores that moved its percentage, or the cap that now holds it; for each statement that moved,
 * the findings that appeared or disappeared. Built from the two results and the register rows that changed, never
 * from the text of a page.
 */
final class MoveReasons {
    private MoveReasons() {}

    static List<String> of(Result before, Result after, Change change, List<RegisterDiff.RegisterChange> register) {
        List<String> out = new ArrayList<>();
        for (Result.KeyQuestionView b : before.keyQuestions()) {
            Result.KeyQuestionView a = after.keyQuestions().stream().filter(k -> k.id().equals(b.id())).findFirst()
                    .orElse(null);
            if (a == null || !b.inScope() || !a.inScope()) continue;
            String bandB = b.band() == null ? null : b.band().rating();
            String bandA = a.band() == null ? null : a.band().rating();
            String ratingB = b.rating() == null ? null : b.rating().rating();
            String ratingA = a.rating() == null ? null : a.rating().rating();
            boolean rawMoved = b.score() != null && a.score() != null && Math.abs(b.score().raw() - a.score().raw()) > 1e-9;
            if (Objects.equals(bandB, bandA) && Objects.equals(ratingB, ratingA) && !rawMoved) continue;
            String name = a.name();
            if (!Objects.equals(bandB, bandA) && a.score() != null && !rawMoved) {
                // The same percentage in another band: a cut-off moved past it.
                List<String> crossed = new ArrayList<>();
                for (RegisterDiff.RegisterChange r : register) {
                    if (!mentions(b.band(), r.id()) && !mentions(a.band(), r.id())) continue;
                    Double now = number(r.head());
                    String side = now == null ? "now judged against" : a.score().raw() < now ? "now below" : "now at or above";
                    crossed.add(Numbers.writtenPercent(a.score().raw()) + " is " + side + " " + r.id() + " = " + r.head()
                            + " (was " + r.base() + ")");
                }
                out.add(name + ": " + (crossed.isEmpty() ? Numbers.writtenPercent(a.score().raw())
                        + " is now in the " + bandA + " band (" + a.band().sentence() + ")" : String.join("; ", crossed))
                        + (Objects.equals(ratingB, ratingA) ? "" : ", so rated " + ratingA + " (was " + ratingB + ")") + ".");
            } else if (rawMoved) {
                List<String> statements = new ArrayList<>();
                for (Result.StatementView sb : b.statements()) {
                    a.statements().stream().filter(s -> s.id().equals(sb.id())).findFirst().ifPresent(sa -> {
                        if (!Objects.equals(sa.score(), sb.score())) {
                            statements.add(sa.name() + " " + text(sb.score()) + " → " + text(sa.score()));
                        }
                    });
                }
                out.add(name + ": " + Numbers.writtenPercent(b.score().raw()) + " → " + Numbers.writtenPercent(a.score().raw())
                        + (statements.isEmpty() ? "" : " as statement scores moved (" + String.join(", ", statements) + ")")
                        + (Objects.equals(bandB, bandA) ? "" : "; now in the " + bandA + " band (was " + bandB + ")")
                        + (Objects.equals(ratingB, ratingA) ? "" : ", rated " + ratingA + " (was " + ratingB + ")") + ".");
            } else {
                // Same band, another rating: a cap or limiter now holds it, or no longer does.
                List<String> caps = new ArrayList<>();
                for (Result.CapView c : a.caps()) {
                    boolean was = b.caps().stream().anyMatch(x -> x.ruleId().equals(c.ruleId()) && x.applied());
                    if (c.applied() != was) caps.add((c.applied() ? "now held by " : "no longer held by ") + c.ruleId()
                            + " (" + c.sentence() + ")");
                }
                for (Result.CapView c : b.caps()) {
                    boolean still = a.caps().stream().anyMatch(x -> x.ruleId().equals(c.ruleId()));
                    if (c.applied() && !still) caps.add("no longer held by " + c.ruleId() + " (" + c.sentence() + ")");
                }
                out.add(name + ": rated " + ratingA + " (was " + ratingB + ")" + (caps.isEmpty() ? "" : ": "
                        + String.join("; ", caps)) + ".");
            }
        }
        // An overall percentage (a council's) whose rating moved.
        Result.OverallView ob = before.overall();
        Result.OverallView oa = after.overall();
        if (!Objects.equals(ob.rating(), oa.rating()) && ob.score() != null && oa.score() != null) {
            double raw = oa.score().raw();
            if (Math.abs(ob.score().raw() - raw) <= 1e-9) {
                List<String> crossed = new ArrayList<>();
                for (RegisterDiff.RegisterChange r : register) {
                    String said = ob.sentence() + " " + ob.detail() + " " + oa.sentence() + " " + oa.detail();
                    if (!said.contains(r.id()) && !r.id().startsWith("band.")) continue;
                    Double now = number(r.head());
                    if (now == null) continue;
                    crossed.add(Numbers.writtenPercent(raw) + " is " + (raw < now ? "now below " : "now at or above ")
                            + r.id() + " = " + r.head() + " (was " + r.base() + ")");
                }
                out.add(oa.label() + " (the overall score): " + (crossed.isEmpty() ? Numbers.writtenPercent(raw)
                        + " is unchanged" : String.join("; ", crossed)) + ", so rated " + oa.rating() + " (was "
                        + ob.rating() + ").");
            } else {
                out.add(oa.label() + " (the overall score): " + Numbers.writtenPercent(ob.score().raw()) + " → "
                        + Numbers.writtenPercent(raw) + ", rated " + oa.rating() + " (was " + ob.rating() + ").");
            }
        }
        // Statements whose score moved because findings appeared or disappeared (a measure's target, a tolerance …).
        for (Change.ScoreChange sc : change.scores()) {
            if (!sc.what().startsWith("statement ") || sc.direction() == 0) continue;
            String statement = sc.what().substring("statement ".length());
            List<String> because = new ArrayList<>();
            for (Change.FindingChange f : change.findings()) {
                if (f.statement().equals(statement)) because.add(f.change() + ": " + f.ruleId() + " on " + f.evidenceId()
                        + " (" + f.summary() + ")");
            }
            if (!because.isEmpty()) out.add(sc.what() + " " + sc.base() + " → " + sc.head() + ": " + String.join("; ", because) + ".");
        }
        return out;
    }

    /** Whether a band's sentence names this register id as its cut-off. */
    private static boolean mentions(Result.BandView band, String id) {
        return band != null && band.sentence() != null && band.sentence().contains("(" + id + ",");
    }

    private static Double number(String v) {
        try {
            return Double.valueOf(v.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(Integer score) {
        return score == null ? "not scored" : String.valueOf(score);
    }
}
