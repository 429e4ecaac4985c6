package org.assessor.result;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.assessor.facts.CategoryScore;
import org.assessor.facts.EvidenceBase;
import org.assessor.facts.EvidenceScore;
import org.assessor.facts.Finding;
import org.assessor.facts.NotScored;
import org.assessor.facts.PolicyValue;
import org.assessor.facts.RecordedScore;
import org.assessor.facts.ScoreCap;
import org.assessor.facts.StatementInScope;
import org.assessor.facts.StatementScore;
import org.assessor.facts.ThinEvidence;

/**
 * The policy register values a result's rules read, by id, from its derivation graph: a register value is a premise
 * whose key is a {@link PolicyValue}'s ({@code policy/<id>}). A result without a graph (a lean one) reads none.
 * Only ids: the graph holds fact keys, not the values themselves.
 */
public final class RegisterValues {
    private static final String POLICY = "policy/";
    private static final String FINDING = "finding/";
    /** The facts that belong to one statement, keyed {@code <kind>/<statement>[/…]}. */
    private static final Set<String> STATEMENT_FACTS = Set.of(StatementScore.class.getSimpleName(),
            EvidenceScore.class.getSimpleName(), EvidenceBase.class.getSimpleName(), ScoreCap.class.getSimpleName(),
            CategoryScore.class.getSimpleName(), ThinEvidence.class.getSimpleName(), NotScored.class.getSimpleName(),
            RecordedScore.class.getSimpleName(), StatementInScope.class.getSimpleName());

    private final Result.Graph graph;
    private final Map<String, List<Result.Edge>> byFact = new HashMap<>();

    private RegisterValues(Result.Graph graph) {
        this.graph = graph;
        for (Result.Edge e : graph.edges()) byFact.computeIfAbsent(e.fact(), k -> new ArrayList<>()).add(e);
    }

    public static RegisterValues of(Result result) {
        return new RegisterValues(result.derivation());
    }

    /** Every register value any rule read, sorted by id. */
    public SortedSet<String> all() {
        SortedSet<String> used = new TreeSet<>();
        graph.edges().forEach(e -> e.premises().forEach(k -> id(k, used)));
        return used;
    }

    /**
     * The register values behind one statement's score, thin-evidence mark and caps (bands, thresholds, the regime),
     * following premises back to the values but not into findings, which {@link #behind(Result.FindingView)} gives.
     */
    public SortedSet<String> behindStatement(String statementId) {
        List<String> start = graph.nodes().stream().filter(n -> STATEMENT_FACTS.contains(n.type()))
                .map(Result.Node::key).filter(k -> statementId.equals(segment(k))).toList();
        return walk(start);
    }

    /** The register values behind one finding (its benchmark's target, tolerances, corroboration counts). */
    public SortedSet<String> behind(Result.FindingView f) {
        String key = new Finding(f.ruleId(), f.evidenceId(), null, f.category(), f.grade(), f.summary(), f.against(), false).key();
        return walk(List.of(key));
    }

    private SortedSet<String> walk(List<String> start) {
        SortedSet<String> used = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            String fact = todo.pop();
            if (!seen.add(fact)) continue;
            for (Result.Edge e : byFact.getOrDefault(fact, List.of())) {
                for (String premise : e.premises()) {
                    if (!id(premise, used) && !premise.startsWith(FINDING)) todo.push(premise);
                }
            }
        }
        return used;
    }

    /** Adds the register id a premise names, if it names one. */
    private static boolean id(String premise, Set<String> into) {
        if (!premise.startsWith(POLICY)) return false;
        into.add(premise.substring(POLICY.length()));
        return true;
    }

    private static String segment(String key) {
        int a = key.indexOf('/');
        if (a < 0) return null;
        int b = key.indexOf('/', a + 1);
        return b < 0 ? key.substring(a + 1) : key.substring(a + 1, b);
    }
}
