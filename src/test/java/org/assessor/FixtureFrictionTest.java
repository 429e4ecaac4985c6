package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.facts.Assessment;
import org.assessor.facts.PreviousRating;
import org.assessor.facts.RecordedRating;
import org.assessor.facts.RecordedScore;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.ruleset.Framework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mistakes people make writing fixtures by hand, and the shortcuts the format allows for them: a start date and a
 * stated regime, a statement given by its display name, "RI" for Requires improvement, no evidence list when scores
 * are recorded, and recorded scores as a map. Each mistake gives one exact, positioned message.
 */
class FixtureFrictionTest {
    @TempDir static Path tmp;

    static final String ITEM = LoaderErrorsTest.ITEM;
    static final String TRUST_STATEMENTS = "[shared-direction-and-culture, capable-compassionate-and-inclusive-leaders, "
            + "freedom-to-speak-up, workforce-equality-diversity-and-inclusion, governance-management-and-sustainability, "
            + "partnerships-and-communities, learning-improvement-and-innovation, environmental-sustainability]";
    static final String RATINGS = "[outstanding, good, requires-improvement, inadequate] or "
            + "[Outstanding, Good, Requires improvement, Inadequate]";

    /** A trust well-led fixture dated 2025-01-01; {@code extra} is added to the envelope, {@code items} to the evidence. */
    static String doc(String extra, String items) {
        return LoaderErrorsTest.doc(extra, items);
    }

    /** The same fixture with no "evidence" field at all. */
    static String withoutEvidence(String extra) {
        return "{\"assessment\": {\"provider\": \"P\", \"serviceType\": \"nhs-trust\", \"scope\": \"nhs-trust-well-led\","
                + " \"assessmentDate\": \"2025-01-01\"" + extra + "}}";
    }

    static Path write(String json) throws Exception {
        Path f = tmp.resolve("evidence-" + Integer.toHexString(json.hashCode()) + ".json");
        Files.writeString(f, json);
        return f;
    }

    static EvidenceLoader loader() throws Exception {
        return new EvidenceLoader(Framework.load(Path.of("rules")));
    }

    static LoadedAssessment load(String json) throws Exception {
        return loader().load(write(json));
    }

    static String problem(String json) throws Exception {
        Path f = write(json);
        var loader = loader();
        var e = catchThrowableOfType(InvalidInputException.class, () -> loader.load(f));
        assertThat(e).as("expected the loader to refuse:\n" + json).isNotNull();
        assertThat(e.problems()).extracting(Problem::message).hasSize(1);
        Problem p = e.problems().get(0);
        return p.line() + ":" + p.column() + ": " + p.message();
    }

    static <T> List<T> facts(LoadedAssessment a, Class<T> type) {
        return a.facts().stream().filter(type::isInstance).map(type::cast).toList();
    }

    // 1. The start date and the stated regime.

    @Test
    void theStartDateAndTheRegimeReachTheAssessmentFact() throws Exception {
        var a = load(doc(", \"assessmentStart\": \"2024-11-20\", \"regime\": \"evidence-category\"", ITEM)).assessment();
        assertThat(a.startDate()).isEqualTo(LocalDate.of(2024, 11, 20));
        assertThat(a.regime()).isEqualTo("evidence-category");
        assertThat(facts(load(doc(", \"regime\": \"statement\"", ITEM)), Assessment.class))
                .singleElement().satisfies(x -> {
                    assertThat(x.regime()).isEqualTo("statement");
                    assertThat(x.startDate()).isNull();
                });
    }

    @Test
    void withoutThemTheAssessmentFactHasNeither() throws Exception {
        var a = load(doc("", ITEM)).assessment();
        assertThat(a.startDate()).isNull();
        assertThat(a.regime()).isNull();
    }

