package org.assessor.draft;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the phrases of the coding words in a sentence: whole words, any letter case, curly and straight apostrophes
 * alike; {n} and {m} stand for a number, {year} for a year (2023, 2023/24). Only the matching is here: every phrase
 * comes from {@code rules/coding/words.json}.
 */
final class Phrases {
    /** A phrase found: where it is in the text, the phrase as listed, and the numbers its placeholders matched. */
    record Hit(int start, int end, String phrase, List<String> numbers) {
        String text(String in) {
            return in.substring(start, end);
        }
    }

    static final String NUMBER = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
    static final String YEAR = "(?:19|20)\\d\\d(?:\\s?[/-]\\s?(?:(?:19|20)\\d\\d|\\d\\d))?";
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private Phrases() {}

    static Pattern pattern(String phrase) {
        return COMPILED.computeIfAbsent(phrase, Phrases::compile);
    }

    private static Pattern compile(String phrase) {
        StringBuilder re = new StringBuilder();
        String p = same(phrase);
        if (Character.isLetterOrDigit(p.charAt(0)) || p.startsWith("{")) re.append("(?<![\\p{L}\\p{N}])");
        Matcher m = Pattern.compile("\\{(n|m|year)}").matcher(p);
        int last = 0;
        while (m.find()) {
            re.append(literal(p.substring(last, m.start())));
            re.append(m.group(1).equals("year") ? "(" + YEAR + ")" : "(" + NUMBER + ")");
            last = m.end();
        }
        re.append(literal(p.substring(last)));
        char end = p.charAt(p.length() - 1);
        if (Character.isLetterOrDigit(end) || p.endsWith("}")) re.append("(?![\\p{L}\\p{N}])");
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** A literal part: a space matches any run of spaces. */
    private static String literal(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == ' ') {
                b.append("\\s+");
                while (i < s.length() && s.charAt(i) == ' ') i++;
            } else {
                int j = i;
                while (j < s.length() && s.charAt(j) != ' ') j++;
                b.append(Pattern.quote(s.substring(i, j)));
                i = j;
            }
        }
        return b.toString();
    }

    /** Curly apostrophes as straight ones, so either spelling matches: the same length, so positions hold. */
    static String same(String s) {
        return s.replace('\u2019', '\'').replace('\u2018', '\'');
    }

    /** Every occurrence of every phrase, in text order, longest first where two start together. */
    static List<Hit> all(String text, Collection<String> phrases) {
        String t = same(text);
        List<Hit> hits = new ArrayList<>();
        for (String phrase : phrases) {
            if (phrase == null || phrase.isBlank()) continue;
            Matcher m = pattern(phrase).matcher(t);
            while (m.find()) {
                List<String> nums = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) nums.add(m.group(g));
                hits.add(new Hit(m.start(), m.end(), phrase, nums));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::start).thenComparing(Comparator.comparingInt((Hit h) -> h.end()).reversed()));
        return hits;
    }

    /** The hits with none inside a longer one ("not always" hides "always"). */
    static List<Hit> longest(List<Hit> hits) {
        List<Hit> out = new ArrayList<>();
        for (Hit h : hits) {
            boolean inside = false;
            for (Hit o : hits) {
                if (o != h && o.start() <= h.start() && o.end() >= h.end() && (o.end() - o.start()) > (h.end() - h.start())) {
                    inside = true;
                    break;
                }
            }
            if (!inside && out.stream().noneMatch(x -> x.start() == h.start() && x.end() == h.end())) out.add(h);
        }
        return out;
    }

    static boolean any(String text, Collection<String> phrases) {
        return !all(text, phrases).isEmpty();
    }

    static boolean startsWith(String text, String phrase) {
        Matcher m = pattern(phrase).matcher(same(text));
        return m.lookingAt();
    }
}
