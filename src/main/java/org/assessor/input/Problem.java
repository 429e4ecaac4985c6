package org.assessor.input;

/** One mistake in an input file, at a position: printed as {@code file:line:column: message}. */
public record Problem(String file, int line, int column, String message) implements Comparable<Problem> {

    /**
     * Control and bidirectional characters (from a field name, an id or a path in the input) are shown as {@code \\uXXXX},
     * so a message can neither move the terminal's cursor nor reorder what it shows.
     */
    public Problem {
        file = visible(file);
        message = visible(message);
    }

    /** The text with every control or bidirectional character written as {@code \\uXXXX}. */
    public static String visible(String text) {
        if (text == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hidden = isControl(c) || isBidirectional(c);
            if (hidden && b == null) b = new StringBuilder(text.substring(0, i));
            if (b != null) {
                if (hidden) b.append(String.format("\\u%04X", (int) c)); else b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    @Override
    public String toString() {
        if (line <= 0) return file + ": " + message;
        return file + ":" + line + ":" + Math.max(column, 1) + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    /** A control character (a tab excepted): it moves a terminal's cursor or breaks a line. */
    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0);
    }

    /** A bidirectional formatting character: it reorders how the text around it is shown. */
    public static boolean isBidirectional(char c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
    }
}
