package org.assessor.casebook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A fixture's {@code expected.json}: what must come out, and one sentence on what the case proves. Every field but
 * {@code proves} is optional; only what is given is checked. {@code policy} runs the case with register values changed
 * in memory ({@code id → value}), to test a policy setting without a second register. {@code overallPercentage} and
 * {@code overallRaw} check the overall percentage of a framework whose rules give one (a local authority's).
 * {@code grades} maps an evidence id to the grades of its findings, sorted (a boundary case says how each value is
 * judged). {@code calibration} marks a real statement with its published score, measured by {@code assessor calibrate}.
 */
public record Expectations(@JsonProperty(required = true) String proves,
                           Map<String, KeyQuestionExpected> keyQuestions,
                           String overall,
                           Integer overallPercentage,
                           Double overallRaw,
                           List<String> rulesFired,
                           List<String> rulesNotFired,
                           Map<String, List<String>> cited,
                           Map<String, List<Integer>> grades,
                           Map<String, String> policy,
                           CalibrationExpected calibration) {

    /**
     * A real statement with the score CQC published for it ({@code fixtures/calibration/}): the evaluation is compared
     * with it by {@code assessor calibrate}, not passed or failed, as CQC scored from more evidence than an excerpt
     * holds. {@code excerpt} names the excerpt coded; {@code note} explains a known miss.
     */
    public record CalibrationExpected(@JsonProperty(required = true) String statement,
                                      @JsonProperty(required = true) int published,
                                      @JsonProperty(required = true) String source,
                                      @JsonProperty(required = true) String excerpt,
                                      String note) {}

    /** Expected results for one key question; {@code statements} maps statement id to score (null: not scored). */
    public record KeyQuestionExpected(Map<String, Integer> statements, Integer percentage, Double raw, String rating,
                                      String band, Boolean boundary) {}
}
