package org.assessor.result;

import java.util.List;
import java.util.Map;

/**
 * The explained result of one evaluation: the one model every reporter renders, so text and JSON cannot disagree.
 * Lists are in framework order (key questions, statements) or by key; nothing in it depends on time or machine.
 */
public record Result(Provenance provenance, AssessmentView assessment, ScaleView scale, GroupingView groupingLevel,
                     List<KeyQuestionView> keyQuestions,
                     OverallView overall, List<EvidenceView> unjudgedEvidence, Map<String, Integer> rulesFired,
                     Graph derivation) {

    /** Where the result came from: digests of the rules and the fixture, the engine, the regime applied. */
    /** {@code policyChanges} lists register values changed in memory for this result (a what-if); usually empty. */
    public record Provenance(String fixture, String fixtureDigest, String rules, String rulesDigest,
                             String frameworkVersion, String engine, String assessorVersion, String regime,
                             String regimeReason, List<String> policyChanges) {}

    /**
     * From the framework: the score scale of statements and grades (every "of 4" a report prints is {@code max}) and
     * the word shown where there is no rating.
     */
    public record ScaleView(int min, int max, String notRated) {}

    /**
     * From the framework: its word for the grouping level {@code keyQuestions} holds, singular and plural ("key
     * question", "key questions"; a council's "theme", "themes"), which every page naming that level uses.
     */
    public record GroupingView(String singular, String plural) {}

    /** The assessment, with the names of its scope and service type and which date chose the regime. */
    public record AssessmentView(String provider, String serviceType, String serviceTypeName, String scope,
                                 String scopeName, String assessmentDate, boolean trustLevel, String regimeSentence) {}

    /**
     * {@code inScope}: the assessment covers the key question; {@code scored}: some statement of it has a score;
     * {@code thinStatements} counts the statements scored on thin evidence.
     */
    public record KeyQuestionView(String id, String name, boolean inScope, boolean scored, ScoreView score, BandView band,
                                  List<CapView> caps, String computedRating, RatingView rating,
                                  List<StatementView> statements, int thinStatements) {}

    /**
     * A key question's percentage: {@code raw} exact, {@code shown} rounded by the register's mode; {@code sentence} is
     * the arithmetic in words, the percentage written to two decimals at most; {@code roundingNote} says how the mode
     * rounded it, given once in a result and only where the mode decided the shown number (null elsewhere).
     */
    public record ScoreView(int sum, int max, int statementsScored, double raw, int shown, String rounding,
                            String sentence, String roundingNote) {}

    /** The band the raw percentage falls in; {@code sentence} says why, and marks a boundary case. */
    public record BandView(String rating, double cutOff, boolean boundary, String sentence) {}

    /** A limit on a score or rating; {@code applied} says whether it lowered the result. */
    public record CapView(String limit, String ruleId, String reason, boolean applied, String sentence) {}

    /** A rating and its basis; {@code sentence} gives the basis and how it was reached. */
    public record RatingView(String rating, int rank, String basis, String detail, String sentence) {}

    /**
     * A statement's score and basis; {@code arithmetic} is how its evidence became a score (null without evidence);
     * {@code thinEvidence} says why the score rests on thin evidence (null when it does not).
     */
    public record StatementView(String id, String name, Integer score, String basis, String detail,
                                String scoreSentence, EvidenceScoreView evidence, String arithmetic,
                                List<CategoryView> categories, List<FindingView> findings,
                                List<String> categoriesWithoutEvidence, String missingSentence, String thinEvidence) {}

    /**
     * What the evidence scores a statement, when findings exist: its base (the best its points show, and why), the
     * caps on it, and the points it was weighed from.
     */
    public record EvidenceScoreView(int score, int base, String baseReason, List<CapView> caps, PointsView points) {}

    /**
     * A statement's points by sort (material shortfalls counted by topic), and how many topics and independent sources
     * the points that weigh come from ({@code noted} ones, of little effect on people, weigh nothing).
     */
    public record PointsView(int materialShortfallTopics, int minorShortfalls, int neutral, int descriptions,
                             int results, int exceptional, int noted, int topics, List<String> sources) {}

    /** An evidence category's score (evidence-category regime): its base and its score after caps. */
    public record CategoryView(String category, int score, int base, String sentence) {}

    /**
     * A finding with its rule, the benchmark it was judged against (empty for an observation), its quote, and the
     * point it makes for its statement ("material shortfall", "description", …).
     */
    public record FindingView(String ruleId, String rule, String ruleReason, int grade, String summary,
                              String evidenceId, String category, String section, String quote, String against,
                              String ruleRef, String point) {}

    /**
     * {@code label} comes from the framework ("Overall rating", or for an NHS trust's well-led scope "Trust-level
     * rating (well-led)"). {@code score} is the overall percentage of a framework whose rules give one (a local
     * authority's), and is left out otherwise. {@code caveat} says when the rating stands on part of the framework (a
     * partial assessment the register lets be rated), and is left out otherwise; every report and export shows it.
     */
    public record OverallView(String label, String rating, String principle, String detail, List<CapView> caps,
                              String sentence,
                              @com.fasterxml.jackson.annotation.JsonInclude(
                                      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                              OverallScoreView score,
                              @com.fasterxml.jackson.annotation.JsonInclude(
                                      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                              String caveat) {}

    /**
     * An overall percentage: raw, as shown, how it was formed, {@code sentence}, the arithmetic in words, and
     * {@code roundingNote} as a key question's ({@link ScoreView}).
     */
    public record OverallScoreView(double raw, int shown, String rounding, String method, String sentence,
                                   String roundingNote) {}

    /** An evidence item no rule judged, and why. */
    public record EvidenceView(String id, String statement, String category, String section, String quote,
                               String reason) {}

    /** The derivation graph: every fact as a node, and for each derived one the rule and premises that made it. */
    public record Graph(List<Node> nodes, List<Edge> edges) {}

    public record Node(String key, String type) {}

    public record Edge(String fact, String ruleId, String rule, List<String> premises) {}
}
