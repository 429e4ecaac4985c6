package org.assessor.explain;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.assessor.input.InvalidInputException;
import org.assessor.result.Result;

/**
 * The engine re-run on one fixture with one thing changed, for "what would change it". The ways give the same
 * answers: {@link LiveReruns} changes facts in one open session and lets the rules derive again only what depended
 * on them (what explain uses); {@link FreshReruns} writes a changed evidence.json and evaluates it afresh (the
 * reference the live way is tested against).
 */
interface Reruns extends AutoCloseable {
    /**
     * How the engine is re-run: in one live session (falling back to {@code FRESH_SESSIONS} when the rule base is one
     * a live session would get wrong); in a fresh session per question on the loaded facts, changed in memory; or in
     * a fresh session per question on a changed evidence.json, read and checked again (the reference).
     */
    enum Way { LIVE, FRESH_SESSIONS, FRESH_JSON }

    /** The result with these statement scores recorded as judgement (replacing any recorded for them). */
    Result withRecordedScores(Map<String, Integer> scores) throws IOException, InvalidInputException;

    /** The result with one measured value changed. */
    Result withMetricValue(String evidenceId, double value) throws IOException, InvalidInputException;

    /**
     * The grades one measured value gets at {@code value} when it is the only evidence (and no scores are recorded),
     * each with the benchmark it was judged against ("2 against national average"), sorted.
     */
    List<String> gradesAlone(String evidenceId, double value) throws IOException, InvalidInputException;

    /** The id suffix of the second half of a split item. */
    String SPLIT = "~split";

    /** The result with one field of an observation's coding changed (a changed extent takes the whole quote as cue). */
    default Result withCoding(String evidenceId, String field, String value) throws IOException, InvalidInputException {
        return withCoding(evidenceId, Map.of(field, value));
    }

    /**
     * The result with fields of an observation's coding changed together (direction, kind, extent, impact, who — one
     * speaker — or category); a changed extent takes the whole quote as cue.
     */
    Result withCoding(String evidenceId, Map<String, String> fields) throws IOException, InvalidInputException;

    /** The result with one evidence item left out, as a coder who did not file it (or merged it into another) would. */
    Result withoutItem(String evidenceId) throws IOException, InvalidInputException;

    /** The result with one evidence item filed twice with the same coding, as a coder who split its quote would. */
    Result withItemSplit(String evidenceId) throws IOException, InvalidInputException;

    @Override
    void close();
}
