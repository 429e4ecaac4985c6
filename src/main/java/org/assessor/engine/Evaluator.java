package org.assessor.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.facts.Fact;
import org.assessor.ruleset.RuleInfo;
import org.assessor.ruleset.RuleSet;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/** Runs one assessment through a compiled rule set in a fresh session, recording why each result holds. */
public final class Evaluator {
    /** The words a run stopped at its time limit is reported with (callers recognise such a problem by them). */
    public static final String TIME_LIMIT = "took longer than the time limit";

    /** Default bound on rule firings per evaluation; a rule set that needs more is almost surely looping. */
    public static final long DEFAULT_MAX_FIRINGS = 100_000;

    /** Default wall-clock limit per evaluation; the seed takes well under a second. */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(60);

    /** Evaluations run on these daemon threads so a caller can stop waiting for one that never ends. */
    private static final java.util.concurrent.ExecutorService WORKERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "assessor-evaluation");
        t.setDaemon(true);
        return t;
    });

    private final RuleSet rules;
    private final long maxFirings;
    private final boolean recordDerivations;
    private final java.time.Duration timeout;

    public Evaluator(RuleSet rules, long maxFirings, boolean recordDerivations, java.time.Duration timeout) {
        this.rules = rules;
        this.maxFirings = maxFirings;
        this.recordDerivations = recordDerivations;
        this.timeout = timeout;
    }

    public Evaluator(RuleSet rules, long maxFirings, boolean recordDerivations) {
        this(rules, maxFirings, recordDerivations, DEFAULT_TIMEOUT);
    }

    public Evaluator(RuleSet rules, long maxFirings) {
        this(rules, maxFirings, true);
    }

    public Evaluator(RuleSet rules) {
        this(rules, DEFAULT_MAX_FIRINGS);
    }

    /**
     * Evaluates the assessment; a rule that throws or loops becomes a {@link RuleFault} naming it, and so does an
     * evaluation still running when the time limit is reached (it is told to stop at its next firing; a consequence
     * that never returns is left running on its daemon thread, and the fault names it).
     */
    public Evaluation evaluate(LoadedAssessment input) {
        DerivationRecorder recorder = new DerivationRecorder(maxFirings);
        return withinTimeLimit(() -> evaluate(input, recorder), recorder);
    }

    /**
     * Runs work on the rules (an evaluation, or a question asked of a live session) on a worker thread, waiting at most
     * the time limit; past it, the work is told to stop at its next firing and a fault names the rule in progress.
     */
    <T> T withinTimeLimit(java.util.concurrent.Callable<T> work, DerivationRecorder recorder) {
        java.util.concurrent.Future<T> running = WORKERS.submit(work);
        try {
            return running.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            String inProgress = recorder.running();
            recorder.stop();
            running.cancel(true);
            String rule = inProgress == null ? "no rule was firing at that moment (a condition or accumulate may be "
                    + "the cause)" : "the rule in progress was " + describe(inProgress)
                    + ", whose consequence may never end";
            throw new RuleFault("the evaluation " + TIME_LIMIT + " of " + seconds(timeout) + "; " + rule
                    + " (raise the limit with --timeout if the evidence is very large)", inProgress, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.stop();
            running.cancel(true);
            throw new RuleFault("the evaluation was interrupted", null, e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private String describe(String identity) {
        RuleInfo r = rules.rule(identity);
        return "rule \"" + r.name() + "\" (" + r.id() + ", " + r.file() + ")";
    }

    private static String seconds(java.time.Duration d) {
        long s = d.toSeconds();
        return d.toMillis() % 1000 == 0 ? s + (s == 1 ? " second" : " seconds") : d.toMillis() + " ms";
    }

    private Evaluation evaluate(LoadedAssessment input, DerivationRecorder recorder) {
        KieSession session = rules.kieBase().newKieSession();
        try {
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            if (recordDerivations) session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
            input.facts().forEach(session::insert);
            return fireAndCollect(session, input, recorder);
        } catch (RuntimeException | LinkageError e) {
            throw fault(e);
        } finally {
            session.dispose();
        }
    }

    /** Fires the session in layers and collects what it holds, in key order, into an evaluation. */
    Evaluation fireAndCollect(KieSession session, LoadedAssessment input, DerivationRecorder recorder) {
        fireInLayers(session);
        // Sorted by key, computed once per fact; equal keys (never expected) keep both facts.
        List<java.util.Map.Entry<String, Object>> keyed = new ArrayList<>();
        for (Object f : session.getObjects()) keyed.add(java.util.Map.entry(recorder.key(f), f));
        keyed.sort(java.util.Map.Entry.comparingByKey());
        List<Object> facts = keyed.stream().map(java.util.Map.Entry::getValue).toList();
        List<String> keys = keyed.stream().map(java.util.Map.Entry::getKey).toList();
        contradictions(keyed, recorder);
        // In fact order, which is key order, so the derivations are sorted by the fact they derive.
        List<Derivation> derivations = facts.stream().map(recorder::of).filter(Objects::nonNull).toList();
        return new Evaluation(rules, input, facts, keys, derivations, recorder.firings());
    }

    /**
     * Opens one session on an assessment for many small questions (what would change it): its facts are changed in
     * place and only what depends on them is derived again. No derivation graph is recorded; the firing limit holds
     * for each firing. The caller closes it.
     */
    public LiveSession open(LoadedAssessment input) {
        return new LiveSession(this, rules.kieBase().newKieSession(), input, new DerivationRecorder(maxFirings));
    }

    /** A failure while rules ran, as the fault that names the rule where it can (thrown by the caller). */
    RuntimeException fault(Throwable e) {
        if (e instanceof ConsequenceException c) {
            RuleInfo r = rules.rule(c.getRule().getPackageName(), c.getRule().getName());
            return new RuleFault("rule \"" + r.name() + "\" (" + r.id() + ", " + r.file() + ") failed while it ran: "
                    + rootMessage(c) + "; it had matched: " + matched(c), r.identity(), c);
        }
        if (e instanceof RuleFault || e instanceof DerivationRecorder.EvaluationStopped) return (RuntimeException) e;
        if (e instanceof FiringLimitExceeded) return new RuleFault(e.getMessage(), null, e);
        RuleFault located = constraintFault(e);
        if (located != null) return located;
        return new RuleFault("the rules failed while they ran: " + rootMessage(e)
                + " (a constraint may compare a field with a value of the wrong type, or read a null field)", null, e);
    }

    /**
     * Two different facts with one key are two answers to one question (two scores for one statement, two ratings
     * for one key question): the result would depend on firing order, so it is an error naming both rules.
     */
    private void contradictions(List<java.util.Map.Entry<String, Object>> keyed, DerivationRecorder recorder) {
        for (int i = 1; i < keyed.size(); i++) {
            var a = keyed.get(i - 1);
            var b = keyed.get(i);
            if (!a.getKey().equals(b.getKey()) || !(a.getValue() instanceof Fact)) continue;
            throw new RuleFault("two rules derive contradicting results for " + a.getKey() + ": " + a.getValue()
                    + " from " + by(recorder.of(a.getValue())) + ", and " + b.getValue() + " from "
                    + by(recorder.of(b.getValue())) + "; make the rules exclusive so only one can hold", 
                    recorder.of(b.getValue()) == null ? null : recorder.of(b.getValue()).rule(), null);
        }
    }

    private String by(Derivation d) {
        if (d == null) return "the input";
        RuleInfo r = rules.rule(d.rule());
        return "rule \"" + r.name() + "\" (" + r.id() + ", " + r.file() + ")";
    }

    /**
     * Fires each layer in turn (the focus stack pops the first layer first), and repeats until nothing is left to
     * fire, so a rule placed in a later layer than its inputs still leaves every result up to date.
     */
    void fireInLayers(KieSession session) {
        List<String> layers = rules.layers();
        int fired;
        do {
            for (int i = layers.size() - 1; i >= 0; i--) session.getAgenda().getAgendaGroup(layers.get(i)).setFocus();
            fired = session.fireAllRules();
        } while (fired > 0);
    }

    private static final java.util.regex.Pattern CONSTRAINT = java.util.regex.Pattern.compile(
            "Error evaluating constraint '(.*)' in \\[Rule \"(.*)\" in (.*)\\]", java.util.regex.Pattern.DOTALL);

    /** A constraint that failed on a fact: Drools names the rule and constraint in the exception chain. */
    private RuleFault constraintFault(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            var m = t.getMessage() == null ? null : CONSTRAINT.matcher(t.getMessage());
            if (m != null && m.matches()) {
                RuleInfo r = rules.ruleNamed(m.group(2));
                if (r == null) return null;
                return new RuleFault("rule \"" + r.name() + "\" (" + r.id() + ", " + r.file() + "): its constraint '"
                        + m.group(1) + "' failed on a fact: " + rootMessage(e)
                        + " (a field compared with a value of the wrong type, or a null field?)", r.identity(), e);
            }
        }
        return null;
    }

    private static String matched(ConsequenceException e) {
        if (e.getMatch() == null) return "(unknown)";
        return e.getMatch().getObjects().stream()
                .map(o -> o instanceof Fact f ? f.key() : String.valueOf(o)).toList().toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
