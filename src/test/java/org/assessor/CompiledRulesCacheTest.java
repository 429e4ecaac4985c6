package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assessor.result.Assessor;
import org.assessor.engine.Evaluator;
import org.assessor.report.JsonReporter;
import org.assessor.ruleset.CompiledRulesCache;
import org.assessor.ruleset.RuleSet;
import org.assessor.ruleset.RuleSetCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled rules kept between runs give the same results as compiling, and are never used once a rule changes. */
class CompiledRulesCacheTest {
    private static final Path SEED = Path.of("fixtures/cpft-well-led-2025");

    @TempDir Path tmp;

    @Test
    void rulesReadFromTheCacheGiveTheSameResultAsCompilingThem() throws Exception {
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        RuleSet compiled = new RuleSetCompiler(cache).compile(Path.of("rules"));
        assertThat(entries()).hasSize(1);
        RuleSet cached = new RuleSetCompiler(cache).compile(Path.of("rules"));
        RuleSet plain = new RuleSetCompiler(null).compile(Path.of("rules"));

        assertThat(cached.rules()).isEqualTo(plain.rules()); // identities, ids, kinds, files, positions, statements, reasons, layers
        assertThat(cached.layers()).isEqualTo(plain.layers());
        assertThat(json(cached)).isEqualTo(json(plain)).isEqualTo(json(compiled)).contains("\"shown\" : 44");
    }

    @Test
    void editingARuleFileMakesANewEntryAndTheEditIsWhatRuns() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        assertThat(json(new RuleSetCompiler(cache).compile(rules))).contains("\"shown\" : 44");

        // Corroboration now needs 3 categories: the three statements it set to 1 stay at the cap of 2, 17/32 = 53.
        TestSupport.replace(rules.resolve("policy/register.csv"),
                "statement.corroborating-categories,method,count,2,", "statement.corroborating-categories,method,count,3,");
        String edited = json(new RuleSetCompiler(cache).compile(rules));
        assertThat(edited).contains("\"shown\" : 53").doesNotContain("\"shown\" : 44");
        assertThat(entries()).hasSize(2);
    }

    @Test
    void theSameRulesInAnotherFolderNameTheirOwnFiles() throws Exception {
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        new RuleSetCompiler(cache).compile(Path.of("rules"));
        Path copy = tmp.resolve("copy");
        TestSupport.copy(Path.of("rules"), copy);
        RuleSet other = new RuleSetCompiler(cache).compile(copy);
        assertThat(other.ruleNamed("At NHS trust level the overall rating is the well-led rating").file())
                .isEqualTo(copy.resolve("method/overall.drl").toString());
        assertThat(entries()).hasSize(2);
    }

    @Test
    void anUnreadableEntryIsCompiledAgainAndReplaced() throws Exception {
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        new RuleSetCompiler(cache).compile(Path.of("rules"));
        Path entry = entries().get(0);
        Files.write(entry, new byte[] {1, 2, 3}); // a damaged entry

        RuleSet again = new RuleSetCompiler(cache).compile(Path.of("rules"));
        assertThat(json(again)).contains("\"shown\" : 44");
        assertThat(Files.size(entry)).isGreaterThan(1000); // rewritten whole
        assertThat(entries()).hasSize(1);
    }

    @Test
    void anotherRuleSetsEntryCopiedOverThisOneIsNeverUsed() throws Exception {
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        new RuleSetCompiler(cache).compile(Path.of("rules"));
        Path genuine = entries().get(0);
        // Another rule set: corroboration needs 3 categories, so the seed scores 53 under it.
        Path other = tmp.resolve("other");
        TestSupport.copy(Path.of("rules"), other);
        TestSupport.replace(other.resolve("policy/register.csv"),
                "statement.corroborating-categories,method,count,2,", "statement.corroborating-categories,method,count,3,");
        assertThat(json(new RuleSetCompiler(cache).compile(other))).contains("\"shown\" : 53");
        Path planted = entries().stream().filter(p -> !p.equals(genuine)).findFirst().orElseThrow();
        Files.copy(planted, genuine, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // The planted entry names other rules in its header, so it is refused and the genuine rules are compiled.
        assertThat(json(new RuleSetCompiler(cache).compile(Path.of("rules")))).contains("\"shown\" : 44");
    }

    @Test
    void aCacheFolderOthersCanWriteToIsNotUsed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("open-cache"));
        var cache = new CompiledRulesCache(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(json(new RuleSetCompiler(cache).compile(Path.of("rules")))).contains("\"shown\" : 44");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).as("nothing is written to a folder others can write to").isEmpty();
        }
    }

    @Test
    void rulesThatDoNotCompileAreNeverCached() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("evidence/broken.drl"), "package assessor.evidence\nrule \"x\" when then");
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        assertThatThrownBy(() -> new RuleSetCompiler(cache).compile(rules))
                .isInstanceOf(org.assessor.input.InvalidInputException.class)
                .hasMessageContaining("broken.drl");
        assertThat(Files.exists(tmp.resolve("cache")) ? entries() : List.of()).isEmpty();
    }

    private List<Path> entries() throws Exception {
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("rules-")).toList();
        }
    }

    private static String json(RuleSet rules) throws Exception {
        var result = new Assessor(rules, Evaluator.DEFAULT_MAX_FIRINGS, true).evaluate(SEED);
        StringWriter out = new StringWriter();
        new JsonReporter().render(result, new PrintWriter(out));
        return out.toString();
    }
}
