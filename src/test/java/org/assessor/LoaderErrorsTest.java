package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.ruleset.Framework;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of bad fixture gives one exact, positioned message; nothing is evaluated. */
class LoaderErrorsTest {
    @TempDir static Path tmp;

    static final String ITEM = """
            {"id": "e1", "statement": "freedom-to-speak-up", "category": "processes",
             "source": {"document": "d", "section": "s", "quote": "q"},
             "metric": {"measure": "nhs-staff-survey.speak-up-safe", "value": 50, "unit": "percent", "period": "2023",
                        "benchmarks": [{"kind": "national-average", "value": 50, "label": "national average"}]}}""";

    static String doc(String assessmentExtra, String items) {
        return "{\"assessment\": {\"provider\": \"P\", \"serviceType\": \"nhs-trust\", \"scope\": \"nhs-trust-well-led\","
                + " \"assessmentDate\": \"2025-01-01\"" + assessmentExtra + "},\n\"evidence\": [\n" + items + "\n]}";
    }

    static String problem(String json) throws Exception {
        Path f = tmp.resolve("evidence-" + Integer.toHexString(json.hashCode()) + ".json");
        Files.writeString(f, json);
        var loader = new EvidenceLoader(Framework.load(Path.of("rules")));
        var e = catchThrowableOfType(InvalidInputException.class, () -> loader.load(f));
        assertThat(e).as("expected the loader to refuse:\n" + json).isNotNull();
        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        return p.line() + ":" + p.column() + ": " + p.message();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty file            | 1:1: the file is empty; expected a JSON object
            not JSON              | 1:5: not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            truncated JSON        | 1:27: the JSON ends too early (is the file truncated?): Unexpected end-of-input within/between Object entries
            """)
    void malformedFiles(String name, String expected) throws Exception {
        String json = switch (name) {
            case "empty file" -> "  \n";
            case "not JSON" -> "not json";
            default -> "{\"assessment\": {\"provider\"";
        };
        assertThat(problem(json)).isEqualTo(expected);
    }

    /** Jackson notices an unknown field of a record only at the object's end; the problem names the field's own line. */
    @org.junit.jupiter.api.Test
    void anUnknownFieldIsPlacedAtItsNameNotAtTheEndOfItsObject() throws Exception {
        String json = doc(", \"regime\": \"statement\"", ITEM).replace("\"provider\"", "\n  \"provder\": \"x\",\n  \"provider\"");
        assertThat(problem(json)).startsWith("2:3: unknown field 'provder' in 'assessment'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            duplicate key              | , "scope": "x"                                     | 1:132: duplicate field 'scope'; each field may appear once
            unknown field              | , "provder": "x"                                   | 1:125: unknown field 'provder' in 'assessment'; expected one of [assessmentDate, assessmentStart, breaches, framework, previousRatings, provider, recordedRatings, recordedScores, recordedScoresBy, recordedScoresByStatement, recordedScoresReason, regime, scope, serviceType, statementsInScope, suggested]
            unknown statement in scope | , "statementsInScope": ["freedom-to-speak-up", "freedom-to-speak"] | 1:170: unknown statement 'freedom-to-speak'; did you mean 'freedom-to-speak-up'? expected a statement id from the framework
            score of 5                 | , "recordedScores": [{"statement": "freedom-to-speak-up", "score": 5, "reason": "r", "by": "b"}] | 1:190: expected a score from 1 to 4, found 5
            score not a whole number   | , "recordedScores": [{"statement": "freedom-to-speak-up", "score": 2.5, "reason": "r", "by": "b"}] | 1:190: expected a whole number for 'assessment.recordedScores[0].score', found 2.5
            unknown rating             | , "previousRatings": [{"keyQuestion": "safe", "rating": "Great"}] | 1:179: unknown rating "Great"; expected one of [outstanding, good, requires-improvement, inadequate] or [Outstanding, Good, Requires improvement, Inadequate]
            """)
    void envelopeMistakes(String name, String extra, String expected) throws Exception {
        assertThat(problem(doc(extra, ITEM))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing field          | "id": "e1",                      | "ID": "e1",                       | 3:2: unknown field 'ID' in 'evidence[0]'; expected one of [category, id, metric, observation, source, statement, suggested]
            mistyped value         | "value": 50, "unit"              | "value": "fifty", "unit"          | 5:67: expected a number for 'evidence[0].metric.value', found a string
            negative percentage    | "value": 50, "unit"              | "value": -3, "unit"               | 5:67: expected a number of 0 or more, found -3.0
            percentage over 100    | "value": 50, "unit"              | "value": 130, "unit"              | 5:67: expected a percentage from 0 to 100, found 130.0
            a benchmark too fine   | "value": 50, "unit"              | "value": 4.9e-324, "unit"         | 5:67: expected a number with at most 6 decimal places, found 4.9E-324 (a measured value or benchmark is never that fine)
            unknown category       | "category": "process"            | "category": "proces"              | 3:62: unknown evidence category 'proces'; expected one of [people-experience, staff-and-leaders-feedback, partners-feedback, observation, processes, outcomes]
            unknown measure        | "nhs-staff-survey.speak-up-safe" | "staff-survey.safe"               | 5:24: unknown measure 'staff-survey.safe'; add it to rules/framework/measures.json, use a listed id, or leave out "measure" and give "name" and "better" for a measure the catalogue lacks
            wrong unit             | "unit": "percent"                | "unit": "count"                   | 5:79: measure 'nhs-staff-survey.speak-up-safe' is in percent, found unit "count"
            unknown benchmark kind | "kind": "national-average"       | "kind": "national"                | 6:37: unknown benchmark kind "national"; expected one of [national-average, peer-average, target, previous, organisation-average, parity, out-of]
            statement out of scope | "freedom-to-speak-up"            | "safeguarding"                    | 3:27: statement 'safeguarding' is not in this assessment's scope; expected one of [shared-direction-and-culture, capable-compassionate-and-inclusive-leaders, freedom-to-speak-up, workforce-equality-diversity-and-inclusion, governance-management-and-sustainability, partnerships-and-communities, learning-improvement-and-innovation, environmental-sustainability]
            null quote             | "quote": "q"                     | "quote": null                     | 4:55: field 'quote' is null; expected a string
            """)
    void itemMistakes(String name, String from, String to, String expected) throws Exception {
        String item = ITEM.replace(from.strip(), to.strip());
        if (name.equals("missing field")) item = ITEM.replace("\"id\": \"e1\",", "");
        if (name.equals("unknown category")) item = ITEM.replace("\"category\": \"processes\"", "\"category\": \"proces\"");
        String got = problem(doc("", item));
        if (name.equals("missing field")) {
            assertThat(got).isEqualTo("3:1: missing field 'id' in 'evidence[0]'");
        } else {
            assertThat(got).isEqualTo(expected);
        }
    }

    @org.junit.jupiter.api.Test
    void evidenceIdUsedTwice() throws Exception {
        assertThat(problem(doc("", ITEM + ",\n" + ITEM))).isEqualTo(
                "7:8: evidence id 'e1' is used twice; ids must be unique");
    }

    @org.junit.jupiter.api.Test
    void futureDate() throws Exception {
        assertThat(problem(doc("", ITEM).replace("2025-01-01", "2999-01-01"))).isEqualTo(
                "1:111: the assessment date 2999-01-01 is in the future; expected a date on or before today");
    }

    @org.junit.jupiter.api.Test
    void noEvidenceAtAll() throws Exception {
        assertThat(problem(doc("", ""))).isEqualTo(
                "2:13: the fixture has no evidence, no recorded scores and no previous ratings, so there is nothing "
                        + "to evaluate; expected at least one evidence item");
    }

    @org.junit.jupiter.api.Test
    void bothMetricAndObservation() throws Exception {
        String item = ITEM.replace("\"metric\":", "\"observation\": {\"theme\": \"t\", \"direction\": \"positive\","
                + " \"kind\": \"outcome\", \"impact\": \"low\", \"who\": \"staff\"}, \"metric\":");
        assertThat(problem(doc("", item))).isEqualTo(
                "3:1: evidence 'e1' must have exactly one of 'metric' or 'observation'; found both");
    }

    @org.junit.jupiter.api.Test
    void notANumber() throws Exception {
        assertThat(problem(doc("", ITEM.replace("\"value\": 50, \"unit\"", "\"value\": NaN, \"unit\"")))).isEqualTo(
                "5:70: expected a finite number, found NaN (JSON has no such number)");
    }

    @org.junit.jupiter.api.Test
    void unknownScope() throws Exception {
        assertThat(problem(doc("", ITEM).replace("\"nhs-trust-well-led\"", "\"trust\""))).isEqualTo(
                "1:71: unknown scope 'trust'; expected one of [nhs-trust-well-led, service-well-led, location]");
    }

    @org.junit.jupiter.api.Test
    void aFileOverTheSizeLimitIsRefusedWithTheLimit() throws Exception {
        Path f = tmp.resolve("huge.json");
        byte[] padding = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(padding, (byte) ' ');
        Files.write(f, padding);
        var loader = new EvidenceLoader(Framework.load(Path.of("rules")));
        var e = catchThrowableOfType(InvalidInputException.class, () -> loader.load(f));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                f + ": the file is 52428800 bytes; the largest input read is 20971520 bytes (20 MiB)");
    }

    static String items(int n) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) items.append(",\n");
            items.append("{\"id\":\"e").append(i).append("\",\"statement\":\"freedom-to-speak-up\",\"category\":\"processes\","
                    + "\"source\":{\"document\":\"d\",\"section\":\"s\",\"quote\":\"q\"},\"observation\":{\"theme\":\"t\","
                    + "\"direction\":\"positive\",\"kind\":\"outcome\",\"impact\":\"low\",\"who\":\"staff\"}}");
        }
        return items.toString();
    }

    @org.junit.jupiter.api.Test
    void oneItemOverTheItemLimitIsRefusedWithTheLimit() throws Exception {
        assertThat(problem(doc("", items(10_001)))).isEqualTo("2:13: the fixture has 10001 evidence items; the most one "
                + "fixture may hold is 10000 (split it into several assessments)");
    }

    @org.junit.jupiter.api.Test
    void aHundredThousandItemsAreRefusedWithAStatedLimitNotAnOutOfMemoryError() throws Exception {
        String p = problem(doc("", items(100_000)));
        assertThat(p).satisfiesAnyOf(
                m -> assertThat(m).contains("the largest input read is 20971520 bytes (20 MiB)"),
                m -> assertThat(m).contains("the most one fixture may hold is 10000"));
    }

    static final String OBSERVATION = """
            {"id": "o1", "statement": "freedom-to-speak-up", "category": "staff-and-leaders-feedback",
             "source": {"document": "d", "section": "s", "quote": "Many staff said they feared speaking up."},
             "observation": {"theme": "fear", "direction": "negative", "kind": "experience", "extent": "widespread",
                             "cue": "Many staff", "impact": "high", "who": "staff"}}""";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cue not in the quote     | "cue": "Many staff"                           | "cue": "most staff"               | 6:25: the cue "most staff" does not occur in the quote; copy the words exactly as the quote has them
            extent without a cue     | , "cue": "Many staff"                         | ,                                 | 5:92: extent "widespread" has no cue; give the words of the quote that show its reach as "cue", or leave extent out (read as some)
            cue without an extent    | "extent": "widespread",                       | ,                                 | 6:25: a cue without an extent; give the extent the cue justifies, one of [isolated, some, widespread], or leave both out
            unknown kind             | "kind": "experience"                          | "kind": "feeling"                 | 5:68: unknown kind "feeling"; expected one of [arrangement, outcome, experience]
            unknown impact           | "impact": "high"                              | "impact": "severe"                | 6:49: unknown impact "severe"; expected one of [high, moderate, low]
            category not with who    | "category": "staff-and-leaders-feedback"      | "category": "processes"           | 3:62: evidence category 'processes' does not go with who [staff]: what staff said or saw is filed under [staff-and-leaders-feedback] (docs/coding-guide.md, 'category follows from who')
            a speaker named twice    | "who": "staff"                                | "who": ["staff", "staff"]         | 6:74: who 'staff' is named twice; name each kind of speaker once
            an unknown speaker       | "who": "staff"                                | "who": ["staff", "patients"]      | 6:74: unknown who "patients"; expected one of [people, carers, staff, leaders, governors, partners, inspectors, regulators, auditors]
            """)
    void observationCodingMistakes(String name, String from, String to, String expected) throws Exception {
        String item = OBSERVATION.replace(from.strip(), to.strip());
        if (name.equals("extent without a cue")) item = OBSERVATION.replace("\"cue\": \"Many staff\", ", "");
        if (name.equals("cue without an extent")) item = OBSERVATION.replace("\"extent\": \"widespread\",", "");
        assertThat(problem(doc("", item))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            catalogued with a name    | "measure": "nhs-staff-survey.speak-up-safe",  | "measure": "nhs-staff-survey.speak-up-safe", "name": "x", | 5:66: a metric of a catalogued measure takes its name and better direction from the catalogue; leave out "name" and "better", or leave out "measure" for a measure the catalogue lacks
            neither measure nor name  | "measure": "nhs-staff-survey.speak-up-safe",  | ,                                 | 5:12: a metric names its "measure" from the catalogue, or, for a measure the catalogue lacks, gives "name" (what was measured) and "better" ("higher" or "lower"); found neither
            better not higher/lower   | "measure": "nhs-staff-survey.speak-up-safe",  | "name": "carers who find time for themselves", "better": "more", | 5:70: a measure the catalogue lacks needs "better": "higher" or "lower" (which way is better for people); found "more"
            """)
    void metricMeasureMistakes(String name, String from, String to, String expected) throws Exception {
        String item = ITEM.replace(from.strip(), to.strip().equals(",") ? "" : to.strip());
        assertThat(problem(doc("", item))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aMeasureTheCatalogueLacksIsJudgedAgainstItsBenchmark() throws Exception {
        Path f = tmp.resolve("named.json");
        Files.writeString(f, doc("", ITEM.replace("\"measure\": \"nhs-staff-survey.speak-up-safe\",",
                "\"name\": \"carers who find time for themselves\", \"better\": \"higher\",")));
        var loaded = new EvidenceLoader(Framework.load(Path.of("rules"))).load(f);
        assertThat(loaded.facts()).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(
                org.assessor.facts.Metric.class, m -> {
                    assertThat(m.measure()).isEmpty();
                    assertThat(m.topic()).isEqualTo("carers who find time for themselves");
                    assertThat(m.better()).isEqualTo("higher");
                }));
    }

    @org.junit.jupiter.api.Test
    void anObservationWithoutABreadthWordLoadsAsSome() throws Exception {
        Path f = tmp.resolve("no-breadth.json");
        Files.writeString(f, doc("", OBSERVATION.replace("\"extent\": \"widespread\",", "")
                .replace("\"cue\": \"Many staff\", ", "")));
        var loaded = new EvidenceLoader(Framework.load(Path.of("rules"))).load(f);
        assertThat(loaded.facts()).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(
                org.assessor.facts.Observation.class, x -> {
                    assertThat(x.extent()).isEqualTo("some");
                    assertThat(x.cue()).isNull();
                }));
    }

    @org.junit.jupiter.api.Test
    void aControlCharacterInTextIsRefusedByItsCodePoint() throws Exception {
        String item = ITEM.replace("\"quote\": \"q\"", "\"quote\": \"q\\u001b[2J\\r\\n  Well-led: 95\"");
        assertThat(problem(doc("", item))).isEqualTo("4:55: the text has a control character U+001B at character 2; "
                + "expected one line of printable text (join lines with a space; reports would print it raw)");
    }

    @org.junit.jupiter.api.Test
    void aNumberTooLongForTheParserIsPlaced() throws Exception {
        assertThat(problem("{\"assessment\": {\"provider\": " + "1".repeat(2000) + "}}"))
                .isEqualTo("1:29: a number with more than 1000 digits; expected a number of at most 1000 digits");
    }

    @org.junit.jupiter.api.Test
    void aControlCharacterInAFieldNameIsShownEscapedInTheMessage() throws Exception {
        String got = problem(doc(", \"pro\\u001b[2Jvider\": \"x\"", ITEM));
        assertThat(got).contains("unknown field 'pro\\u001B[2Jvider'").doesNotContain("\u001b");
    }
}
