package org.assessor.result;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assessor.engine.Evaluation;
import org.assessor.engine.Evaluator;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;
import org.assessor.input.StrictJson;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.RuleSet;
import org.assessor.ruleset.RuleSetCompiler;

/**
 * The core entry point: compiles a rules folder once, then loads and evaluates fixtures against it. A fixture is
 * evaluated under the framework its envelope names ({@code assessment.framework}; none: the default framework): the
 * assessor built for one framework compiles another framework of the same rules folder the first time a fixture
 * names it, into its own rule base, and keeps it for the next.
 */
public final class Assessor {
    private final RuleSet rules;
    private final Evaluator evaluator;
    private final Framework framework;
    /** Register values changed in memory (a what-if), applied to whichever framework a fixture names. */
    private final Map<String, String> policy;
    /** The assessors of this rules folder's frameworks compiled so far, by framework id (shared by every copy). */
    private final Map<String, Assessor> frameworks;
    private final Function<RuleSet, Evaluator> evaluators;
    /**
     * Register changes as if written into the register files (a policy dry run): applied to each fixture's framework
     * only where its register has the id, and with the rows' rationales unchanged.
     */
    private final boolean asWritten;

    public Assessor(Path rulesDir, long maxFirings) throws InvalidInputException {
        this(new RuleSetCompiler().compile(rulesDir), maxFirings, true);
    }

    /** An assessor over an already compiled rule set; {@code recordDerivations} false leaves the graph out (faster). */
    public Assessor(RuleSet rules, long maxFirings, boolean recordDerivations) {
        this(rules, r -> new Evaluator(r, maxFirings, recordDerivations));
    }

    /** As above, with a wall-clock limit per evaluation instead of the default. */
    public Assessor(RuleSet rules, long maxFirings, boolean recordDerivations, java.time.Duration timeout) {
        this(rules, r -> new Evaluator(r, maxFirings, recordDerivations, timeout));
    }

    private Assessor(RuleSet rules, Function<RuleSet, Evaluator> evaluators) {
        this(rules, evaluators.apply(rules), rules.framework(), Map.of(),
                java.util.Collections.synchronizedMap(new LinkedHashMap<>()), evaluators, false);
        frameworks.put(rules.framework().id(), this);
    }

    private Assessor(RuleSet rules, Evaluator evaluator, Framework framework, Map<String, String> policy,
                     Map<String, Assessor> frameworks, Function<RuleSet, Evaluator> evaluators, boolean asWritten) {
        this.asWritten = asWritten;
        this.rules = rules;
        this.evaluator = evaluator;
        this.framework = framework;
        this.policy = policy;
        this.frameworks = frameworks;
        this.evaluators = evaluators;
    }

    /**
     * The same assessor with register values changed in memory ({@code id → value}; nothing is written), for what-if
     * and for fixture cases that test a policy setting. An unknown id or a value its unit refuses throws
     * IllegalArgumentException with the reason; a value this framework's register lacks is kept for the other
     * frameworks of the rules folder, and refused when a fixture evaluated with it names a framework that lacks it too.
     */
    public Assessor withPolicy(Map<String, String> values) {
        return withPolicy(values, false);
    }

    /**
     * The same assessor with register values changed as if they had been written into the register files (a policy
     * dry run across a portfolio, compared as {@code diff} compares two rules folders): each value applies to the
     * frameworks whose register has it and is left out for the others, and rows keep their rationale as written.
     * An id no framework of the folder has, or a value its unit refuses, throws IllegalArgumentException.
     */
    public Assessor withPolicyAsWritten(Map<String, String> values) {
        return withPolicy(values, true);
    }

    private Assessor withPolicy(Map<String, String> values, boolean written) {
        Framework changed = framework;
        boolean others = framework.knownFrameworks().size() > 1;
        for (var e : values.entrySet()) {
            if (others && !framework.register().has(e.getKey()) && otherFrameworkTakes(e.getKey(), e.getValue())) continue;
            changed = changed.withPolicy(e.getKey(), e.getValue(), !written);
        }
        Map<String, String> all = new LinkedHashMap<>(policy);
        all.putAll(values);
        return new Assessor(rules, evaluator, changed, Map.copyOf(all), frameworks, evaluators, written || asWritten);
    }

    public Assessor(Path rulesDir) throws InvalidInputException {
        this(rulesDir, Evaluator.DEFAULT_MAX_FIRINGS);
    }

    /**
     * Whether another framework of the rules folder has this register value and allows the value (its framework file
     * and register are read, nothing is compiled); a value its unit refuses throws IllegalArgumentException now, as
     * for this framework's own values.
     */
    private boolean otherFrameworkTakes(String id, String value) {
        for (String other : framework.knownFrameworks()) {
            if (other.equals(framework.id())) continue;
            Framework f;
            try {
                f = Framework.load(Path.of(rules.dir()), other);
            } catch (InvalidInputException e) {
                continue; // reported when a fixture names it and it is compiled
            }
            if (f.register().has(id)) {
                f.withPolicy(id, value);
                return true;
            }
        }
        return false;
    }

    /** Loads, checks and evaluates one fixture, returning the explained result. */
    public Result evaluate(Path fixture) throws InvalidInputException {
        return new ResultBuilder(evaluation(fixture)).build();
    }

