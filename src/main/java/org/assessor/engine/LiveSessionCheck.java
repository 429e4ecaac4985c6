package org.assessor.engine;

import java.lang.reflect.Field;
import java.util.List;
import java.util.TreeSet;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.PathEndNode;
import org.drools.core.reteoo.SegmentMemory.AccumulateMemoryPrototype;
import org.drools.core.reteoo.SegmentMemory.MemoryPrototype;
import org.drools.core.reteoo.SegmentMemory.SegmentPrototype;
import org.drools.core.reteoo.TerminalNode;
import org.kie.api.KieBase;

/**
 * Whether a live session on this rule base would miss a change, found by looking at how Drools built the network.
 *
 * <p>Drools 10.2.0 (apache/incubator-kie issue 7109, fixed after 10.2.0 by pull request 7110) builds the network of
 * every package but the largest rule by rule; when a rule added later shares the first conditions of a rule with an
 * {@code accumulate}, the earlier rule's segment is split and the accumulate moves to another position in it. The
 * position is renumbered in the accumulate's memory prototype but not in the beta memory prototype it wraps, and the
 * session's memory is made from the stale one. An accumulate's collected facts changing after the rule was first
 * evaluated then marks the wrong node of the segment as changed: the rule is not evaluated again, so it neither fires
 * nor loses what it inserted logically. A fresh session is unaffected (every node is new when the rule is first
 * evaluated); a session whose facts are changed in place is not.
 */
public final class LiveSessionCheck {
    private LiveSessionCheck() {}

    /**
     * The rules whose accumulate would miss a change in a live session, by name, sorted; empty when a live session
     * gives the same answers as fresh ones. A rule base this check cannot read is reported as one entry saying so.
     */
    public static List<String> rulesThatWouldMissChanges(KieBase kieBase) {
        try {
            Field wrapped = AccumulateMemoryPrototype.class.getDeclaredField("betaProto");
            wrapped.setAccessible(true);
            TreeSet<String> out = new TreeSet<>();
            for (TerminalNode[] nodes : ((InternalRuleBase) kieBase).getReteooBuilder().getTerminalNodes().values()) {
                for (TerminalNode node : nodes) {
                    if (stale(node, node.getSegmentPrototypes(), wrapped)
                            || stale(node, node.getEagerSegmentPrototypes(), wrapped)) {
                        out.add(node.getRule().getName());
                    }
                }
            }
            return List.copyOf(out);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return List.of("(the rule network could not be checked: " + e + ")");
        }
    }

    private static boolean stale(PathEndNode node, SegmentPrototype[] segments, Field wrapped)
            throws IllegalAccessException {
        if (segments == null) return false;
        for (SegmentPrototype segment : segments) {
            if (segment == null || segment.getMemories() == null) continue;
            for (MemoryPrototype memory : segment.getMemories()) {
                // The outer position is set only when a split renumbers it (0 otherwise); the wrapped one never is.
                if (memory instanceof AccumulateMemoryPrototype accumulate && accumulate.getNodePosMaskBit() != 0
                        && ((MemoryPrototype) wrapped.get(accumulate)).getNodePosMaskBit() != accumulate.getNodePosMaskBit()) {
                    return true;
                }
            }
        }
        return false;
    }
}
