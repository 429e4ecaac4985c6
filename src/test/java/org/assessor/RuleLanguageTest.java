package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule file under src/test/resources/language says something outside the rule language (the hostile probes
 * among them would make a folder, end the process, read a file, the clock or chance, if they ran). validate and
 * evaluate refuse each before anything in it runs, at the positions its {@code // expect:} lines give, and the folder
 * its code would make never appears.
 */
class RuleLanguageTest {
    private static final Path LANGUAGE = Path.of("src/test/resources/language");
    private static final String EXPECT = "// expect: ";
    @TempDir Path tmp;

    static Stream<String> refusedFiles() throws Exception {
        try (Stream<Path> s = Files.list(LANGUAGE)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** The file goes into method/, which every framework shares, so each framework refuses it. */
    private Path rulesWith(String file, Path marker) throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("method").resolve(file),
                Files.readString(LANGUAGE.resolve(file)).replace("@MARKER@", marker.toString()));
        return rules;
    }

    private List<String> expected(String file, Path rules) throws Exception {
        List<String> lines = Files.readAllLines(LANGUAGE.resolve(file));
        assertThat(lines.get(0)).as(file + " states what is refused on its first line").startsWith(EXPECT);
        return lines.stream().filter(l -> l.startsWith(EXPECT))
                .map(l -> rules.resolve("method").resolve(file) + ":" + l.substring(EXPECT.length())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void validateRefusesItAtItsPositions(String file) throws Exception {
        Path marker = tmp.resolve("made-by-a-rule");
        Path rules = rulesWith(file, marker);
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> l.startsWith(rules.toString())).toList())
                .containsExactlyInAnyOrderElementsOf(expected(file, rules));
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void evaluateRefusesItBeforeAnythingRuns(String file) throws Exception {
        Path marker = tmp.resolve("made-by-a-rule");
        Path rules = rulesWith(file, marker);
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        for (String problem : expected(file, rules)) assertThat(run.err()).contains(problem);
        assertThat(run.err()).contains("nothing was evaluated");
        assertThat(marker).doesNotExist();
    }
}
