package org.assessor.ruleset.language;

/** One token of a condition or a consequence: what kind it is, its text, and its offset in the text it was read from. */
record Token(Kind kind, String text, int at) {
    /** The kinds of token the rule language has. */
    enum Kind { NAME, NUMBER, STRING, SYMBOL, END, ERROR }

    boolean is(String symbolOrWord) {
        return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbolOrWord);
    }

    /** The token as a message shows it. */
    String shown() {
        return kind == Kind.END ? "the end" : "'" + Texts.shorten(text) + "'";
    }
}
