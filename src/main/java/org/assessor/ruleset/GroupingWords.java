package org.assessor.ruleset;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A framework's own word for its grouping level put into text the shared rules write. The shared rules
 * ({@code rules/method/}, {@code rules/evidence/}) say "key question" for the grouping level, as the fact names do
 * ({@code KeyQuestion}, {@code KeyQuestionScore}): it is the word of the framework the method was written for, and a
 * rule reads best in its domain's words. Where such a name, reason or sentence is shown for a framework whose word
 * differs (a council's "theme"), this puts that word in: "key question" and "key questions", "key-question" used as an
 * adjective, a capital kept and "a" or "an" before it agreeing with the new word. Text for the provider framework is
 * returned unchanged.
 */
public final class GroupingWords {
    /** The word the shared rules and the fact names use for the grouping level. */
    public static final String RULES_WORD = "key question";
    private static final Pattern WORD = Pattern.compile("\\b(?:([Aa]n?) )?([Kk])ey[- ]question(s?)\\b");

    private final String singular;
    private final String plural;

    public GroupingWords(String singular, String plural) {
        this.singular = singular;
        this.plural = plural;
    }

    /** The text with the framework's word for "key question"; null stays null. */
    public String say(String text) {
        if (text == null || singular.equals(RULES_WORD)) return text;
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group(3).isEmpty() ? singular : plural;
            boolean capital = m.group(1) == null && m.group(2).equals("K");
            if (capital) word = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
            String article = m.group(1) == null ? "" : article(m.group(1), word) + " ";
            m.appendReplacement(out, Matcher.quoteReplacement(article + word));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** "a" or "an" as the word after it needs (by its first letter), with the original's capital. */
    private static String article(String original, String word) {
        String a = "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
        return Character.isUpperCase(original.charAt(0)) ? "A" + a.substring(1) : a;
    }
}
