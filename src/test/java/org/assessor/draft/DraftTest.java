package org.assessor.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.assessor.TestSupport;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;
import org.assessor.result.Assessor;
import org.assessor.ruleset.CodingWords;
import org.assessor.ruleset.Framework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The draft of a report: the measured figures on the seed's public report and three calibration excerpts (the
 * project's own copies, in src/test/resources/reports), the files it writes, and each bad input refused with nothing
 * written.
 */
class DraftTest {
    static final Path RULES = Path.of("rules");
    static final Path SEED = Path.of("src/test/resources/reports/cpft-well-led-2025.txt");

    private static DraftMeasure.Result measure(Path report, Draft.Options o, Path coded) throws Exception {
        Draft.Made made = Draft.make(RULES, report, o);
        Assessor assessor = new Assessor(RULES);
        var fw = Framework.load(RULES, made.framework());
        DraftMeasure.Result r = DraftMeasure.of(fw, made, assessor.load(coded));
        System.out.println(report.getFileName() + ": quotes found " + r.found() + " of " + r.codedItems()
                + ", metrics matched " + r.metricsMatched() + " of " + r.codedMetrics() + ", kappa "
                + r.agreement().fields().stream().map(f -> f.field() + " " + (f.kappa() == null ? "–"
                : String.format("%.2f", f.kappa()))).toList());
        return r;
    }

    @Test
    void theSeedsDraftFindsNineInTenOfItsQuotesAndFourInFiveOfItsMetrics() throws Exception {
        var r = measure(SEED, new Draft.Options(null, null, null, null, null), Path.of("fixtures/cpft-well-led-2025"));
        assertThat(r.codedItems()).isEqualTo(68);
        assertThat(r.found()).as("quotes found").isGreaterThanOrEqualTo((int) Math.ceil(0.9 * 68));
        assertThat(r.codedMetrics()).isEqualTo(30);
        assertThat(r.metricsMatched()).as("metrics matched").isGreaterThanOrEqualTo(24);
        assertThat(r.agreement().matched()).isGreaterThanOrEqualTo(60);
        var direction = r.agreement().fields().stream().filter(f -> f.field().equals("observation direction")).findFirst()
                .orElseThrow();
        assertThat(direction.kappa()).as("kappa of direction").isGreaterThan(0.4);
    }

    @Test
    void theSegmenterCutsTheSeedWhereItsCoderDid() throws Exception {
        Framework fw = Framework.load(RULES);
        var report = ReportReader.read(SEED, line -> Sections.heading(fw, line) != null);
        var sentences = Sections.sentences(fw, CodingWords.load(RULES), report, null).stream()
                .map(Sections.Sentence::text).toList();
        int one = 0;
        int run = 0;
        int part = 0;
        for (var item : new Assessor(RULES).load(Path.of("fixtures/cpft-well-led-2025")).items().values()) {
            String q = item.source().quote();
            if (sentences.contains(q)) {
                one++;
            } else if (runOf(sentences, q)) {
                run++;
            } else if (sentences.stream().anyMatch(x -> x.contains(q))) {
                part++; // the coder quoted part of a sentence (gov-13 stops before "stating: …")
            }
        }
        System.out.println("segmenter on the seed: " + sentences.size() + " sentences; of the 68 coded quotes " + one
                + " are one sentence as cut, " + run + " two or three consecutive sentences, " + part
                + " part of one sentence");
        assertThat(one + run + part).as("no coded quote cuts across a sentence boundary the segmenter found")
                .isEqualTo(68);
        assertThat(part).isLessThanOrEqualTo(1);
    }

    private static boolean runOf(java.util.List<String> sentences, String q) {
        for (int i = 0; i < sentences.size(); i++) {
            StringBuilder b = new StringBuilder(sentences.get(i));
            for (int j = i + 1; j < Math.min(sentences.size(), i + 3) && q.startsWith(b.toString()); j++) {
                b.append(' ').append(sentences.get(j));
                if (b.toString().equals(q)) return true;
            }
        }
        return false;
    }

