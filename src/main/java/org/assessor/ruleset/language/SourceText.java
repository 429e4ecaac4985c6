package org.assessor.ruleset.language;

import java.util.ArrayList;
import java.util.List;
import org.assessor.input.Problem;

/** A rule file's text with its line starts, so an offset in it becomes a line and column (both counted from 1). */
final class SourceText {
    private final String file;
    private final String text;
    private final int[] lineStarts;

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String file() {
        return file;
    }

    String text() {
        return text;
    }

    /** A problem at an offset of the file's text. */
    Problem at(int offset, String message) {
        int o = Math.max(0, Math.min(offset, text.length()));
        int line = java.util.Arrays.binarySearch(lineStarts, o);
        if (line < 0) line = -line - 2;
        return new Problem(file, line + 1, o - lineStarts[line] + 1, message);
    }

    /** A problem at a line and a column counted from 0 (as Drools' descriptors give them). */
    Problem atLine(int line, int column0, String message) {
        return new Problem(file, Math.max(line, 1), Math.max(column0, 0) + 1, message);
    }

    /** The offset where a line (counted from 1) starts. */
    int lineStart(int line) {
        if (line < 1) return 0;
        return line > lineStarts.length ? text.length() : lineStarts[line - 1];
    }

    /**
     * The offset where {@code part} is written at or after {@code from} (its first occurrence), or -1; Drools gives
     * some parts of a rule (an accumulate's arguments, a consequence) without their own positions.
     */
    int find(String part, int from) {
        if (part == null || part.isEmpty()) return -1;
        return text.indexOf(part, Math.max(0, from));
    }
}
