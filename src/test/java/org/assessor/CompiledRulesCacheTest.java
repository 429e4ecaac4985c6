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

/**
 * Compiled rules kept between runs give the same results as compiling, are never used once a rule changes, and are
 * never used when anyone but their owner could have written them: an entry without the cache key's HMAC, an entry,
 * key or folder that is a link, someone else's, or writable by others (the key: readable by others) is refused and
 * the rules are compiled.
 */
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

    /** An entry forged by someone who can write to the folder but cannot read the key: the seed is still 44. */
    @Test
    void anEntryWithARecomputedDigestButNoKeyIsRefused() throws Exception {
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        new RuleSetCompiler(cache).compile(Path.of("rules"));
        Path genuine = entries().get(0);
        Path other = tmp.resolve("other");
        TestSupport.copy(Path.of("rules"), other);
        TestSupport.replace(other.resolve("policy/register.csv"),
                "statement.corroborating-categories,method,count,2,", "statement.corroborating-categories,method,count,3,");
        new RuleSetCompiler(cache).compile(other);
        Path planted = entries().stream().filter(p -> !p.equals(genuine)).findFirst().orElseThrow();
        // The forger keeps the genuine header (format and name) and puts the other rules' payload under it, with a
        // digest recomputed as the old cache checked it: a SHA-256 of the payload, and an HMAC with a key of their own.
        String name;
        try (var in = new java.io.DataInputStream(Files.newInputStream(genuine))) {
            in.readUTF();
            name = in.readUTF();
        }
        byte[] payload;
        String format;
        try (var in = new java.io.DataInputStream(Files.newInputStream(planted))) {
            format = in.readUTF();
            in.readUTF();
            in.readUTF();
            payload = in.readAllBytes();
        }
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
        for (String digest : List.of(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(payload)),
                java.util.HexFormat.of().formatHex(mac.doFinal(payload)))) {
            try (var out = new java.io.DataOutputStream(Files.newOutputStream(genuine))) {
                out.writeUTF(format);
                out.writeUTF(name);
                out.writeUTF(digest);
                out.write(payload);
            }
            var err = warnings(() -> assertThat(json(new RuleSetCompiler(fresh()).compile(Path.of("rules"))))
                    .contains("\"shown\" : 44"));
            assertThat(err).contains("was not made with this cache's key; compiling the rules instead");
        }
    }

    @Test
    void anEntryOthersCanWriteToOrThatIsALinkIsRefused() throws Exception {
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        new RuleSetCompiler(cache).compile(Path.of("rules"));
        Path entry = entries().get(0);
        Files.setPosixFilePermissions(entry, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(warnings(() -> new RuleSetCompiler(fresh()).compile(Path.of("rules"))))
                .contains("others can write to its entry " + entry.getFileName());
        // Compiling rewrote the entry as this user's own; now make it a link to a file elsewhere.
        Path elsewhere = tmp.resolve("elsewhere.bin");
        Files.move(entry, elsewhere);
        Files.createSymbolicLink(entry, elsewhere);
        assertThat(warnings(() -> assertThat(json(new RuleSetCompiler(fresh()).compile(Path.of("rules"))))
                .contains("\"shown\" : 44"))).contains("its entry " + entry.getFileName() + " is a symbolic link");
    }

    @Test
    void aKeyOthersCanReadIsRefusedAndTheKeyIsMadeForItsOwnerOnly() throws Exception {
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        new RuleSetCompiler(cache).compile(Path.of("rules"));
        Path key = tmp.resolve("cache/key");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.size(key)).isEqualTo(32);
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(warnings(() -> new RuleSetCompiler(fresh()).compile(Path.of("rules"))))
                .contains("others can read or write its key file (expected rw-------)");
    }

    @Test
    void anEntryOrAFolderSomeoneElseOwnsIsRefused() throws Exception {
        var lookup = tmp.getFileSystem().getUserPrincipalLookupService();
        java.nio.file.attribute.UserPrincipal nobody;
        try {
            nobody = lookup.lookupPrincipalByName("nobody");
            Path probe = Files.createFile(tmp.resolve("probe"));
            Files.setOwner(probe, nobody);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort("files cannot be given to another user here: " + e);
            return;
        }
        var cache = new CompiledRulesCache(tmp.resolve("cache"));
        new RuleSetCompiler(cache).compile(Path.of("rules"));
        Path entry = entries().get(0);
        Files.setOwner(entry, nobody);
        assertThat(warnings(() -> new RuleSetCompiler(fresh()).compile(Path.of("rules"))))
                .contains("its entry " + entry.getFileName() + " is owned by nobody");
        Files.setOwner(tmp.resolve("cache"), nobody);
        assertThat(warnings(() -> new RuleSetCompiler(fresh()).compile(Path.of("rules")))).contains("it is owned by nobody");
    }

    /** The cache folder read anew (a cache warns once; each step here should say what it refuses). */
    private CompiledRulesCache fresh() {
        return new CompiledRulesCache(tmp.resolve("cache"));
    }

    /** What a step printed on standard error (the cache's warnings). */
    private static String warnings(org.assertj.core.api.ThrowableAssert.ThrowingCallable step) throws Exception {
        var saved = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            step.call();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            System.setErr(saved);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
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
