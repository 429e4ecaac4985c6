package org.assessor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch's line reader gives the same lines as reading a byte at a time would, across its block boundaries. */
class LineReaderTest {
    private static List<String> lines(String text, int limit, List<Boolean> tooLong, List<Boolean> atEnd) throws Exception {
        var r = new BatchSource.LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
        List<String> out = new ArrayList<>();
        for (byte[] l; (l = r.next()) != null; ) {
            out.add(new String(l, StandardCharsets.UTF_8));
            tooLong.add(r.tooLong());
            atEnd.add(r.atEnd());
        }
        return out;
    }

    @Test
    void linesBlankLinesAndALastLineWithoutANewline() throws Exception {
        List<Boolean> tooLong = new ArrayList<>();
        List<Boolean> atEnd = new ArrayList<>();
        assertThat(lines("a\n\nbc\nd", 100, tooLong, atEnd)).containsExactly("a", "", "bc", "d");
        assertThat(atEnd).containsExactly(false, false, false, true);
        assertThat(lines("a\n", 100, new ArrayList<>(), new ArrayList<>())).containsExactly("a");
        assertThat(lines("", 100, new ArrayList<>(), new ArrayList<>())).isEmpty();
    }

    @Test
    void aLineLongerThanABlockIsWholeAndALineLongerThanTheLimitIsCutAndMarked() throws Exception {
        String big = "x".repeat(200_000);
        List<Boolean> tooLong = new ArrayList<>();
        assertThat(lines(big + "\nnext\n", 300_000, tooLong, new ArrayList<>())).containsExactly(big, "next");
        assertThat(tooLong).containsExactly(false, false);
        tooLong.clear();
        List<String> cut = lines(big + "\nnext", 1000, tooLong, new ArrayList<>());
        assertThat(cut).hasSize(2);
        assertThat(cut.get(0)).hasSize(1000);
        assertThat(cut.get(1)).isEqualTo("next");
        assertThat(tooLong).containsExactly(true, false);
    }
}
