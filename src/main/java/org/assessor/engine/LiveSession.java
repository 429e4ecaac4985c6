package org.assessor.engine;

import java.util.IdentityHashMap;
import java.util.Map;
import org.assessor.evidence.LoadedAssessment;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One session kept open on an assessment, for asking many "what if" questions of it: a fact given as input is
 * replaced, inserted or deleted in place, the session fired again, and only what depended on the change is derived
 * again (truth maintenance retracts what no longer holds). The caller puts the input back as it was after each
 * question. No derivation graph is recorded; the firing limit and the time limit hold for each {@link #evaluate()} and
 * {@link #fire()}, which run on the evaluator's worker threads as a fresh evaluation does.
 */
public final class LiveSession implements AutoCloseable {
    private final Evaluator evaluator;
    private final KieSession session;
    private final LoadedAssessment input;
    private final DerivationRecorder recorder;
    /** The handle of every fact inserted as input, by the object's identity. */
    private final Map<Object, FactHandle> handles = new IdentityHashMap<>();

    LiveSession(Evaluator evaluator, KieSession session, LoadedAssessment input, DerivationRecorder recorder) {
        this.evaluator = evaluator;
        this.session = session;
        this.input = input;
        this.recorder = recorder;
        try {
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            for (Object f : input.facts()) handles.put(f, session.insert(f));
        } catch (RuntimeException | LinkageError e) {
            session.dispose();
            throw evaluator.fault(e);
        }
    }

    /** Inserts a fact as input. */
    public void insert(Object fact) {
        handles.put(fact, session.insert(fact));
    }

    /** Deletes a fact given as input (the very object inserted). */
    public void delete(Object fact) {
        session.delete(handle(fact));
        handles.remove(fact);
    }

    /** Replaces a fact given as input (the very object inserted) by another, as one update of the same fact. */
    public void replace(Object fact, Object by) {
        FactHandle h = handle(fact);
        session.update(h, by);
        handles.remove(fact);
        handles.put(by, h);
    }

    private FactHandle handle(Object fact) {
        FactHandle h = handles.get(fact);
        if (h == null) throw new IllegalArgumentException("not an input fact of this session: " + fact);
        return h;
    }

    /** Fires what the changes since the last call made due, and returns every fact the session now holds, in key order. */
    public Evaluation evaluate() {
        recorder.resetFirings();
        return evaluator.withinTimeLimit(() -> {
            try {
                return evaluator.fireAndCollect(session, input, recorder);
            } catch (RuntimeException | LinkageError e) {
                throw evaluator.fault(e);
            }
        }, recorder);
    }

    /** Fires what the changes since the last call made due, without collecting the facts (after putting input back). */
    public void fire() {
        recorder.resetFirings();
        evaluator.withinTimeLimit(() -> {
            try {
                evaluator.fireInLayers(session);
                return null;
            } catch (RuntimeException | LinkageError e) {
                throw evaluator.fault(e);
            }
        }, recorder);
    }

    /** The facts of one type the session holds now, in no particular order (after {@link #fire()}). */
    public <T> java.util.List<T> all(Class<T> type) {
        java.util.List<T> out = new java.util.ArrayList<>();
        for (Object o : session.getObjects(new org.kie.api.runtime.ClassObjectFilter(type))) out.add(type.cast(o));
        return out;
    }

    /**
     * Disposes of the session, unless a question ran past the time limit: its consequence may still be running on its
     * worker thread, and disposing would wait for it forever, so the session is left to that daemon thread.
     */
    @Override
    public void close() {
        if (!recorder.stopped()) session.dispose();
    }
}
