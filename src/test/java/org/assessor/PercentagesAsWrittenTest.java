package org.assessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assessor.facts.Numbers;
import org.junit.jupiter.api.Test;

/**
 * Percentages in the reports are written as a person writes them (two decimals at most, trailing zeros dropped), the
 * band sentence compares the numbers the reader sees, the exact value stays in the JSON result, and the rounding note
 * is said once, where a raw value is exactly a half.
 */
class PercentagesAsWrittenTest {
    private static final String SIX_STATEMENTS = "fixtures/statements/effective-statement-rules"; // 16 of 24
    private static final String THREE_HALVES = "fixtures/local-authority/boundaries/raw-62-5-on-cut-off";

    @Test
    void numbersAreWrittenToTwoDecimalsAtMostWithoutTrailingZeros() {
        assertThat(Numbers.written(100.0 * 16 / 24)).isEqualTo("66.67");
        assertThat(Numbers.written(100.0 * 7 / 12)).isEqualTo("58.33");
        assertThat(Numbers.written(43.75)).isEqualTo("43.75");
        assertThat(Numbers.written(59.375)).isEqualTo("59.38");
        assertThat(Numbers.writtenPercent(50.0)).isEqualTo("50%");
        assertThat(Numbers.writtenPercent(100.0)).isEqualTo("100%");
        assertThat(Numbers.isHalf(62.5)).isTrue();
        assertThat(Numbers.isHalf(37.5)).isTrue();
        assertThat(Numbers.isHalf(62.25)).isFalse();
        assertThat(Numbers.isHalf(62.0)).isFalse();
        assertThat(Numbers.atLeastCutOff(100.0 * 16 / 24, 62.5)).isEqualTo("66.67% is at least the cut-off 62.5%");
        assertThat(Numbers.atLeastCutOff(62.501, 62.5))
                .isEqualTo("62.5% (rounded; the raw value is just above) is at least the cut-off 62.5%");
    }

    @Test
    void aPercentageThatDoesNotEndIsWrittenAsAPersonWritesItAndKeptExactInJson() throws Exception {
        var text = TestSupport.cli("evaluate", SIX_STATEMENTS);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("17 of 24 (6 statements × 4) = 70.83%, shown as 71\n")
                .contains("band: Good: 70.83% is at least the cut-off 62.5% (band.good.from, register row 3)\n")
                .doesNotContain("70.833");
        var json = new ObjectMapper().readTree(TestSupport.cli("evaluate", SIX_STATEMENTS, "--format", "json").out());
        var effective = java.util.stream.StreamSupport.stream(json.get("keyQuestions").spliterator(), false)
                .filter(k -> k.get("id").asText().equals("effective")).findFirst().orElseThrow();
        assertThat(effective.at("/score/raw").asDouble()).isEqualTo(100.0 * 17 / 24);
        assertThat(effective.at("/score/sentence").asText()).isEqualTo("17 of 24 (6 statements × 4) = 70.83%, shown as 71");
        assertThat(effective.at("/score/roundingNote").isNull()).isTrue();
    }

    @Test
    void theRoundingNoteIsSaidOnceBesideTheFirstHalfItDecides() {
        // Two themes and the overall percentage are each exactly 62.5: the note is said once, at the first of them.
        var text = TestSupport.cli("evaluate", THREE_HALVES).out();
        String note = "rounding: 62.5 shows as 62: halves round to the even number (display.rounding, register row 6)";
        assertThat(text.split(java.util.regex.Pattern.quote("halves round"), -1)).hasSize(2);
        assertThat(text.indexOf("= 62.5%, shown as 62\n  " + note + "\n"))
                .isEqualTo(text.indexOf("= 62.5%, shown as 62\n")).isPositive();
        var explain = TestSupport.cli("explain", THREE_HALVES, "--no-sensitivity").out();
        assertThat(explain.split("halves round", -1)).hasSize(2);
        var html = TestSupport.cli("evaluate", THREE_HALVES, "--format", "html").out();
        assertThat(html.split("halves round", -1)).hasSize(2);
        assertThat(html).contains("<div class=\"box\">Rounding: 62.5 shows as 62: halves round to the even number");
        // A half that rounds up to the even number is explained as that case; a report with no half has no note.
        assertThat(TestSupport.cli("evaluate", "fixtures/boundaries/raw-37-5-on-cut-off").out())
                .contains("rounding: 37.5 shows as 38: halves round to the even number");
        assertThat(TestSupport.cli("evaluate", "fixtures/cpft-well-led-2025").out()).doesNotContain("rounding:")
                .doesNotContain("halves");
    }
}
