package org.assessor.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assessor.facts.Fact;
import org.assessor.ruleset.RuleInfo;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

/**
 * Listens to a session and records, for every fact a rule inserts, the rule and the facts its match bound
 * (including the lists that {@code collectList} gathers in an accumulate), so each result can be traced to evidence.
 */
public final class DerivationRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    /** What a firing inserted and what its match bound, kept as references; keys are made only for facts that stay. */
    private record Made(String rule, Object[] premises) {}

    private final Map<Object, Made> byFact = new IdentityHashMap<>();
    private final Map<Object, String> keys = new IdentityHashMap<>();
    private final Map<String, Integer> firings = new TreeMap<>();
    private final long maxFirings;
    private Match current;
    private long total;
    private volatile boolean stopped;
    /** The rule whose consequence is running, as "package.name", or null between firings (read by a watchdog). */
    private volatile String running;
    /** The last rule any evaluation in this process began to fire: named if the process ends without a result. */
    private static volatile String lastStarted;

    public DerivationRecorder(long maxFirings) {
        this.maxFirings = maxFirings;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch();
        var rule = event.getMatch().getRule();
        firings.merge(RuleInfo.identity(rule.getPackageName(), rule.getName()), 1, Integer::sum);
        total++;
        if (total > maxFirings) {
            throw new FiringLimitExceeded(maxFirings, firings);
        }
        if (stopped) throw new EvaluationStopped();
        running = RuleInfo.identity(rule.getPackageName(), rule.getName());
        lastStarted = running;
    }

    /** Starts counting firings again from nought, for the next question asked of a live session. */
    void resetFirings() {
        firings.clear();
        total = 0;
    }

    /** Asks the evaluation to stop at its next firing (a consequence already running cannot be stopped). */
    void stop() {
        stopped = true;
    }

    /** The rule whose consequence is running now, or null. */
    String running() {
        return running;
    }

    /** The last rule any evaluation in this process began to fire, or null. */
    public static String lastStarted() {
        return lastStarted;
    }

    /** Thrown at the next firing once an evaluation has been stopped for taking too long. */
    static final class EvaluationStopped extends RuntimeException {
        EvaluationStopped() {
            super("stopped: the time limit was reached", null, false, false);
        }
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
        running = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (current == null || !(event.getObject() instanceof Fact f)) return;
        var rule = current.getRule();
        byFact.put(f, new Made(RuleInfo.identity(rule.getPackageName(), rule.getName()), premises(current)));
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        byFact.remove(event.getOldObject());
    }

    /** The facts a match bound, lists (from collectList) copied as they were when the rule fired. */
    private static Object[] premises(Match m) {
        List<Object> out = new ArrayList<>();
        for (Object o : m.getObjects()) add(out, o);
        for (String d : m.getDeclarationIds()) add(out, m.getDeclarationValue(d));
        return out.toArray();
    }

    private static void add(List<Object> out, Object o) {
        if (o instanceof Fact) {
            out.add(o);
        } else if (o instanceof Iterable<?> list) {
            for (Object e : list) add(out, e);
        }
    }

    /** A fact's key, made once per fact (facts are immutable records). */
    public String key(Object fact) {
        return keys.computeIfAbsent(fact, f -> f instanceof Fact k ? k.key() : f.toString());
    }

    /** The derivation of a fact still in working memory, if a rule inserted it. */
    public Derivation of(Object fact) {
        Made m = byFact.get(fact);
        if (m == null) return null;
        Set<String> premises = new java.util.TreeSet<>(); // sorted: the graph does not depend on evidence order
        for (Object p : m.premises()) premises.add(key(p));
        return new Derivation(key(fact), m.rule(), List.copyOf(premises));
    }

    /** How many times each rule fired, by rule identity (package and name). */
    public Map<String, Integer> firings() {
        return firings;
    }

    public long totalFirings() {
        return total;
    }
}