    @Test
    void threeCalibrationExcerptsAreFoundWhole() throws Exception {
        String[][] cases = {
                {"cal-09", "local-authority", "assessing-needs", "cal-09-bristol-assessing-needs"},
                {"cal-11", "local-authority", "supporting-people-to-live-healthier-lives",
                        "cal-11-bristol-supporting-people-to-live-healthier-lives"},
                {"cal-14", "provider", "person-centred-care", "cal-14-kidderminster-children-person-centred-care"}};
        int found = 0;
        int coded = 0;
        int metrics = 0;
        int matched = 0;
        for (String[] c : cases) {
            var r = measure(Path.of("src/test/resources/reports/" + c[0] + ".txt"),
                    new Draft.Options(c[1], null, c[2], null, null), Path.of("fixtures/calibration/" + c[3]));
            found += r.found();
            coded += r.codedItems();
            metrics += r.codedMetrics();
            matched += r.metricsMatched();
        }
        assertThat(found).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * coded));
        assertThat(matched).isGreaterThanOrEqualTo((int) Math.ceil(0.8 * metrics));
    }

    @Test
    void theDraftIsWrittenAndEvaluateRefusesItUntilItsSuggestionsAreAccepted(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("seed-draft");
        var run = TestSupport.cli("draft", SEED.toString(), "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(out.resolve("evidence.json")).exists();
        assertThat(out.resolve("draft.json")).exists();
        String evidence = Files.readString(out.resolve("evidence.json"));
        assertThat(evidence).contains("\"suggested\"").contains("\"quote\" : \"Feedback from stakeholders noted that the "
                + "strategy did not feel embedded or lived.\"");
        var refused = TestSupport.cli("evaluate", out.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).containsPattern("evidence\\.json:\\d+:\\d+: evidence 'sdc-01' is a draft's suggestion "
                + "no coder has accepted").contains("remove the names from \"suggested\" once checked");
        // Counted as coded, the draft is a fixture the rules evaluate.
        var coded = new Assessor(RULES).evaluate(EvidenceLoader.asCoded(Files.readAllBytes(out.resolve("evidence.json"))),
                "draft");
        assertThat(coded.keyQuestions()).isNotEmpty();
        // A second draft into the same folder is refused, and nothing is overwritten.
        byte[] before = Files.readAllBytes(out.resolve("evidence.json"));
        var again = TestSupport.cli("draft", SEED.toString(), "-o", out.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
        assertThat(Files.readAllBytes(out.resolve("evidence.json"))).isEqualTo(before);
    }

    @Test
    void anHtmlReportIsReadByItsHeadingsAndParagraphs(@TempDir Path tmp) throws Exception {
        Path html = tmp.resolve("report.html");
        Files.writeString(html, "<!DOCTYPE html><html><head><title>x</title><script>var a = 'Freedom to speak up';</script>"
                + "</head><body><h1>Example NHS Trust</h1><p>Report from 3 March 2025 assessment</p>"
                + "<h2>Freedom to speak up</h2><p>Staff told us they did not feel safe to raise concerns. "
                + "The trust had a freedom to speak up policy.</p><ul><li>Many staff reported a culture of fear.</li></ul>"
                + "</body></html>");
        var made = Draft.make(RULES, html, new Draft.Options(null, "nhs-trust", null, null, null));
        String evidence = new String(made.evidence(), StandardCharsets.UTF_8);
        assertThat(made.items()).isEqualTo(3);
        assertThat(evidence).contains("\"provider\" : \"Example NHS Trust\"").contains("\"assessmentDate\" : \"2025-03-03\"")
                .contains("Many staff reported a culture of fear.").doesNotContain("var a");
    }

    @Test
    void aPdfReportIsReadFromItsTextLayer(@TempDir Path tmp) throws Exception {
        Path pdf = tmp.resolve("report.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                c.beginText();
                c.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                c.newLineAtOffset(50, 700);
                c.showText("Freedom to speak up");
                c.newLineAtOffset(0, -30);
                c.showText("Staff told us they did not feel safe to raise concerns.");
                c.endText();
            }
            doc.save(pdf.toFile());
        }
        var made = Draft.make(RULES, pdf, new Draft.Options(null, "nhs-trust", null, "Example NHS Trust", "2025-03-03"));
        assertThat(new String(made.evidence(), StandardCharsets.UTF_8))
                .contains("Staff told us they did not feel safe to raise concerns.").contains("\"who\" : \"staff\"");
    }

    @Test
    void anUnreadablePdfIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path pdf = tmp.resolve("broken.pdf");
        Files.write(pdf, "%PDF-1.7\nthis is not a PDF body at all".getBytes(StandardCharsets.US_ASCII));
        refused(tmp, pdf, "broken.pdf: cannot be read as a PDF (");
    }

    @Test
    void aScannedPdfWithoutTextIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path pdf = tmp.resolve("scanned.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            var image = LosslessFactory.createFromImage(doc, img);
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                c.drawImage(image, 50, 500);
            }
            doc.save(pdf.toFile());
        }
        refused(tmp, pdf, "scanned.pdf: the PDF has 1 page but no text on them (scanned images?); expected a PDF with a "
                + "text layer");
    }

    @Test
    void aReportWithNoStatementHeadingIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path txt = tmp.resolve("minutes.txt");
        Files.writeString(txt, "Minutes of the board\n\nThe board met on 3 March 2025. Staff told us it went well.\n");
        refused(tmp, txt, "minutes.txt: no heading of a quality statement found in the text report (2 paragraphs read); "
                + "expected a line that is a statement's name, such as 'Learning culture' (provider)");
    }

    private static void refused(Path tmp, Path report, String message) throws IOException {
        Path out = tmp.resolve("out");
        var run = TestSupport.cli("draft", report.toString(), "-o", out.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(message).contains("assessor: nothing was written");
        assertThat(out).doesNotExist();
    }

    @Test
    void theGuidePrintsTheCodingWordsAsTheyStand() throws Exception {
        var run = TestSupport.cli("draft", "--print-words");
        assertThat(run.code()).isZero();
        String guide = Files.readString(Path.of("docs/coding-guide.md"));
        int start = guide.indexOf(WordsPrinter.START);
        int end = guide.indexOf(WordsPrinter.END);
        assertThat(start).as("the guide holds the generated word lists").isGreaterThanOrEqualTo(0);
        assertThat(guide.substring(start, end + WordsPrinter.END.length()).strip())
                .as("docs/coding-guide.md prints the words of rules/coding/words.json; regenerate with "
                        + "./assessor draft --print-words").isEqualTo(run.out().strip());
    }

    @Test
    void aCodingWordOfNoFrameworkIsRefusedWhereItStands(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("rules");
        TestSupport.copy(RULES, rules);
        Path words = rules.resolve(CodingWords.FILE);
        Files.writeString(words, Files.readString(words).replace("\"unit\": \"segment\"", "\"unit\": \"segments\""));
        try {
            CodingWords.load(rules);
            throw new AssertionError("expected the unknown unit to be refused");
        } catch (InvalidInputException e) {
            assertThat(e.problems().get(0).toString()).matches(".*words\\.json:\\d+:\\d+: unknown unit \"segments\"; "
                    + "expected one of \\[percent, .*");
        }
    }

    @Test
    void theLoaderReadsTheSuggestedMarkerStrictly() throws Exception {
        String seed = Files.readString(Path.of("fixtures/cpft-well-led-2025/evidence.json"));
        Assessor assessor = new Assessor(RULES);
        // An empty list: everything accepted; the fixture loads.
        String accepted = seed.replaceFirst("\"id\": \"sdc-01\",", "\"id\": \"sdc-01\", \"suggested\": [],");
        assertThat(assessor.load(accepted.getBytes(StandardCharsets.UTF_8), "accepted.json").items()).hasSize(68);
        // An unknown name, and a name given twice, are refused where they stand.
        String wrong = seed.replaceFirst("\"id\": \"sdc-01\",", "\"id\": \"sdc-01\", \"suggested\": [\"colour\", "
                + "\"kind\", \"kind\"],");
        try {
            assessor.load(wrong.getBytes(StandardCharsets.UTF_8), "wrong.json");
            throw new AssertionError("expected the suggested names to be refused");
        } catch (InvalidInputException e) {
            assertThat(e.problems().stream().map(Object::toString).toList()).anySatisfy(p -> assertThat(p)
                    .matches("wrong\\.json:\\d+:\\d+: unknown suggested field \"colour\"; expected some of \\[statement, .*"))
                    .anySatisfy(p -> assertThat(p).matches("wrong\\.json:\\d+:\\d+: suggested field \"kind\" is named twice"))
                    .anySatisfy(p -> assertThat(p).contains("evidence 'sdc-01' is a draft's suggestion no coder has "
                            + "accepted (colour, kind, kind)"));
        }
    }

    @Test
    void theSegmenterSplitsAFullStopWithNoSpaceAfterIt() {
        assertThat(Segmenter.sentences("There had been a lack of commitment within the trust.With the arrival of the "
                + "new chief executive the trust had changed. However, work remained, e.g. on culture."))
                .containsExactly("There had been a lack of commitment within the trust.",
                        "With the arrival of the new chief executive the trust had changed.",
                        "However, work remained, e.g. on culture.");
    }
}
