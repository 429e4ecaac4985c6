package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.RuleInfo;
import org.assessor.ruleset.RuleSetCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second framework as data: the local authority (Care Act) framework in rules/frameworks/local-authority/ is chosen
 * by the fixture's envelope, compiled into its own rule base, and a copy of it under another name works with no
 * rebuild. The expected numbers are the hand working in fixtures/local-authority/README.md.
 */
class FrameworksTest {
    @TempDir Path tmp;

    private static final Path RULES = Path.of("rules");
    private static final Path ASHVALE = Path.of("fixtures/local-authority/ashvale-2025");
    private static final String THEME_MEANS = "overall.aggregation.theme-means";

    private static List<Integer> scores(Result r) {
        return r.keyQuestions().stream().flatMap(k -> k.statements().stream()).map(Result.StatementView::score).toList();
    }

    @Test
    void aCouncilGivesItsHandWorkedPercentageAndRatingUnderBothAggregationSettings() throws Exception {
        Assessor assessor = new Assessor(RULES);

        Result equal = assessor.evaluate(ASHVALE);
        assertThat(equal.provenance().frameworkVersion()).isEqualTo("cqc-la-2023");
        assertThat(scores(equal)).containsExactly(2, 2, 2, 2, 2, 3, 2, 3, 3);
        assertThat(equal.overall().score().method()).isEqualTo("equal weights");
        assertThat(equal.overall().score().raw()).isCloseTo(100.0 * 21 / 36, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(equal.overall().score().shown()).isEqualTo(58);
        assertThat(equal.overall().rating()).isEqualTo("Requires improvement");
        assertThat(equal.overall().score().sentence()).startsWith("equal weights: 21 of 36 (9 statements × 4) = 58.33%, shown as 58");

        Result themes = assessor.withPolicy(Map.of(THEME_MEANS, "yes")).evaluate(ASHVALE);
        assertThat(scores(themes)).containsExactly(2, 2, 2, 2, 2, 3, 2, 3, 3);
        assertThat(themes.overall().score().method()).isEqualTo("theme means");
        assertThat(themes.overall().score().raw()).isEqualTo(59.375);
        assertThat(themes.overall().score().shown()).isEqualTo(59);
        assertThat(themes.overall().rating()).isEqualTo("Requires improvement");
        assertThat(themes.overall().score().sentence()).contains("the mean of the 4 themes' percentages (Working with people 50%");
    }

    @Test
    void theAggregationSettingCanMoveACouncilAcrossACutOff() throws Exception {
        Assessor assessor = new Assessor(RULES);
        Path fixture = Path.of("fixtures/local-authority/boundaries/aggregation-changes-the-band-equal-weights");
        assertThat(assessor.evaluate(fixture).overall().rating()).isEqualTo("Good");
        assertThat(assessor.withPolicy(Map.of(THEME_MEANS, "yes")).evaluate(fixture).overall().rating())
                .isEqualTo("Requires improvement");
    }

    @Test
    void providerStatementRulesNeverFireForACouncilAndTheProviderSeedDoesNotCompileTheCouncilRules() throws Exception {
        var council = new RuleSetCompiler().compile(RULES, "local-authority");
        assertThat(council.rules()).extracting(RuleInfo::file).noneMatch(f -> f.contains("well-led"))
                .anyMatch(f -> f.contains("frameworks/local-authority/"));
        assertThat(council.rules()).extracting(RuleInfo::id).contains("M-KQ-01", "EV-BM-01", "LA-OVR-01")
                .doesNotContain("WL-PAC-02", "WL-PAC-03", "WL-PAC-04");

        var provider = new RuleSetCompiler(null).compile(RULES);
        assertThat(provider.rules()).extracting(RuleInfo::file).noneMatch(f -> f.contains("frameworks/"));
        Assessor assessor = new Assessor(provider, 100_000, true);
        assessor.evaluate(Path.of("fixtures/cpft-well-led-2025"));
        assertThat(assessor.ruleSets()).hasSize(1);

        Result r = assessor.evaluate(ASHVALE);
        assertThat(assessor.ruleSets()).hasSize(2);
        assertThat(r.rulesFired().keySet()).noneMatch(id -> id.startsWith("WL-")).doesNotContain("M-OVR-02");
    }

    @Test
    void aFrameworkFolderCopiedAndRenamedLoadsAndEvaluatesWithoutARebuild() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(RULES, rules);
        Path ics = rules.resolve("frameworks/integrated-care-system");
        TestSupport.copy(rules.resolve("frameworks/local-authority"), ics);
        Path fw = ics.resolve("framework.json");
        // Only the framework's own id (the first "id"): the service type keeps its id.
        Files.writeString(fw, Files.readString(fw).replaceFirst("\"id\": \"local-authority\"", "\"id\": \"integrated-care-system\""));
        TestSupport.replace(ics.resolve("framework.json"), "\"version\": \"cqc-la-2023\"", "\"version\": \"ics-trial\"");
        Path fixture = tmp.resolve("ics-fixture");
        Files.createDirectories(fixture);
        Files.writeString(fixture.resolve("evidence.json"), Files.readString(ASHVALE.resolve("evidence.json"))
                .replace("\"framework\": \"local-authority\"", "\"framework\": \"integrated-care-system\""));

        assertThat(Framework.known(rules)).containsExactly("provider", "integrated-care-system", "local-authority");
        Result r = new Assessor(rules).evaluate(fixture);
        assertThat(r.provenance().frameworkVersion()).isEqualTo("ics-trial");
        assertThat(r.provenance().rules()).isEqualTo(rules.toString());
        assertThat(r.overall().score().shown()).isEqualTo(58);
        assertThat(r.overall().rating()).isEqualTo("Requires improvement");

        var run = TestSupport.cli("evaluate", fixture.toString(), "--rules", rules.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out()).contains("Overall rating: Requires improvement").contains("score: 58 out of 100")
                .contains("framework ics-trial");
        var validate = TestSupport.cli("validate", rules.toString());
        assertThat(validate.code()).as(validate.out()).isEqualTo(0);
        assertThat(validate.out()).contains("integrated-care-system (", "local-authority (", "provider (");
    }

