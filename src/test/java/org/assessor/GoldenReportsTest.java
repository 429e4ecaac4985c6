package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The seed's reports, and a council's, byte for byte, against golden files: every change of wording or of a number is a
 * reviewed diff, in a provider's words and in a council's.
 * Golden files hold no timings or absolute paths, JSON keys are sorted, and the two digests (which change with any
 * edit of a rule or the fixture) are masked. Regenerate only on purpose:
 * {@code mvn -B test -Dtest=GoldenReportsTest -Dgolden.update=true}, then read the diff before committing.
 */
class GoldenReportsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/cpft-well-led-2025");
    private static final String SEED = "fixtures/cpft-well-led-2025";
    private static final Path COUNCIL_GOLDEN = Path.of("src/test/resources/golden/ashvale-2025");
    private static final String COUNCIL = "fixtures/local-authority/ashvale-2025";
    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    @Test
    void theSeedsTextReport() throws Exception {
        matches("evaluate.txt", run("evaluate", SEED));
    }

    @Test
    void aCouncilsTextReportExplanationAndHtmlReport() throws Exception {
        matches(COUNCIL_GOLDEN, "evaluate.txt", runFor(COUNCIL, "evaluate", COUNCIL));
        matches(COUNCIL_GOLDEN, "explain.txt", runFor(COUNCIL, "explain", COUNCIL));
        matches(COUNCIL_GOLDEN, "report.html", runFor(COUNCIL, "explain", COUNCIL, "--format", "html"));
    }

    @Test
    void theSeedsJsonResult() throws Exception {
        String json = run("evaluate", SEED, "--format", "json");
        Object tree = SORTED.readValue(json, Object.class);
        matches("evaluate.json", SORTED.writeValueAsString(tree) + "\n");
    }

    @Test
    void theSeedsExplanationAndHtmlReport() throws Exception {
        matches("explain.txt", run("explain", SEED));
        matches("report.html", run("explain", SEED, "--format", "html"));
    }

    private static String run(String... args) throws Exception {
        return runFor(SEED, args);
    }

    /** The command's output with the digests of {@code fixture} and the rules masked. */
    private static String runFor(String fixture, String... args) throws Exception {
        var r = TestSupport.cli(args);
        assertThat(r.code()).as(r.err()).isZero();
        var json = TestSupport.cli("evaluate", fixture, "--format", "json");
        var provenance = new ObjectMapper().readTree(json.out()).path("provenance");
        return mask(mask(r.out(), provenance.path("rulesDigest").asText(), "<rules-sha256>"),
                provenance.path("fixtureDigest").asText(), "<fixture-sha256>");
    }

    /** Replaces a digest, whole or as the 12-character prefix a text report prints, with a placeholder. */
    private static String mask(String text, String digest, String placeholder) {
        return text.replace(digest, placeholder).replace(digest.substring(0, 12), placeholder);
    }

    private static void matches(String name, String actual) throws Exception {
        matches(GOLDEN, name, actual);
    }

    private static void matches(Path golden, String name, String actual) throws Exception {
        Path file = golden.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s is missing; create it with -Dgolden.update=true", file).exists();
        assertThat(actual).as("%s differs from its golden file (regenerate on purpose with -Dgolden.update=true and "
                + "review the diff)", name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
