package org.assessor.draft;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a paragraph into sentences with the JDK's sentence segmenter ({@link BreakIterator}, Unicode's sentence
 * boundary rules), then repairs one mistake of the source text it cannot see: a full stop with no space after it
 * before a new sentence ("within the trust.With the arrival"), found by a lower-case word, a full stop and a capitalised
 * word. Each sentence is the paragraph's text, unchanged, between two boundaries.
 */
public final class Segmenter {
    private static final Pattern NO_SPACE = Pattern.compile("(?<=\\p{Ll}{2}[.!?])(?=\\p{Lu}\\p{Ll})");

    private Segmenter() {}

    public static List<String> sentences(String paragraph) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.UK);
        it.setText(paragraph);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = paragraph.substring(start, end).strip();
            if (s.isEmpty()) continue;
            Matcher m = NO_SPACE.matcher(s);
            int from = 0;
            while (m.find()) {
                out.add(s.substring(from, m.start()).strip());
                from = m.start();
            }
            out.add(s.substring(from).strip());
        }
        return out;
    }
}