    @Test
    void aStartOnTheAssessmentDateIsAllowed() throws Exception {
        assertThat(load(doc(", \"assessmentStart\": \"2025-01-01\"", ITEM)).assessment().startDate())
                .isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            start not a date           | , "assessmentStart": "2024-13-01"   | 1:144: expected a date as YYYY-MM-DD, found "2024-13-01"
            start not as YYYY-MM-DD    | , "assessmentStart": "20/11/2024"   | 1:144: expected a date as YYYY-MM-DD, found "20/11/2024"
            start after the assessment | , "assessmentStart": "2025-02-01"   | 1:144: the assessment start date 2025-02-01 is after the assessment date 2025-01-01; expected a date on or before it
            start in the future        | , "assessmentStart": "2999-01-01"   | 1:144: the assessment start date 2999-01-01 is in the future; expected a date on or before today
            unknown regime             | , "regime": "statements"            | 1:135: unknown regime 'statements'; expected one of [statement, evidence-category]
            regime by its old name     | , "regime": "evidence category"     | 1:135: unknown regime 'evidence category'; expected one of [statement, evidence-category]
            """)
    void startDateAndRegimeMistakes(String name, String extra, String expected) throws Exception {
        assertThat(problem(doc(extra, ITEM))).isEqualTo(expected);
    }

    // 2. A statement given by its display name, or misspelt, names the id it most likely meant.

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            display name in an item              | "statement": "Freedom to speak up"  | 3:27: unknown statement 'Freedom to speak up'; did you mean 'freedom-to-speak-up'? expected one of TRUST
            display name in another letter case  | "statement": "FREEDOM TO SPEAK UP"  | 3:27: unknown statement 'FREEDOM TO SPEAK UP'; did you mean 'freedom-to-speak-up'? expected one of TRUST
            misspelt id in an item               | "statement": "freedom-to-speek-up"  | 3:27: unknown statement 'freedom-to-speek-up'; did you mean 'freedom-to-speak-up'? expected one of TRUST
            name of another key question's statement | "statement": "Safeguarding"     | 3:27: unknown statement 'Safeguarding'; did you mean 'safeguarding'? expected one of TRUST
            nothing near                         | "statement": "leadership"           | 3:27: unknown statement 'leadership'; expected one of TRUST
            """)
    void statementNamesInItems(String name, String statement, String expected) throws Exception {
        String item = ITEM.replace("\"statement\": \"freedom-to-speak-up\"", statement.strip());
        assertThat(problem(doc("", item))).isEqualTo(expected.replace("TRUST", TRUST_STATEMENTS));
    }

    @Test
    void aStatementNamePunctuatedDifferentlyStillFindsItsId() throws Exception {
        assertThat(problem(doc("", ITEM.replace("\"statement\": \"freedom-to-speak-up\"",
                "\"statement\": \"Governance, management & sustainability\"")))).isEqualTo(
                "3:27: unknown statement 'Governance, management & sustainability'; did you mean "
                        + "'governance-management-and-sustainability'? expected one of " + TRUST_STATEMENTS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a misspelt id                     | safe-enviroment   | did you mean 'safe-environments'?
            the start of two ids              | learning          | did you mean 'learning-culture' or 'learning-improvement-and-innovation'?
            the start of more than three ids  | safe              | did you mean 'safe-systems-pathways-and-transitions', 'safeguarding' or 'safe-environments'?
            the start of an id, misspelt      | governence        | did you mean 'governance-management-and-sustainability'?
            a nearer id before a longer one   | equity-in-acces   | did you mean 'equity-in-access'?
            """)
    void nearIdsAreNamedNearestFirstAtMostThree(String name, String given, String hint) throws Exception {
        assertThat(problem(doc("", ITEM.replace("\"statement\": \"freedom-to-speak-up\"",
                "\"statement\": \"" + given + "\"")))).isEqualTo(
                "3:27: unknown statement '" + given + "'; " + hint + " expected one of " + TRUST_STATEMENTS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            in statementsInScope     | , "statementsInScope": ["freedom-to-speak-up", "Freedom to speak up"]                          | 1:170: unknown statement 'Freedom to speak up'; did you mean 'freedom-to-speak-up'? expected a statement id from the framework
            in recordedScores        | , "recordedScores": [{"statement": "Freedom to speak up", "score": 2, "reason": "r", "by": "b"}] | 1:158: unknown statement 'Freedom to speak up'; did you mean 'freedom-to-speak-up'? expected one of TRUST
            misspelt in recordedScores | , "recordedScores": [{"statement": "freedom-to-speak", "score": 2, "reason": "r", "by": "b"}]  | 1:158: unknown statement 'freedom-to-speak'; did you mean 'freedom-to-speak-up'? expected one of TRUST
            in recordedScoresByStatement | , "recordedScoresByStatement": {"Freedom to speak up": 2}, "recordedScoresReason": "r", "recordedScoresBy": "b" | 1:178: unknown statement 'Freedom to speak up'; did you mean 'freedom-to-speak-up'? expected one of TRUST
            """)
    void statementNamesInTheEnvelope(String name, String extra, String expected) throws Exception {
        assertThat(problem(doc(extra, ITEM))).isEqualTo(expected.replace("TRUST", TRUST_STATEMENTS));
    }

    @Test
    void aKnownStatementOutsideTheScopeIsStillReportedAsOutsideTheScope() throws Exception {
        assertThat(problem(doc(", \"recordedScores\": [{\"statement\": \"safeguarding\", \"score\": 2, \"reason\": \"r\","
                + " \"by\": \"b\"}]", ITEM))).isEqualTo("1:158: statement 'safeguarding' is not in this assessment's "
                + "scope; expected one of " + TRUST_STATEMENTS);
    }

    // 3. Ratings by id, name or "RI"; an unknown one lists ids and names.

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            requires-improvement | Requires improvement
            Requires improvement | Requires improvement
            REQUIRES IMPROVEMENT | Requires improvement
            RI                   | Requires improvement
            ri                   | Requires improvement
            Ri                   | Requires improvement
            good                 | Good
            GOOD                 | Good
            inadequate           | Inadequate
            """)
    void ratingsByIdNameOrRI(String given, String name) throws Exception {
        var a = load(doc(", \"previousRatings\": [{\"keyQuestion\": \"safe\", \"rating\": \"" + given + "\"}],"
                + " \"recordedRatings\": [{\"keyQuestion\": \"well-led\", \"rating\": \"" + given + "\", \"reason\": \"r\","
                + " \"by\": \"b\"}]", ITEM));
        assertThat(facts(a, PreviousRating.class)).extracting(PreviousRating::rating).containsExactly(name);
        assertThat(facts(a, RecordedRating.class)).extracting(RecordedRating::rating).containsExactly(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Great
            O
            G
            I
            R
            RI.
            requires improvment
            """)
    void ambiguousOrUnknownRatingsAreRefusedListingIdsAndNames(String given) throws Exception {
        assertThat(problem(doc(", \"previousRatings\": [{\"keyQuestion\": \"safe\", \"rating\": \"" + given + "\"}]",
                ITEM))).isEqualTo("1:179: unknown rating \"" + given + "\"; expected one of " + RATINGS);
    }