    /** Loads, checks and evaluates one fixture, returning every fact the session ended with (for coverage). */
    public Evaluation evaluation(Path fixture) throws InvalidInputException {
        Path file = EvidenceLoader.evidenceFile(fixture);
        String shown = file.toString();
        byte[] bytes = StrictJson.bytes(file, shown);
        Assessor target = target(bytes, shown);
        return target.evaluator.evaluate(new EvidenceLoader(target.framework).load(bytes, shown));
    }

    /** Evaluates a fixture held in memory (e.g. evidence changed by a what-if). */
    public Result evaluate(byte[] evidenceJson, String shownAs) throws InvalidInputException {
        Assessor target = target(evidenceJson, shownAs);
        var loaded = new EvidenceLoader(target.framework).load(evidenceJson, shownAs);
        return new ResultBuilder(target.evaluator.evaluate(loaded)).build();
    }

    /** Loads and checks a fixture without evaluating it. */
    public org.assessor.evidence.LoadedAssessment load(Path fixture) throws InvalidInputException {
        Path file = EvidenceLoader.evidenceFile(fixture);
        String shown = file.toString();
        return load(StrictJson.bytes(file, shown), shown);
    }

    /** Loads and checks a fixture held in memory without evaluating it. */
    public org.assessor.evidence.LoadedAssessment load(byte[] evidenceJson, String shownAs) throws InvalidInputException {
        return new EvidenceLoader(target(evidenceJson, shownAs).framework).load(evidenceJson, shownAs);
    }

    /**
     * The assessor for the framework a fixture names (this one when it names this framework, or names none and this
     * is the default one), with this assessor's register changes; its {@link #rules()} are the ones the fixture is
     * evaluated with.
     */
    public Assessor forFixture(Path fixture) throws InvalidInputException {
        Path file = EvidenceLoader.evidenceFile(fixture);
        String shown = file.toString();
        return target(StrictJson.bytes(file, shown), shown);
    }

    /** As above, for evidence held in memory. */
    public Assessor forFixture(byte[] evidenceJson, String shownAs) throws InvalidInputException {
        return target(evidenceJson, shownAs);
    }

    /**
     * Compiles every framework of the rules folder now (each is otherwise compiled when a fixture first names it), so
     * rules that do not compile are found once, before any fixture is evaluated, rather than once per fixture.
     */
    public void compileEveryFramework() throws InvalidInputException {
        java.util.List<org.assessor.input.Problem> problems = new ArrayList<>();
        for (String id : framework.knownFrameworks()) {
            if (id.equals(framework.id())) continue;
            try {
                framework(id);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    /** Every rule set this assessor has used so far, the one it was built with first (coverage reads them all). */
    public List<RuleSet> ruleSets() {
        synchronized (frameworks) {
            List<RuleSet> out = new ArrayList<>();
            out.add(rules);
            frameworks.values().stream().map(Assessor::rules).filter(r -> r != rules).forEach(out::add);
            return out;
        }
    }

    /** The assessor of another framework of the rules folder, compiled the first time it is asked for. */
    private Assessor framework(String id) throws InvalidInputException {
        synchronized (frameworks) {
            Assessor known = frameworks.get(id);
            if (known != null) return known;
            RuleSet other = new RuleSetCompiler().compile(Path.of(rules.dir()), id);
            Assessor made = new Assessor(other, evaluators.apply(other), other.framework(), Map.of(), frameworks,
                    evaluators, false);
            frameworks.put(id, made);
            return made;
        }
    }

    private Assessor target(byte[] bytes, String shown) throws InvalidInputException {
        String named = EvidenceLoader.frameworkNamed(bytes, shown);
        List<String> known = framework.knownFrameworks();
        String wanted = named != null ? named : known.isEmpty() ? framework.id() : known.get(0);
        Assessor base;
        if (wanted.equals(framework.id()) || !known.contains(wanted)) {
            // An unknown framework is reported by the loader, at the field that names it.
            base = this;
        } else {
            base = framework(wanted);
        }
        if (base == this && policy.keySet().stream().allMatch(framework.register()::has)) return this;
        Framework changed = base.rules.framework();
        try {
            for (var e : policy.entrySet()) {
                if (asWritten && !changed.register().has(e.getKey())) continue; // another framework's value
                changed = changed.withPolicy(e.getKey(), e.getValue(), !asWritten);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (the fixture " + shown + " is assessed under framework '"
                    + changed.id() + "', whose register is read here)", e);
        }
        return new Assessor(base.rules, base.evaluator, changed, policy, frameworks, evaluators, asWritten);
    }

    /**
     * Opens one session on a loaded assessment, to change its facts in place and evaluate again many times (what
     * would change it); {@link #result} turns each evaluation into a result. The caller closes it.
     */
    public org.assessor.engine.LiveSession open(org.assessor.evidence.LoadedAssessment loaded) {
        return evaluator.open(loaded);
    }

    /** Evaluates facts already loaded (and perhaps changed in memory) in a fresh session, without reading any file. */
    public Evaluation evaluation(org.assessor.evidence.LoadedAssessment loaded) {
        return evaluator.evaluate(loaded);
    }

    /**
     * The explained result of an evaluation from a live session, without its derivation graph (a live session records
     * none): read for its scores, ratings, caps and findings.
     */
    public static Result result(Evaluation evaluation) {
        return new ResultBuilder(evaluation).withoutGraph().build();
    }

    public RuleSet rules() {
        return rules;
    }

    /** The framework fixtures are loaded with: the rule set's, with this assessor's register changes applied. */
    public Framework framework() {
        return framework;
    }

    /** The register values this assessor changes in memory ({@code id → value}; empty for the register as read). */
    public Map<String, String> policy() {
        return policy;
    }
}
