package org.assessor.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

    /** What is read once about a rule, for every evaluation: its identity and the bindings that may hold facts. */
    private record Described(String identity, String[] lists) {}

    /** Rules described so far, by rule object (weakly held: a rule base that is dropped takes its entries with it). */
    private static final Map<org.kie.api.definition.rule.Rule, Described> DESCRIBED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** A rule that has fired in this evaluation, and how often. */
    private static final class Fired {
        final String identity;
        final String[] lists;
        int count;

        Fired(org.kie.api.definition.rule.Rule rule) {
            Described d = DESCRIBED.computeIfAbsent(rule, r -> new Described(
                    RuleInfo.identity(r.getPackageName(), r.getName()), listBindings(r)));
            this.identity = d.identity();
            this.lists = d.lists();
        }
    }

    // Sized for an assessment of a few hundred facts, so the maps rarely grow.
    private final Map<Object, Made> byFact = new IdentityHashMap<>(512);
    private final Map<Object, String> keys = new IdentityHashMap<>(1024);
    private final Map<org.kie.api.definition.rule.Rule, Fired> fired = new IdentityHashMap<>();
    private final long maxFirings;
    private Match current;
    private Fired currentRule;
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
        Fired rule = fired.computeIfAbsent(current.getRule(), Fired::new);
        currentRule = rule;
        rule.count++;
        total++;
        if (total > maxFirings) {
            throw new FiringLimitExceeded(maxFirings, firings());
        }
        if (stopped) throw new EvaluationStopped();
        running = rule.identity;
        lastStarted = running;
    }

    /**
     * Starts counting firings again from nought, for the next question asked of a live session, and forgets the keys
     * made so far (each question derives new facts, so a live session would otherwise keep every one it ever made).
     */
    void resetFirings() {
        fired.clear();
        keys.clear();
        total = 0;
    }

    /** Asks the evaluation to stop at its next firing (a consequence already running cannot be stopped). */
    void stop() {
        stopped = true;
    }

    /** Whether the evaluation was told to stop (it ran past its time limit). */
    boolean stopped() {
        return stopped;
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
        currentRule = null;
        running = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (current == null || !(event.getObject() instanceof Fact f)) return;
        byFact.put(f, new Made(currentRule.identity, premises(current, currentRule.lists)));
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        byFact.remove(event.getOldObject());
    }

    /** The facts a match bound, lists (from collectList) copied as they were when the rule fired. */
    private static Object[] premises(Match m, String[] lists) {
        List<Object> out = new ArrayList<>();
        for (Object o : m.getObjects()) add(out, o);
        for (String d : lists) add(out, m.getDeclarationValue(d));
        return out.toArray();
    }

    /**
     * The bindings of a rule whose value may be a fact or a list of facts: every binding but those declared as a
     * number, a string, a boolean or a date, which can hold neither (read once per rule, not at every firing).
     */
    private static String[] listBindings(org.kie.api.definition.rule.Rule rule) {
        if (!(rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl)) return new String[0];
        List<String> out = new ArrayList<>();
        impl.getDeclarations().forEach((id, d) -> {
            Class<?> c = d.getDeclarationClass();
            boolean plain = c != null && (c.isPrimitive() || Number.class.isAssignableFrom(c) || c == String.class
                    || c == Boolean.class || java.time.temporal.Temporal.class.isAssignableFrom(c));
            if (!plain) out.add(id);
        });
        return out.toArray(new String[0]);
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
        // Sorted and each once: the graph does not depend on evidence order.
        String[] keys = new String[m.premises().length];
        for (int i = 0; i < keys.length; i++) keys[i] = key(m.premises()[i]);
        java.util.Arrays.sort(keys);
        int n = 0;
        for (int i = 0; i < keys.length; i++) if (n == 0 || !keys[i].equals(keys[n - 1])) keys[n++] = keys[i];
        return new Derivation(key(fact), m.rule(), java.util.Collections.unmodifiableList(
                java.util.Arrays.asList(n == keys.length ? keys : java.util.Arrays.copyOf(keys, n))));
    }

    /** How many times each rule fired, by rule identity (package and name). */
    public Map<String, Integer> firings() {
        Map<String, Integer> out = new TreeMap<>();
        for (Fired f : fired.values()) out.merge(f.identity, f.count, Integer::sum);
        return out;
    }

    public long totalFirings() {
        return total;
    }
}
