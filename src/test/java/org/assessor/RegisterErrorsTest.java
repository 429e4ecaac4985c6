package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of mistake in the policy register is refused at its row and column, and nothing is evaluated. */
class RegisterErrorsTest {
    @TempDir Path tmp;

    private static final String GOOD_ROW = "training.violence-and-aggression-prevention-compliance,"
            + "measure:training.violence-and-aggression-prevention-compliance,target,90,percent,2023-01-01,,";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            value out of range    | ,target,90,percent,2023-01-01,, | ,target,190,percent,2023-01-01,, | :4: expected a percentage from 0 to 100, found 190
            value not a number    | ,target,90,percent,2023-01-01,, | ,target,ninety,percent,2023-01-01,, | :4: expected a plain decimal number of 0 or more such as 90 or 2.5, found 'ninety'
            unit of another kind  | ,target,90,percent,2023-01-01,, | ,target,90,count,2023-01-01,, | :5: the measure is in percent, found unit 'count'
            unknown kind          | ,target,90,percent,2023-01-01,, | ,goal,90,percent,2023-01-01,, | :3: unknown kind 'goal'; expected one of [target, limit, parity, national-average, tolerance, cut-off, count, score, setting]
            date not a date       | ,target,90,percent,2023-01-01,, | ,target,90,percent,2023-13-01,, | :6: expected a date as YYYY-MM-DD, found '2023-13-01'
            """)
    void aBadCellIsReportedAtItsRowAndColumn(String name, String from, String to, String expected) throws Exception {
        Path rules = copy();
        Path register = rules.resolve("policy/register.csv");
        int row = row(register, "training.violence-and-aggression-prevention-compliance,");
        TestSupport.replace(register, "prevention-compliance" + from, "prevention-compliance" + to);
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(register + ":" + row + expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown measure   | measure:training.violence-and-aggression-prevention-compliance, | measure:training.violence, | :2: unknown measure 'training.violence'; expected an id from framework/measures.json
            """)
    void aRowForAnUnknownMeasureIsRefused(String name, String from, String to, String expected) throws Exception {
        Path rules = copy();
        Path register = rules.resolve("policy/register.csv");
        int row = row(register, "training.violence-and-aggression-prevention-compliance,");
        TestSupport.replace(register, from, to);
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(register + ":" + row + expected);
    }

    /** Good from 95 above Outstanding from 90 would leave Good no percentages: refused by validate and in a what-if. */
    @org.junit.jupiter.api.Test
    void bandCutOffsThatDoNotRiseWithTheRatingAreRefused() throws Exception {
        Path rules = copy();
        Path register = rules.resolve("policy/register.csv");
        int outstanding = row(register, "band.outstanding.from,");
        TestSupport.replace(register, "band.good.from,rating:good,cut-off,62.5,", "band.good.from,rating:good,cut-off,95,");
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(register + ":" + outstanding + ":4: expected the bands' cut-offs to rise with the "
                + "rating, each above the one below it; found band.outstanding.from = 87.5 (Outstanding) not above "
                + "band.good.from = 95 (Good), which would leave Good no percentages").endsWith("1 problem\n");
        var whatIf = TestSupport.cli("what-if", "fixtures/cpft-well-led-2025", "--policy", "band.good.from=95");
        assertThat(whatIf.code()).isNotZero();
        assertThat(whatIf.err()).contains("band.good.from = 95: expected the bands' cut-offs to rise with the rating");
    }

    /** A spreadsheet saving UTF-8 writes a byte-order mark first; the register reads the same with or without it. */
    @org.junit.jupiter.api.Test
    void aRegisterSavedWithAByteOrderMarkReadsAsWithout() throws Exception {
        Path rules = copy();
        Path register = rules.resolve("policy/register.csv");
        Files.write(register, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Files.readAllBytes(register)));
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).endsWith("no problems\n");
    }

    @org.junit.jupiter.api.Test
    void aQuoteThatIsNeverClosedIsReportedWhereItOpens() throws Exception {
        Path rules = copy();
        Path register = rules.resolve("policy/register.csv");
        int row = row(register, "band.inadequate.from,");
        TestSupport.replace(register, "band.inadequate.from,rating:inadequate,cut-off,0,percent,2023-01-01,,CQC published,",
                "band.inadequate.from,rating:inadequate,cut-off,0,percent,2023-01-01,,\"CQC published,");
        int column = Files.readAllLines(register).get(row - 1).indexOf('"') + 1;
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(register + ":" + row + ":" + column + ": a quote that is never closed; expected a "
                + "closing \" at the end of the cell");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @org.junit.jupiter.api.Test
    void anUnknownColumnAndAnOverlappingRowAreRefused() throws Exception {
        Path rules = copy();
        Path register = rules.resolve("policy/register.csv");
        TestSupport.replace(register, "id,applies_to,", "id,applies,");
        var run = TestSupport.cli("validate", rules.toString());
        assertThat(run.out()).contains(register + ":1:2: unknown column 'applies'; expected the columns [id, applies_to, "
                + "kind, value, unit, effective_from, effective_to, source, citation, rationale, owner]");

        Path again = copy();
        Path reg = again.resolve("policy/register.csv");
        int first = row(reg, GOOD_ROW);
        Files.writeString(reg, GOOD_ROW.replace(",90,", ",85,").replace("2023-01-01", "2025-01-01")
                + "Assessor policy,c,r,o\n", java.nio.file.StandardOpenOption.APPEND);
        int second = Files.readAllLines(reg).size();
        var overlap = TestSupport.cli("validate", again.toString());
        assertThat(overlap.code()).isEqualTo(1);
        assertThat(overlap.out()).contains(reg + ":" + second + ":6: row for 'training.violence-and-aggression-prevention-"
                + "compliance' in force from 2025-01-01 overlaps the row at " + reg + ":" + first
                + " (in force from 2023-01-01); give the earlier row an effective_to before 2025-01-01");
    }

    @org.junit.jupiter.api.Test
    void aValueWithAHistoryFollowsTheAssessmentDate() throws Exception {
        Path rules = copy();
        Path reg = rules.resolve("policy/register.csv");
        // The training target was 90 until the end of 2024 and 70 from 2025: the seed (July 2025) is read against 70.
        TestSupport.replace(reg, GOOD_ROW, GOOD_ROW.replace(",,", ",2024-12-31,"));
        Files.writeString(reg, GOOD_ROW.replace(",90,", ",70,").replace("2023-01-01", "2025-01-01")
                + "Assessor policy,c,r,o\n", java.nio.file.StandardOpenOption.APPEND);
        var run = TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025", "--rules", rules.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("71% against 70%").doesNotContain("71% against 90%");
    }

    private Path copy() throws Exception {
        Path rules = Files.createTempDirectory(tmp, "rules");
        TestSupport.copy(Path.of("rules"), rules);
        return rules;
    }

    private static int row(Path register, String start) throws Exception {
        List<String> lines = Files.readAllLines(register);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(start)) return i + 1;
        throw new IllegalStateException(start + " not in " + register);
    }
}
