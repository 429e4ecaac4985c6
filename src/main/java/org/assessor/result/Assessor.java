package org.assessor.result;

import java.nio.file.Path;
import org.assessor.engine.Evaluation;
import org.assessor.engine.Evaluator;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;
import java.util.Map;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.RuleSet;
import org.assessor.ruleset.RuleSetCompiler;

/** The core entry point: compiles a rules folder once, then loads and evaluates fixtures against it. */
public final class Assessor {
    private final RuleSet rules;
    private final Evaluator evaluator;
    private final Framework framework;

    public Assessor(Path rulesDir, long maxFirings) throws InvalidInputException {
        this(new RuleSetCompiler().compile(rulesDir), maxFirings, true);
    }

    /** An assessor over an already compiled rule set; {@code recordDerivations} false leaves the graph out (faster). */
    public Assessor(RuleSet rules, long maxFirings, boolean recordDerivations) {
        this(rules, new Evaluator(rules, maxFirings, recordDerivations), rules.framework());
    }

    /** As above, with a wall-clock limit per evaluation instead of the default. */
    public Assessor(RuleSet rules, long maxFirings, boolean recordDerivations, java.time.Duration timeout) {
        this(rules, new Evaluator(rules, maxFirings, recordDerivations, timeout), rules.framework());
    }

    private Assessor(RuleSet rules, Evaluator evaluator, Framework framework) {
        this.rules = rules;
        this.evaluator = evaluator;
        this.framework = framework;
    }

    /**
     * The same assessor with register values changed in memory ({@code id → value}; nothing is written), for what-if
     * and for fixture cases that test a policy setting. An unknown id or a value its unit refuses throws
     * IllegalArgumentException with the reason.
     */
    public Assessor withPolicy(Map<String, String> values) {
        Framework changed = framework;
        for (var e : values.entrySet()) changed = changed.withPolicy(e.getKey(), e.getValue());
        return new Assessor(rules, evaluator, changed);
    }

    public Assessor(Path rulesDir) throws InvalidInputException {
        this(rulesDir, Evaluator.DEFAULT_MAX_FIRINGS);
    }

    /** Loads, checks and evaluates one fixture, returning the explained result. */
    public Result evaluate(Path fixture) throws InvalidInputException {
        return new ResultBuilder(evaluation(fixture)).build();
    }

    /** Loads, checks and evaluates one fixture, returning every fact the session ended with (for coverage). */
    public Evaluation evaluation(Path fixture) throws InvalidInputException {
        return evaluator.evaluate(new EvidenceLoader(framework).load(fixture));
    }

    /** Evaluates a fixture held in memory (e.g. evidence changed by a what-if). */
    public Result evaluate(byte[] evidenceJson, String shownAs) throws InvalidInputException {
        var loaded = new EvidenceLoader(framework).load(evidenceJson, shownAs);
        return new ResultBuilder(evaluator.evaluate(loaded)).build();
    }

    /** Loads and checks a fixture without evaluating it. */
    public org.assessor.evidence.LoadedAssessment load(Path fixture) throws InvalidInputException {
        return new EvidenceLoader(framework).load(fixture);
    }

    /** Loads and checks a fixture held in memory without evaluating it. */
    public org.assessor.evidence.LoadedAssessment load(byte[] evidenceJson, String shownAs) throws InvalidInputException {
        return new EvidenceLoader(framework).load(evidenceJson, shownAs);
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
}
