package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What careless or hostile rules and inputs do: a rule that never returns, links in a rules folder, a batch line that
 * is not UTF-8, an output reached through a link to the input's folder. A rule that spins runs in a separate JVM, so
 * its thread ends with it. Rules that say what the rule language does not have are RuleLanguageTest's.
 */
class HostileInputTest {
    @TempDir Path tmp;

    private Path rulesWithNeverReturning() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("well-led/zz-hostile.drl"), HostileInputTestRules.NEVER_RETURNS);
        return rules;
    }

    private record Ended(int code, String output) {}

    private Ended inItsOwnJvm(String... args) throws Exception {
        return inItsOwnJvm(null, 120, args);
    }

    /** Runs the command line in a JVM of its own ({@code heap} such as "-Xmx96m", or null), waiting {@code seconds}. */
    private Ended inItsOwnJvm(String heap, int seconds, String... args) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<>(java.util.List.of(javaBin));
        if (heap != null) command.add(heap);
        command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), "org.assessor.cli.Main"));
        command.addAll(java.util.List.of(args));
        File log = tmp.resolve("log.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("ASSESSOR_CACHE", "off");
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the run did not end within " + seconds + " s: " + Files.readString(log.toPath()));
        }
        return new Ended(p.exitValue(), Files.readString(log.toPath()));
    }

    @Test
    void anEvaluationThatNeverEndsIsStoppedAtItsTimeLimitNamingTheRule() throws Exception {
        Path rules = rulesWithNeverReturning();
        Ended run = inItsOwnJvm("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString(), "--timeout", "10");
        assertThat(run.code()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("the evaluation took longer than the time limit of 10 seconds; the rule in "
                + "progress was rule \"A rule that never returns\" (T-HOSTILE");
    }

    /**
     * Code written inside text the language accepts (a rule's name, metadata, a condition's and a consequence's text
     * in quotes, with escaped quotes and template markers) is only text: the rule runs, and no folder is made.
     */
    @Test
    void codeWrittenInsideTextIsOnlyText() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        // A path without digits, as a rule's name and reason may hold none; under target/, which the build owns. (An
        // @id holds only capitals, digits and hyphens, so code in it is refused before anything else.)
        Path marker = Path.of("target/made-by-a-probe");
        Files.deleteIfExists(marker);
        String make = "\\\" + new java.io.File(\\\"" + marker + "\\\").mkdirs() + \\\" @{new java.io.File('" + marker
                + "').mkdirs()}";
        Files.writeString(rules.resolve("well-led/zz-probe.drl"), """
                package assessor.wellled;
                import org.assessor.facts.*;

                rule "A rule named with code MAKE"
                    @kind("judgement")
                    @id("T-Q")
                    @statement("freedom-to-speak-up")
                    @reason("Testing MAKE.")
                    agenda-group "evidence"
                when
                    $m : Metric(measure != "xMAKE")
                    ScoreLevel(id == "good", $grade : score)
                then
                    // MAKE
                    insertLogical(Finding.by(kcontext, $m.evidenceId(), $m.statement(), $m.category(), $grade, "sMAKE"));
                end
                """.replace("MAKE", make));
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString(), "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("mkdirs()");
        assertThat(marker).doesNotExist();
    }

    /** In a JVM of its own with a small heap: a rule whose facts double in size each time it fires. */
    @Test
    void memoryARuleExhaustsIsBlamedOnTheRuleNotOnTheInput() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("well-led/zz-hostile.drl"), """
                package assessor.wellled;
                import org.assessor.facts.*;

                rule "A rule that starts the doubling"
                    @kind("judgement")
                    @id("T-HOSTILE-0")
                    @statement("freedom-to-speak-up")
                    @reason("Testing.")
                    agenda-group "evidence"
                when
                    $m : Metric()
                then
                    insert(new Unjudged($m.evidenceId(), "x"));
                end

                rule "A rule whose facts double every time it fires"
                    @kind("judgement")
                    @id("T-HOSTILE")
                    @statement("freedom-to-speak-up")
                    @reason("Testing.")
                    agenda-group "evidence"
                when
                    $u : Unjudged()
                then
                    insert(new Unjudged($u.evidenceId() + $u.evidenceId(), $u.reason()));
                end
                """);
        Ended run = inItsOwnJvm("-Xmx96m", 180, "evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString());
        String output = run.output();
        assertThat(run.code()).as(output).isEqualTo(3);
        assertThat(output).contains("assessor: out of memory while the rules ran; the last rule to begin firing was "
                + "\"A rule whose facts double every time it fires\" (package assessor.wellled)")
                .doesNotContain("the input is too large");
    }

    /**
     * A join Drools cannot interrupt (six patterns over every measured value) passes its time limit in validate's
     * sample run: it is reported once and no further sample run is started beside the busy one, so validate ends.
     */
    @Test
    void aJoinThatNeverFinishesEndsValidateWithOneProblem() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Files.writeString(rules.resolve("evidence/zz-join.drl"), """
                package assessor.evidence;
                import org.assessor.facts.*;

                rule "A join over every six measured values"
                    @kind("judgement")
                    @id("T-JOIN")
                    @reason("Testing.")
                    agenda-group "evidence"
                when
                    $m : Metric()
                    ScoreLevel(id == "good", $grade : score)
                    Metric($a : value) Metric($b : value) Metric($c : value) Metric($d : value) Metric($e : value)
                    Metric($f : value, $f + $e + $d + $c + $b + $a < 0)
                then
                    insertLogical(Finding.by(kcontext, $m.evidenceId(), $m.statement(), $m.category(), $grade, "never"));
                end
                """);
        Ended run = inItsOwnJvm("-Xmx4g", 240, "validate", rules.toString(), "--timeout", "3");
        String output = run.output();
        assertThat(run.code()).as(output).isEqualTo(1);
        assertThat(output).contains("on sample facts: the evaluation took longer than the time limit of 3 seconds")
                .endsWith("1 problem\n");
    }

    @Test
    void aRuleFileNestedTooDeeplyToParseIsNamedWithWhereItGoesTooDeep() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        int n = 50_000;
        Files.writeString(rules.resolve("method/deep.drl"), "package assessor.method;\nimport org.assessor.facts.*;\n"
                + "rule \"Deep\"\nwhen\n  $m : Metric(" + "(".repeat(n) + "value > 0" + ")".repeat(n) + ")\nthen\nend\n");
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(rules.resolve("method/deep.drl") + ":5:78: expected brackets nested at most 64 "
                + "deep, found more (the file is nested too deeply to read)").endsWith("1 problem\n");
        var evaluate = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString());
        assertThat(evaluate.code()).isEqualTo(1);
        assertThat(evaluate.err()).contains(rules.resolve("method/deep.drl") + ":5:78: expected brackets nested");
    }

    @Test
    void aLinkInsideTheRulesFolderIsRefusedAndALinkedRulesFolderIsRead() throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(Path.of("rules"), rules);
        Path elsewhere = tmp.resolve("elsewhere");
        Files.move(rules.resolve("well-led"), elsewhere);
        Files.createSymbolicLink(rules.resolve("well-led"), elsewhere);
        var linked = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString());
        assertThat(linked.code()).isEqualTo(1);
        assertThat(linked.err()).contains(rules.resolve("well-led") + ": is a symbolic link; a rules folder may not hold links");

        Files.delete(rules.resolve("well-led"));
        Files.move(elsewhere, rules.resolve("well-led"));
        Path link = tmp.resolve("rules-link");
        Files.createSymbolicLink(link, rules);
        var whole = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", link.toString(), "--format", "json");
        assertThat(whole.code()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("\"shown\" : 44");
    }

    @Test
    void aBatchLineThatIsNotUtf8IsReportedAndTheBatchGoesOn() throws Exception {
        Path input = tmp.resolve("g.jsonl");
        assertThat(TestSupport.cli("generate", "--count", "3", "--seed", "5", "-o", input.toString()).code()).isZero();
        java.util.List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        byte[] latin1 = lines.get(1).replaceFirst("\"provider\"\\s*:\\s*\"", "\"provider\":\"Caf\u00e9 ")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (var out = Files.newOutputStream(input)) {
            out.write((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(latin1);
            out.write(("\n" + lines.get(2) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        var run = TestSupport.cli("evaluate", input.toString(), "--out", tmp.resolve("r").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).containsPattern(java.util.regex.Pattern.quote(input + ":2:")
                + "[0-9]+: the line is not valid UTF-8 \\(byte 0xE9 at byte [0-9]+\\); expected UTF-8 text");
        assertThat(Files.readAllLines(tmp.resolve("r.jsonl"))).hasSize(2);
    }

    @Test
    void anOutputReachedThroughALinkToTheInputsFolderIsRefused() throws Exception {
        Path dir = tmp.resolve("d");
        Files.createDirectories(dir);
        Path input = dir.resolve("g.jsonl");
        assertThat(TestSupport.cli("generate", "--count", "1", "--seed", "5", "-o", input.toString()).code()).isZero();
        byte[] before = Files.readAllBytes(input);
        Files.createSymbolicLink(dir.resolve("self"), dir);
        var run = TestSupport.cli("evaluate", input.toString(), "--out", dir.resolve("self/g").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("is the batch input; choose another --out");
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
    }

    @Test
    void aFixtureThatIsNotARegularFileIsReportedInAFolderBatch() throws Exception {
        Path batch = tmp.resolve("batch");
        TestSupport.copy(Path.of("fixtures/cpft-well-led-2025"), batch.resolve("a"));
        Files.createDirectories(batch.resolve("b/evidence.json"));
        TestSupport.copy(Path.of("fixtures/cpft-well-led-2025"), batch.resolve("c"));
        var run = TestSupport.cli("evaluate", batch.toString(), "--out", tmp.resolve("r").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("item 2 failed:\n  " + batch.resolve("b/evidence.json")
                + ": is not a regular file (a folder, a pipe or a device); expected a JSON file");
        List<String> lines = Files.readAllLines(tmp.resolve("r.jsonl"));
        assertThat(lines).hasSize(2);
        // The item after the one that could not be read keeps its number: 3, not 4.
        assertThat(lines.get(1)).contains("\"batchIndex\":3,");
    }

    @Test
    void anOutputThatCannotBeWrittenIsAProblemNotAnInternalError() throws Exception {
        var toFolder = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "-o", tmp.toString());
        assertThat(toFolder.code()).isEqualTo(1);
        assertThat(toFolder.err()).contains(tmp + ": is a folder; --output expects a file to write");
        Path missing = tmp.resolve("missing/x.json");
        var intoMissing = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "-o", missing.toString());
        assertThat(intoMissing.code()).isEqualTo(1);
        assertThat(intoMissing.err()).contains(missing + ": cannot be written: the folder " + tmp.resolve("missing")
                + " does not exist");
        var batch = TestSupport.cli("evaluate", "fixtures/boundaries", "--out", tmp.resolve("missing/r").toString());
        assertThat(batch.code()).isEqualTo(1);
        assertThat(batch.err()).contains(tmp.resolve("missing/r.jsonl") + ": cannot be written");
        Path jsonlFolder = tmp.resolve("x.jsonl");
        Files.createDirectories(jsonlFolder);
        var folderInput = TestSupport.cli("evaluate", jsonlFolder.toString(), "--out", tmp.resolve("r").toString());
        assertThat(folderInput.code()).isEqualTo(1);
        assertThat(folderInput.err()).contains(jsonlFolder + ": is not a regular file; expected a JSON Lines file");
    }

    @Test
    void theWhatWouldChangeItSearchIsBoundedAndSaysHowToNarrowIt() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(
                Path.of("fixtures/cpft-well-led-2025/evidence.json").toFile());
        var items = (com.fasterxml.jackson.databind.node.ArrayNode) doc.get("evidence");
        var many = mapper.createArrayNode();
        for (int copy = 0; copy < 8; copy++) {
            for (var item : items) {
                var c = ((com.fasterxml.jackson.databind.node.ObjectNode) item).deepCopy();
                c.put("id", item.get("id").asText() + "-" + copy);
                many.add(c);
            }
        }
        doc.set("evidence", many);
        Path big = tmp.resolve("big");
        Files.createDirectories(big);
        Files.writeString(big.resolve("evidence.json"), mapper.writeValueAsString(doc));
        var html = TestSupport.cli("evaluate", big.toString(), "--format", "html", "-o", tmp.resolve("r.html").toString());
        assertThat(html.code()).isEqualTo(1);
        assertThat(html.err()).contains("'what would change it' would vary " + many.size() + " evidence items")
                .contains("bounded at 500 items");
        assertThat(tmp.resolve("r.html")).doesNotExist();
        var without = TestSupport.cli("explain", big.toString(), "--no-sensitivity", "--format", "html", "-o",
                tmp.resolve("r.html").toString());
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(tmp.resolve("r.html")).isNotEmptyFile();
    }

    @Test
    void aBatchStoppedBySignalRemovesItsTemporaryFilesAndSaysSo() throws Exception {
        Path input = tmp.resolve("g.jsonl");
        assertThat(TestSupport.cli("generate", "--count", "3000", "--seed", "9", "-o", input.toString()).code()).isZero();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "org.assessor.cli.Main", "evaluate", input.toString(), "--out", tmp.resolve("r").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile());
        pb.environment().put("ASSESSOR_CACHE", "off");
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (temporaries().isEmpty() && p.isAlive() && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertThat(temporaries()).as("the batch was writing when stopped").isNotEmpty();
        p.destroy(); // SIGTERM, as Ctrl-C or a scheduler would send
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(Files.readString(tmp.resolve("log.txt"))).contains("half-written temporary files were removed");
        assertThat(temporaries()).isEmpty();
        assertThat(tmp.resolve("r.jsonl")).doesNotExist();
    }

    private java.util.List<Path> temporaries() throws Exception {
        try (var s = Files.list(tmp)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void aFolderBatchFollowsLinksAndRefusesALoop() throws Exception {
        Path real = tmp.resolve("real");
        TestSupport.copy(Path.of("fixtures/cpft-well-led-2025"), real);
        Path batch = tmp.resolve("batch");
        Files.createDirectories(batch);
        Files.createSymbolicLink(batch.resolve("linked"), real);
        var followed = TestSupport.cli("evaluate", batch.toString(), "--out", tmp.resolve("r").toString());
        assertThat(followed.code()).as(followed.err()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("r.jsonl"))).hasSize(1);
        Files.createSymbolicLink(batch.resolve("loop"), tmp);
        var loop = TestSupport.cli("evaluate", batch.toString(), "--out", tmp.resolve("r2").toString());
        assertThat(loop.code()).isEqualTo(1);
        assertThat(loop.err()).contains("a link here leads back to a folder above it");
        assertThat(tmp.resolve("r2.jsonl")).doesNotExist();
    }
}