    @Test
    void anUnknownFrameworkIsRefusedAtItsFileLineAndColumnNamingTheKnownOnes() throws Exception {
        Path fixture = tmp.resolve("unknown");
        Files.createDirectories(fixture);
        Path file = fixture.resolve("evidence.json");
        Files.writeString(file, Files.readString(ASHVALE.resolve("evidence.json"))
                .replace("\"framework\": \"local-authority\"", "\"framework\": \"local-authorities\""));
        String text = Files.readString(file);
        int offset = text.indexOf("\"local-authorities\"");
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        int column = offset - text.lastIndexOf('\n', offset - 1);

        assertThatThrownBy(() -> new Assessor(RULES).evaluate(fixture))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    Problem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(file.toString());
                    assertThat(p.line()).isEqualTo(line);
                    assertThat(p.column()).isEqualTo(column);
                    assertThat(p.message()).isEqualTo("unknown framework 'local-authorities'; expected one of "
                            + "[provider, local-authority] (the default framework, in rules/framework/, when the field "
                            + "is left out; the others are the folders of rules/frameworks/)");
                });
        var run = TestSupport.cli("evaluate", fixture.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains(file + ":" + line + ":" + column + ": unknown framework 'local-authorities'");
    }

    @Test
    void aCouncilFixtureNamingAnUnknownGroupIsToldInTheCouncilsWord() throws Exception {
        Path fixture = tmp.resolve("previous-rating-for-safe");
        Files.createDirectories(fixture);
        Files.writeString(fixture.resolve("evidence.json"), Files.readString(ASHVALE.resolve("evidence.json"))
                .replace("\"assessmentDate\": \"2025-06-12\"", "\"assessmentDate\": \"2025-06-12\",\n    "
                        + "\"previousRatings\": [{\"keyQuestion\": \"safe\", \"rating\": \"Good\"}]"));
        var run = TestSupport.cli("evaluate", fixture.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("unknown theme 'safe'; expected one of [working-with-people")
                .doesNotContain("key question");
    }

    @Test
    void theCommandsWorkForACouncil() throws Exception {
        var json = TestSupport.cli("evaluate", ASHVALE.toString(), "--format", "json");
        assertThat(json.code()).isEqualTo(0);
        assertThat(json.out()).contains("\"shown\" : 58", "\"method\" : \"equal weights\"");
        var html = TestSupport.cli("evaluate", ASHVALE.toString(), "--format", "html");
        assertThat(html.code()).isEqualTo(0);
        assertThat(html.out()).contains("Overall rating: Requires improvement", "58 out of 100");
        var explain = TestSupport.cli("explain", ASHVALE.toString(), "--key-question", "ensuring-safety");
        assertThat(explain.code()).as(explain.out() + explain.err()).isEqualTo(0);
        assertThat(explain.out()).contains("How the local authority ensures safety within the system");
        var wrongTheme = TestSupport.cli("explain", ASHVALE.toString(), "--key-question", "well-led");
        assertThat(wrongTheme.code()).isEqualTo(2);
        assertThat(wrongTheme.err()).contains("theme 'well-led' is not assessed here");
        var ids = TestSupport.cli("ids", "--framework", "local-authority");
        assertThat(ids.code()).isEqualTo(0);
        assertThat(ids.out()).contains("## Themes and quality statements", "`safe-pathways-systems-and-transitions`",
                "\"framework\": \"local-authority\"");
        Path generated = tmp.resolve("gen.jsonl");
        var gen = TestSupport.cli("generate", "--count", "5", "--seed", "3", "--framework", "local-authority",
                "-o", generated.toString());
        assertThat(gen.code()).as(gen.out() + gen.err()).isEqualTo(0);
        assertThat(Files.readAllLines(generated)).hasSize(5).allMatch(l -> l.contains("\"framework\":\"local-authority\""));
        var batch = TestSupport.cli("evaluate", generated.toString(), "--out", tmp.resolve("batch").toString());
        assertThat(batch.code()).as(batch.out() + batch.err()).isEqualTo(0);
        var test = TestSupport.cli("test", "fixtures/local-authority", "--coverage");
        assertThat(test.code()).as(test.out()).isEqualTo(0);
        assertThat(test.out()).contains("statements scored by some fixture: 9 of 9").doesNotContain("never fired: WL-PAC")
                .endsWith("15 passed, 0 failed\n");
    }

    @Test
    void aRegisterValueIsReadFromTheRegisterOfTheFrameworkTheFixtureNames() throws Exception {
        Assessor assessor = new Assessor(RULES);
        assertThatThrownBy(() -> assessor.withPolicy(Map.of("no.such.value", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no register value 'no.such.value'");
        assertThatThrownBy(() -> assessor.withPolicy(Map.of(THEME_MEANS, "perhaps")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("register value " + THEME_MEANS
                        + ": expected yes or no, found 'perhaps'");
        var run = TestSupport.cli("what-if", "fixtures/cpft-well-led-2025", "--policy", THEME_MEANS + "=yes");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no register value '" + THEME_MEANS + "'", "is assessed under framework 'provider'");
        var council = TestSupport.cli("what-if", ASHVALE.toString(), "--policy", THEME_MEANS + "=yes");
        assertThat(council.code()).isEqualTo(0);
        assertThat(council.out()).contains("overall percentage: 58 → 59 (up)");
    }

    @Test
    void diffListsAChangedRowOfACouncilRegister() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(RULES, rules);
        TestSupport.replace(rules.resolve("frameworks/local-authority/register.csv"),
                "overall.limiters,method,setting,yes,", "overall.limiters,method,setting,no,");
        var run = TestSupport.cli("diff", "--base", "rules", "--head", rules.toString(),
                "fixtures/local-authority/boundaries/limiter-good-band-with-a-1");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out()).contains("overall rating: Requires improvement → Good (up)")
                .contains("register overall.limiters: yes → no; read by 1 of the changed fixtures");
    }
}
