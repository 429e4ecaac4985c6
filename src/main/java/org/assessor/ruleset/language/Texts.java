package org.assessor.ruleset.language;

/** How the rule language's messages quote what they found: on one line, and short, however long the rule text is. */
final class Texts {
    static final int LONGEST = 80;

    private Texts() {}

    static String shorten(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= LONGEST ? one : one.substring(0, LONGEST) + "…";
    }
}