    // 4. "evidence" may be left out when the envelope records scores or previous ratings.

    @Test
    void noEvidenceFieldWithRecordedScoresLoads() throws Exception {
        var a = load(withoutEvidence(", \"recordedScores\": [{\"statement\": \"freedom-to-speak-up\", \"score\": 2,"
                + " \"reason\": \"r\", \"by\": \"b\"}]"));
        assertThat(a.items()).isEmpty();
        assertThat(facts(a, RecordedScore.class)).hasSize(1);
    }

    @Test
    void noEvidenceFieldWithPreviousRatingsLoads() throws Exception {
        var a = load(withoutEvidence(", \"previousRatings\": [{\"keyQuestion\": \"safe\", \"rating\": \"Good\"}]"));
        assertThat(a.items()).isEmpty();
        assertThat(facts(a, PreviousRating.class)).hasSize(1);
    }

    @Test
    void noEvidenceFieldWithCompactScoresLoads() throws Exception {
        assertThat(load(withoutEvidence(", \"recordedScoresByStatement\": {\"freedom-to-speak-up\": 3},"
                + " \"recordedScoresReason\": \"r\", \"recordedScoresBy\": \"b\"")).items()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing at all                   | ''
            only a recorded rating           | , "recordedRatings": [{"keyQuestion": "well-led", "rating": "Good", "reason": "r", "by": "b"}]
            only a breach                    | , "breaches": [{"keyQuestion": "well-led", "regulation": "Regulation 17", "description": "d"}]
            an empty map of recorded scores  | , "recordedScoresByStatement": {}, "recordedScoresReason": "r", "recordedScoresBy": "b"
            """)
    void noEvidenceFieldAndNothingElseToEvaluateIsRefused(String name, String extra) throws Exception {
        assertThat(problem(withoutEvidence(extra))).isEqualTo("1:1: the fixture has no evidence, no recorded scores and "
                + "no previous ratings, so there is nothing to evaluate; expected at least one evidence item");
    }

    // 6. Recorded scores as a map, with one reason and one author.

    static final String COMPACT = ", \"recordedScoresByStatement\": {\"freedom-to-speak-up\": 2, \"governance-management-and-sustainability\": 3},"
            + " \"recordedScoresReason\": \"synthetic: set by hand\", \"recordedScoresBy\": \"Assessor test author\"";

    @Test
    void compactRecordedScoresBecomeRecordedScoresWithTheSharedReason() throws Exception {
        var a = load(doc(COMPACT, ITEM));
        assertThat(facts(a, RecordedScore.class)).containsExactly(
                new RecordedScore("freedom-to-speak-up", 2, "synthetic: set by hand", "Assessor test author"),
                new RecordedScore("governance-management-and-sustainability", 3, "synthetic: set by hand",
                        "Assessor test author"));
    }

    @Test
    void bothFormsTogetherLoad() throws Exception {
        var a = load(doc(COMPACT + ", \"recordedScores\": [{\"statement\": \"partnerships-and-communities\", \"score\": 4,"
                + " \"reason\": \"r\", \"by\": \"b\"}]", ITEM));
        assertThat(facts(a, RecordedScore.class)).extracting(RecordedScore::statement).containsExactlyInAnyOrder(
                "freedom-to-speak-up", "governance-management-and-sustainability", "partnerships-and-communities");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            score of 5                | {"freedom-to-speak-up": 5}                          | , "recordedScoresReason": "r", "recordedScoresBy": "b" | 1:178: expected a score from 1 to 4, found 5
            statement out of scope    | {"freedom-to-speak-up": 2, "safeguarding": 2}       | , "recordedScoresReason": "r", "recordedScoresBy": "b" | 1:197: statement 'safeguarding' is not in this assessment's scope; expected one of TRUST
            score of null             | {"freedom-to-speak-up": null}                       | , "recordedScoresReason": "r", "recordedScoresBy": "b" | 1:178: expected a score from 1 to 4, found null
            score not a whole number  | {"freedom-to-speak-up": 2.5}                        | , "recordedScoresReason": "r", "recordedScoresBy": "b" | 1:178: expected a whole number for 'assessment.recordedScoresByStatement.freedom-to-speak-up', found 2.5
            score as text             | {"freedom-to-speak-up": "2"}                        | , "recordedScoresReason": "r", "recordedScoresBy": "b" | 1:178: expected a whole number for 'assessment.recordedScoresByStatement.freedom-to-speak-up', found a string
            statement twice           | {"freedom-to-speak-up": 2, "freedom-to-speak-up": 3} | , "recordedScoresReason": "r", "recordedScoresBy": "b" | 1:202: duplicate field 'freedom-to-speak-up'; each field may appear once
            no reason                 | {"freedom-to-speak-up": 2}                          | , "recordedScoresBy": "b"                              | 1:154: missing field 'recordedScoresReason' in 'assessment'; 'recordedScoresByStatement' needs it (one reason for all the scores)
            no author                 | {"freedom-to-speak-up": 2}                          | , "recordedScoresReason": "r"                          | 1:154: missing field 'recordedScoresBy' in 'assessment'; 'recordedScoresByStatement' needs it (who recorded the scores)
            blank reason              | {"freedom-to-speak-up": 2}                          | , "recordedScoresReason": " ", "recordedScoresBy": "b" | 1:206: expected some text, found an empty string
            not a map                 | [{"freedom-to-speak-up": 2}]                        | , "recordedScoresReason": "r", "recordedScoresBy": "b" | 1:154: expected an object for 'assessment.recordedScoresByStatement', found a list
            """)
    void compactRecordedScoreMistakes(String name, String map, String rest, String expected) throws Exception {
        String extra = ", \"recordedScoresByStatement\": " + map.strip() + rest.strip();
        assertThat(problem(doc(extra, ITEM))).isEqualTo(expected.replace("TRUST", TRUST_STATEMENTS));
    }

    @Test
    void aStatementScoredInBothFormsIsScoredTwice() throws Exception {
        assertThat(problem(doc(", \"recordedScores\": [{\"statement\": \"freedom-to-speak-up\", \"score\": 2,"
                + " \"reason\": \"r\", \"by\": \"b\"}], \"recordedScoresByStatement\": {\"freedom-to-speak-up\": 3},"
                + " \"recordedScoresReason\": \"r\", \"recordedScoresBy\": \"b\"", ITEM)))
                .isEqualTo("1:274: statement 'freedom-to-speak-up' has two recorded scores");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a reason without the map  | , "recordedScoresReason": "r" | 1:149: 'recordedScoresReason' is given without 'recordedScoresByStatement'; give the scores it applies to there, or leave it out
            an author without the map | , "recordedScoresBy": "b"     | 1:145: 'recordedScoresBy' is given without 'recordedScoresByStatement'; give the scores it applies to there, or leave it out
            """)
    void compactFieldsWithoutTheMap(String name, String extra, String expected) throws Exception {
        assertThat(problem(doc(extra, ITEM))).isEqualTo(expected);
    }
}
