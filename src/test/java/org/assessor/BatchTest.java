package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch evaluation of generated assessments: bad lines are reported by position, the rest is written whole. */
class BatchTest {
    @TempDir Path tmp;

    @Test
    void theGeneratorIsDeterministicForASeed() {
        var a = TestSupport.cli("generate", "--count", "5", "--seed", "42");
        var b = TestSupport.cli("generate", "--count", "5", "--seed", "42");
        var c = TestSupport.cli("generate", "--count", "5", "--seed", "43");
        assertThat(a.code()).isEqualTo(0);
        assertThat(a.out()).isEqualTo(b.out()).isNotEqualTo(c.out());
        assertThat(a.out().lines()).hasSize(5).allSatisfy(l -> assertThat(l).contains("(generated)"));
    }

    @Test
    void aBatchWithCorruptedLinesReportsExactlyThoseAndWritesTheRest() throws Exception {
        Path input = tmp.resolve("batch.jsonl");
        assertThat(TestSupport.cli("generate", "--count", "40", "--seed", "7", "-o", input.toString()).code()).isEqualTo(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(input));
        lines.set(4, lines.get(4).substring(0, 200));                                   // line 5: truncated
        lines.set(11, lines.get(11).replace("\"scope\":", "\"scoop\":"));               // line 12: 'scope' misspelt
        lines.set(29, lines.get(29).replaceFirst("\"statement\":\"[a-z-]+\"", "\"statement\":\"nope\"")); // line 30
        Files.write(input, lines);
        Path out = tmp.resolve("results");
        var run = TestSupport.cli("evaluate", input.toString(), "--out", out.toString(), "--threads", "2");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("40 assessments: 37 evaluated, 3 failed");
        List<String> reported = run.err().lines().filter(l -> l.startsWith("item ")).toList();
        assertThat(reported).containsExactly("item 5 failed:", "item 12 failed:", "item 30 failed:");
        assertThat(run.err()).contains(input + ":5:").contains(input + ":12:").contains("missing field 'scope'")
                .contains(input + ":30:").contains("unknown statement 'nope'");
        List<String> results = Files.readAllLines(Path.of(out + ".jsonl"));
        assertThat(results).hasSize(37);
        ObjectMapper json = new ObjectMapper();
        for (String r : results) assertThat(json.readTree(r).at("/overall/rating").asText()).isNotEmpty();
        var csv = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(Files.readString(Path.of(out + ".csv"))));
        var records = csv.getRecords();
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.get("rating")).isNotEmpty());
        assertThat(records.stream().map(r -> r.get("index")).distinct()).hasSize(37);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void batchLinesCarryScoresByDefaultAndFindingsOnRequestWithTheSameCsv() throws Exception {
        Path input = tmp.resolve("batch.jsonl");
        assertThat(TestSupport.cli("generate", "--count", "6", "--seed", "11", "-o", input.toString()).code()).isEqualTo(0);
        Path lean = tmp.resolve("lean");
        Path full = tmp.resolve("full");
        assertThat(TestSupport.cli("evaluate", input.toString(), "--out", lean.toString()).code()).isEqualTo(0);
        assertThat(TestSupport.cli("evaluate", input.toString(), "--out", full.toString(), "--with-findings").code())
                .isEqualTo(0);
        ObjectMapper json = new ObjectMapper();
        List<String> leanLines = Files.readAllLines(Path.of(lean + ".jsonl"));
        List<String> fullLines = Files.readAllLines(Path.of(full + ".jsonl"));
        assertThat(leanLines).hasSameSizeAs(fullLines).hasSize(6);
        for (int i = 0; i < leanLines.size(); i++) {
            var l = json.readTree(leanLines.get(i));
            var f = json.readTree(fullLines.get(i));
            // No statement's list of findings (an evidence score's count of findings is a number, and stays).
            assertThat(l.at("/keyQuestions").findValues("findings")).noneMatch(n -> n.isArray());
            assertThat(l.toString()).doesNotContain("\"quote\"").doesNotContain("\"derivation\"");
            assertThat(l.has("unjudgedEvidence")).isFalse();
            assertThat(f.at("/keyQuestions").findValues("findings")).anyMatch(n -> n.isArray() && !n.isEmpty());
            assertThat(f.has("derivation")).isFalse();
            // The same scores, ratings and caps either way.
            assertThat(l.at("/keyQuestions").findValues("score")).isEqualTo(f.at("/keyQuestions").findValues("score"));
            assertThat(l.at("/keyQuestions").findValues("caps")).isEqualTo(f.at("/keyQuestions").findValues("caps"));
            assertThat(l.at("/overall")).isEqualTo(f.at("/overall"));
            assertThat(leanLines.get(i).length()).isLessThan(fullLines.get(i).length() / 2);
        }
        assertThat(Files.readString(Path.of(lean + ".csv"))).isEqualTo(Files.readString(Path.of(full + ".csv")));
    }

    @Test
    void batchOnlyOptionsOnOneFixtureAreRefused() {
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--with-findings");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--with-findings is for a batch").contains("fixtures/cpft-well-led-2025 is one fixture");
    }

    @Test
    void aFolderOfFixturesIsABatchToo() throws Exception {
        Path out = tmp.resolve("fixtures-results");
        var run = TestSupport.cli("evaluate", "fixtures/boundaries", "--out", out.toString());
        assertThat(run.code()).isEqualTo(0);
        assertThat(Files.readAllLines(Path.of(out + ".jsonl"))).hasSizeGreaterThan(20);
    }

    @Test
    void theBatchRefusesToOverwriteItsInput() throws Exception {
        Path input = tmp.resolve("in.jsonl");
        TestSupport.cli("generate", "--count", "2", "-o", input.toString());
        String before = Files.readString(input);
        var run = TestSupport.cli("evaluate", input.toString(), "--out", tmp.resolve("in").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(Files.readString(input)).isEqualTo(before);
    }

    @Test
    void aBatchNeedsAnOutputPrefixAndAFolderWithoutFixturesIsAnError() throws Exception {
        var noOut = TestSupport.cli("evaluate", "fixtures/boundaries");
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("is a batch (a folder of fixtures or a JSON Lines file): give --out <prefix>");
        Path empty = Files.createDirectories(tmp.resolve("typo"));
        var none = TestSupport.cli("evaluate", empty.toString(), "--out", tmp.resolve("r").toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains(empty + ": no fixture here");
        assertThat(tmp.resolve("r.jsonl")).doesNotExist();
        var threads = TestSupport.cli("evaluate", "fixtures/boundaries", "--out", tmp.resolve("t").toString(), "--threads", "0");
        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads must be 1 or more, found 0");
    }

    @Test
    void csvCellsASpreadsheetWouldRunAreNeutralised() throws Exception {
        Path input = tmp.resolve("one.jsonl");
        assertThat(TestSupport.cli("generate", "--count", "1", "--seed", "3", "-o", input.toString()).code()).isEqualTo(0);
        String line = Files.readString(input).strip().replaceFirst("\"provider\":\"[^\"]*\"",
                "\"provider\":\"=HYPERLINK(1)\"");
        Files.writeString(input, line + "\n");
        Path out = tmp.resolve("formula");
        var run = TestSupport.cli("evaluate", input.toString(), "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        String csv = Files.readString(tmp.resolve("formula.csv"));
        assertThat(csv).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK(").doesNotContain(",\"=HYPERLINK(");
    }

    /** A write that fails part-way (here a file-size limit set for the run, as a full disk would) leaves nothing behind. */
    @Test
    void aBatchWhoseOutputCannotBeWrittenLeavesNoTemporaryFiles() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -f 200; exec '" + javaBin + "' -cp '" + System.getProperty("java.class.path")
                + "' org.assessor.cli.Main evaluate fixtures --with-graph --out '" + out.resolve("r") + "'";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log.txt").toFile());
        pb.environment().put("ASSESSOR_CACHE", "off");
        Process p = pb.start();
        org.assertj.core.api.Assertions.assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(tmp.resolve("log.txt"));
        org.assertj.core.api.Assertions.assertThat(p.exitValue()).as(log).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(log).contains("assessor: cannot write " + out.resolve("r.jsonl") + " and "
                + out.resolve("r.csv") + ": File too large (nothing was written there, and the temporary files were removed)");
        try (var files = Files.list(out)) {
            org.assertj.core.api.Assertions.assertThat(files.toList()).as("no temporary file and no output left").isEmpty();
        }
    }
}
