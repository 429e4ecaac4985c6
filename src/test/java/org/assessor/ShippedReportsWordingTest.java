package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.evidence.Fixtures;
import org.assessor.explain.Explanation;
import org.assessor.explain.Explanations;
import org.assessor.report.ExplainReporter;
import org.assessor.report.HtmlReporter;
import org.assessor.report.TextReporter;
import org.assessor.result.Assessor;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.RuleSetCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped fixture under fixtures/ (both frameworks), as a reader gets it: the text report, the explanation and
 * the HTML report, each with what would change it. None writes a number with more than two decimals, and none uses
 * another framework's word for its grouping level ("key question" in a council's report, "theme" in a provider's).
 * The fixture's own text (quotes, sections, observation themes, cue words, names) is set aside first: those are the
 * evidence's words, not the report's. In the HTML the style sheet and the identifiers (class, id, href) are set aside
 * too: no reader reads them.
 */
class ShippedReportsWordingTest {
    private static final Path RULES = Path.of("rules");
    private static final Pattern MORE_THAN_TWO_DECIMALS = Pattern.compile("\\d\\.\\d{3,}");
    private static Assessor assessor;
    /** Each framework's grouping words, singular and plural, by framework id. */
    private static final java.util.Map<String, List<String>> WORDS = new java.util.TreeMap<>();

    @BeforeAll
    static void compile() throws Exception {
        assessor = new Assessor(new RuleSetCompiler().compile(RULES), 100_000, true);
        Framework provider = Framework.load(RULES);
        for (String id : provider.knownFrameworks()) {
            Framework f = Framework.load(RULES, id);
            WORDS.put(f.id(), List.of(f.groupingTerm(), f.groupingTermPlural()));
        }
    }

    @Test
    void theScanKnowsBothFrameworksWordsAndFindsWhatItLooksFor() {
        assertThat(forbidden("local-authority")).contains("key question");
        assertThat(forbidden("provider")).contains("theme");
        assertThat(problems("Well-led: 8 of 12 = 66.66666666666667%, shown as 67", "", List.of()))
                .containsExactly("a number with more than two decimals: 66.66666666666667");
        assertThat(problems("M-KQ-03 A Key-question in the Good band", "", forbidden("local-authority")))
                .containsExactly("the word 'Key-question'");
        assertThat(problems("no change of statement scores in this theme reaches another rating", "",
                forbidden("provider"))).containsExactly("the word 'theme'");
        // The fixture's own words are not the report's: a quote may say "theme" or give a figure as it was published.
        assertThat(problems("\"Staffing was a recurring theme, at 12.3456%.\"", "Staffing was a recurring theme, at 12.3456%.",
                forbidden("provider"))).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyShippedFixturesReportsWriteNumbersAsPeopleDoAndTheirFrameworksWords() throws Exception {
        List<Path> fixtures = Fixtures.under(Path.of("fixtures"));
        Set<String> frameworks = new TreeSet<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fixture : fixtures) {
            tests.add(DynamicTest.dynamicTest(fixture.toString(), () -> {
                Assessor a = assessor.forFixture(fixture);
                String framework = a.rules().framework().id();
                frameworks.add(framework);
                Explanation x = Explanations.withSensitivity(a, fixture, Explanations.of(a, fixture), null, null);
                String fixtureText = Files.readString(EvidenceLoader.evidenceFile(fixture));
                List<String> words = forbidden(framework);
                StringWriter text = new StringWriter();
                new TextReporter().render(x.result(), new PrintWriter(text));
                StringWriter explanation = new StringWriter();
                new ExplainReporter().render(x, new PrintWriter(explanation));
                StringWriter html = new StringWriter();
                HtmlReporter.withRegister(a.framework().register()).render(x, new PrintWriter(html));
                assertThat(problems(text.toString(), fixtureText, words)).as("text report").isEmpty();
                assertThat(problems(explanation.toString(), fixtureText, words)).as("explanation").isEmpty();
                assertThat(problems(readable(html.toString()), fixtureText, words)).as("HTML report").isEmpty();
            }));
        }
        tests.add(DynamicTest.dynamicTest("both frameworks were scanned", () -> {
            assertThat(fixtures).hasSizeGreaterThan(40);
            assertThat(frameworks).containsAll(WORDS.keySet());
        }));
        return tests.stream();
    }

    /** The other frameworks' grouping words (those that differ from this framework's own). */
    private static List<String> forbidden(String framework) {
        List<String> own = WORDS.get(framework);
        return WORDS.entrySet().stream().filter(e -> !e.getKey().equals(framework))
                .flatMap(e -> e.getValue().stream()).filter(w -> !own.contains(w)).distinct().toList();
    }

    /** What a report writes that it should not, after the fixture's own text is set aside. */
    static List<String> problems(String report, String fixtureJson, List<String> forbiddenWords) {
        String text = withoutFixtureText(report, fixtureJson);
        List<String> out = new ArrayList<>();
        Matcher m = MORE_THAN_TWO_DECIMALS.matcher(text);
        while (m.find()) {
            int start = m.start();
            while (start > 0 && Character.isDigit(text.charAt(start - 1))) start--;
            int end = m.end();
            while (end < text.length() && Character.isDigit(text.charAt(end))) end++;
            out.add("a number with more than two decimals: " + text.substring(start, end));
        }
        for (String word : forbiddenWords) {
            // A space in the word may also be written as a hyphen ("key-question ratings").
            Pattern p = Pattern.compile("(?i)\\b" + Pattern.quote(word).replace(" ", "\\E[ -]\\Q") + "\\b");
            Matcher w = p.matcher(text);
            while (w.find()) out.add("the word '" + w.group() + "'");
        }
        return out;
    }

    /** The report with every string of the fixture (longest first) replaced by a mark that joins no words. */
    private static String withoutFixtureText(String report, String fixtureJson) {
        if (fixtureJson.isEmpty()) return report;
        List<String> strings = new ArrayList<>();
        try {
            collect(new ObjectMapper().readTree(fixtureJson), strings);
        } catch (java.io.IOException e) {
            strings.add(fixtureJson);
        }
        strings.sort(Comparator.comparingInt(String::length).reversed());
        String out = report;
        for (String s : strings) if (s.length() >= 3) out = out.replace(s, " ¤ ");
        return out;
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isTextual()) into.add(node.asText());
        node.forEach(child -> collect(child, into));
    }

    /** The HTML as a reader meets it: no style sheet, no identifiers, entities decoded. */
    private static String readable(String html) {
        String s = html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("(?s)<script>.*?</script>", " ")
                .replaceAll("\\s(?:class|id|href|aria-labelledby|data-[a-z-]+)=\"[^\"]*\"", " ");
        Matcher m = Pattern.compile("&#(\\d+);").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1)))));
        m.appendTail(out);
        return out.toString().replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
