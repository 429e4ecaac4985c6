package org.assessor.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assessor.engine.Evaluation;
import org.assessor.engine.LiveSession;
import org.assessor.engine.LiveSessionCheck;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.facts.Benchmark;
import org.assessor.facts.Finding;
import org.assessor.facts.Metric;
import org.assessor.facts.Observation;
import org.assessor.facts.RecordedScore;
import org.assessor.result.Assessor;
import org.assessor.result.Result;

/**
 * Each question answered in one session kept open on the loaded fixture: the changed fact (a measured value, an
 * observation's coding, recorded scores) is replaced in place, the rules fire and derive again only what depended on
 * it, the answer is read, and the original fact is put back and fired again, so the session is back where it began
 * before the next question. A measured value judged on its own ({@link #gradesAlone}) uses a second session holding
 * the fixture without its evidence and recorded scores: one item at a time is inserted, its values searched (each
 * replacing the one before), and the item deleted when the next comes.
 *
 * <p>When the rule base is one a live session would get wrong ({@link LiveSessionCheck}: an accumulate that would
 * miss changes), each question is answered in a fresh session instead, on the loaded facts with the one change made
 * (still without writing or reading any JSON): slower, and the same answers.
 */
final class LiveReruns implements Reruns {
    private final Assessor assessor;
    private final LoadedAssessment loaded;
    /** The rules a live session would get wrong here (then every question gets a fresh session); usually none. */
    private final List<String> unsafe;
    private final LoadedAssessment withoutEvidence;
    private LiveSession whole;
    private LiveSession alone;
    /** The item now in {@link #alone}, its facts as they are there, and its measured value as it is there. */
    private String aloneId;
    private List<Object> aloneFacts = List.of();
    private Metric aloneMetric;

    LiveReruns(Assessor assessor, LoadedAssessment loaded) {
        this(assessor, loaded, LiveSessionCheck.rulesThatWouldMissChanges(assessor.rules().kieBase()));
    }

    /** With the rules a live session would get wrong given (tests give some to use fresh sessions). */
    LiveReruns(Assessor assessor, LoadedAssessment loaded, List<String> unsafe) {
        this.assessor = assessor;
        this.loaded = loaded;
        this.unsafe = unsafe;
        this.withoutEvidence = withFacts(loaded.facts().stream()
                .filter(f -> !evidence(f) && !(f instanceof RecordedScore)).toList());
    }

    /** Whether questions are answered in one live session (else each in a fresh one). */
    boolean live() {
        return unsafe.isEmpty();
    }

    @Override
    public Result withRecordedScores(Map<String, Integer> scores) {
        Map<String, RecordedScore> before = new HashMap<>();
        for (Object f : loaded.facts()) if (f instanceof RecordedScore r) before.put(r.statement(), r);
        Changes changes = new Changes();
        scores.forEach((st, sc) -> changes.put(before.get(st), new RecordedScore(st, sc,
                "sensitivity: what if this statement scored " + sc, "Assessor sensitivity")));
        return Assessor.result(whole(changes));
    }

    @Override
    public Result withMetricValue(String evidenceId, double value) {
        Metric m = metric(loaded.facts(), evidenceId);
        return Assessor.result(whole(new Changes().put(m, withValue(m, value))));
    }

    @Override
    public Result withCoding(String evidenceId, Map<String, String> fields) {
        Observation o = loaded.facts().stream().filter(f -> f instanceof Observation x && x.evidenceId().equals(evidenceId))
                .map(Observation.class::cast).findFirst().orElseThrow();
        String quote = loaded.items().get(evidenceId).source().quote();
        String extent = fields.getOrDefault("extent", o.extent());
        // A changed extent needs a cue: the whole quote is one (as a fixture would give it).
        String cue = fields.containsKey("extent") ? quote : o.cue();
        List<String> speakers = fields.containsKey("who") ? List.of(fields.get("who")) : o.speakers();
        Observation changed = Observation.of(o.evidenceId(), o.statement(), fields.getOrDefault("category", o.category()),
                o.theme(), fields.getOrDefault("direction", o.direction()), fields.getOrDefault("kind", o.kind()), extent,
                cue, fields.getOrDefault("impact", o.impact()), speakers);
        return Assessor.result(whole(new Changes().put(o, changed)));
    }

    @Override
    public Result withoutItem(String evidenceId) {
        Changes changes = new Changes();
        for (Object f : loaded.facts()) if (evidence(f) && evidenceId.equals(evidenceIdOf(f))) changes.put(f, null);
        return Assessor.result(whole(changes));
    }

    @Override
    public Result withItemSplit(String evidenceId) {
        Changes changes = new Changes();
        String copy = evidenceId + SPLIT;
        for (Object f : loaded.facts()) {
            if (!evidence(f) || !evidenceId.equals(evidenceIdOf(f))) continue;
            if (f instanceof Metric m) {
                changes.put(null, new Metric(copy, m.statement(), m.category(), m.measure(), m.name(), m.value(), m.unit(),
                        m.better(), m.period()));
            } else if (f instanceof Benchmark b) {
                changes.put(null, new Benchmark(copy, b.kind(), b.value(), b.label(), b.origin(), b.policy()));
            } else if (f instanceof Observation o) {
                changes.put(null, Observation.of(copy, o.statement(), o.category(), o.theme(), o.direction(), o.kind(),
                        o.extent(), o.cue(), o.impact(), o.speakers()));
            }
        }
        return Assessor.result(whole(changes));
    }

