package org.assessor.explain;

import java.util.List;
import org.assessor.result.Result;

/**
 * An explained result for a policy team: the result itself, every limiter in the rules with whether it held, and
 * what would change the outcome (from re-running the engine): statement scores, measured values, and the coding of
 * observations ({@code codings}, null when not asked for). Rendered by {@code ExplainReporter}, HTML or as JSON.
 */
public record Explanation(Result result, List<Limiter> limiters, List<Sensitivity.KeyQuestionSensitivity> keyQuestions,
                          List<Sensitivity.MetricSensitivity> metrics, List<MetricSummary> metricSummaries,
                          CodingSensitivity.Report codings, String keyQuestionFilter, String statementFilter) {

    /** For one key question: which measured values could move a statement score on their own, in one sentence. */
    public record MetricSummary(String keyQuestion, String sentence) {}

    /** A rule that can cap a key question's rating, and its state for one key question, in a sentence. */
    public record Limiter(String keyQuestion, String ruleId, String rule, String state, String reason, String sentence) {}
}
