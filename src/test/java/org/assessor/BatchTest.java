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
}