    @Override
    public List<String> gradesAlone(String evidenceId, double value) {
        List<Object> item = new ArrayList<>();
        for (Object f : loaded.facts()) if (evidence(f) && evidenceId.equals(evidenceIdOf(f))) item.add(f);
        Metric m = metric(item, evidenceId);
        Metric changed = withValue(m, value);
        List<Finding> findings;
        if (live()) {
            LiveSession s = alone(evidenceId, item, m, changed);
            s.fire();
            findings = s.all(Finding.class);
        } else {
            List<Object> facts = new ArrayList<>(withoutEvidence.facts());
            for (Object f : item) facts.add(f == m ? changed : f);
            findings = assessor.evaluation(withFacts(facts)).all(Finding.class);
        }
        Set<String> inScope = Set.copyOf(loaded.statementsInScope());
        return findings.stream().filter(f -> f.evidenceId().equals(evidenceId)).filter(f -> inScope.contains(f.statement()))
                .map(f -> f.grade() + (f.against().isEmpty() ? "" : " against " + f.against())).sorted().toList();
    }

    /** Input facts changed: each old fact (null: none) and the fact that takes its place (null: none). */
    private static final class Changes {
        final Map<Object, Object> byOld = new IdentityHashMap<>();
        final List<Object> added = new ArrayList<>();

        Changes put(Object old, Object now) {
            if (old == null) added.add(now); else byOld.put(old, now);
            return this;
        }
    }

    /** The whole fixture evaluated with these changes: in the live session (then put back), or in a fresh one. */
    private Evaluation whole(Changes changes) {
        if (!live()) {
            List<Object> facts = new ArrayList<>();
            for (Object f : loaded.facts()) {
                Object now = changes.byOld.getOrDefault(f, f);
                if (now != null) facts.add(now);
            }
            facts.addAll(changes.added);
            return assessor.evaluation(withFacts(facts));
        }
        if (whole == null) {
            whole = assessor.open(loaded);
            whole.fire();
        }
        LiveSession s = whole;
        List<Runnable> undo = new ArrayList<>(); // what puts each change back, in the order the changes were made
        try {
            changes.byOld.forEach((old, now) -> {
                if (now == null) {
                    s.delete(old);
                    undo.add(() -> s.insert(old));
                } else {
                    s.replace(old, now);
                    undo.add(() -> s.replace(now, old));
                }
            });
            changes.added.forEach(now -> {
                s.insert(now);
                undo.add(() -> s.delete(now));
            });
            return s.evaluate();
        } finally {
            undo.forEach(Runnable::run);
            s.fire();
        }
    }

    /**
     * The session holding the fixture without evidence or recorded scores, with this one item's facts in it and its
     * measured value {@code m} as {@code changed}. Successive values of one item replace each other; the item is
     * deleted when the next item comes, which brings the session back to its state without evidence.
     */
    private LiveSession alone(String evidenceId, List<Object> item, Metric m, Metric changed) {
        if (alone == null) alone = assessor.open(withoutEvidence);
        if (evidenceId.equals(aloneId)) {
            alone.replace(aloneMetric, changed);
            aloneFacts.replaceAll(f -> f == aloneMetric ? changed : f);
        } else {
            aloneFacts.forEach(alone::delete);
            aloneFacts = new ArrayList<>();
            for (Object f : item) aloneFacts.add(f == m ? changed : f);
            aloneFacts.forEach(alone::insert);
            aloneId = evidenceId;
        }
        aloneMetric = changed;
        return alone;
    }

    private LoadedAssessment withFacts(List<Object> facts) {
        return new LoadedAssessment(loaded.file(), loaded.digest(), loaded.assessment(), loaded.statementsInScope(),
                loaded.keyQuestionsInScope(), loaded.items(), loaded.envelope(), facts, loaded.policyChanges());
    }

    private static boolean evidence(Object f) {
        return f instanceof Metric || f instanceof Benchmark || f instanceof Observation;
    }

    private static String evidenceIdOf(Object f) {
        if (f instanceof Metric m) return m.evidenceId();
        if (f instanceof Benchmark b) return b.evidenceId();
        if (f instanceof Observation o) return o.evidenceId();
        return null;
    }

    private static Metric metric(List<Object> facts, String evidenceId) {
        return facts.stream().filter(f -> f instanceof Metric m && m.evidenceId().equals(evidenceId))
                .map(Metric.class::cast).findFirst().orElseThrow();
    }

    private static Metric withValue(Metric m, double value) {
        return new Metric(m.evidenceId(), m.statement(), m.category(), m.measure(), m.name(), value, m.unit(), m.better(),
                m.period());
    }

    @Override
    public void close() {
        if (whole != null) whole.close();
        if (alone != null) alone.close();
    }
}
