package org.assessor.ruleset.language;

/** A place in a condition or consequence that the rule language does not accept, with what was found and what to write. */
final class LanguageError extends Exception {
    private final int at;

    LanguageError(int at, String message) {
        super(message, null, false, false);
        this.at = at;
    }

    /** The offset in the text the error was found in. */
    int at() {
        return at;
    }
}
