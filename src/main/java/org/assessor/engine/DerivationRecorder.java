package org.assessor.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assessor.facts.Fact;
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
    private final Map<Object, Derivation> byFact = new IdentityHashMap<>();
    private final Map<String, Integer> firings = new TreeMap<>();
    private final long maxFirings;
    private Match current;
    private long total;

    public DerivationRecorder(long maxFirings) {
        this.maxFirings = maxFirings;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch();
        firings.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
        total++;
        if (total > maxFirings) {
            throw new FiringLimitExceeded(maxFirings, firings);
        }
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (current == null || !(event.getObject() instanceof Fact f)) return;
        byFact.put(event.getObject(), new Derivation(f.key(), String.valueOf(current.getRule().getMetaData()
                .getOrDefault("id", current.getRule().getName())), current.getRule().getName(), premises(current)));
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        byFact.remove(event.getOldObject());
    }

    private static List<String> premises(Match m) {
        Set<String> keys = new LinkedHashSet<>();
        for (Object o : m.getObjects()) add(keys, o);
        for (String d : m.getDeclarationIds()) add(keys, m.getDeclarationValue(d));
        // Sorted, so the graph does not depend on the order evidence was given in.
        return keys.stream().sorted().toList();
    }

    private static void add(Set<String> keys, Object o) {
        if (o instanceof Fact f) {
            keys.add(f.key());
        } else if (o instanceof Iterable<?> list) {
            for (Object e : list) add(keys, e);
        }
    }

    /** The derivation of a fact still in working memory, if a rule inserted it. */
    public Derivation of(Object fact) {
        return byFact.get(fact);
    }

    /** How many times each rule fired, by rule name. */
    public Map<String, Integer> firings() {
        return firings;
    }

    public long totalFirings() {
        return total;
    }
}
