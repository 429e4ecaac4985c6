package org.assessor.draft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assessor.ruleset.CodingWords;
import org.assessor.ruleset.Framework;

/**
 * Finds each quality statement's section of a report by its heading (a block that is the statement's name, as the
 * framework file gives it; letter case, dashes and quote marks aside) and cuts each section into sentences. Text
 * before the first heading is the report's summary and is not read; CQC's standard text for a statement (the coding
 * words' standard-text headings, up to a findings heading) is kept, marked not evidence.
 */
public final class Sections {

    /** One sentence of a statement's section, with why it is not evidence when it is not (null when it may be). */
    public record Sentence(String statement, String section, String where, String text, String notEvidence) {}

    private Sections() {}

    /** Text in a form two spellings of one heading share. */
    static String key(String s) {
        return Phrases.same(s).toLowerCase(Locale.ROOT).replaceAll("[\\u2010-\\u2015\\-]", "-")
                .replaceAll("\\s*-\\s*", " - ").replaceAll("[\\s\\u00A0]+", " ").replaceAll("[.:]$", "").strip();
    }

    /** The statement id whose heading a block is, or null. */
    static String heading(Framework framework, String text) {
        if (text.length() > 120) return null;
        String k = key(text);
        for (var st : framework.statements().values()) {
            if (key(st.name()).equals(k)) return st.id();
        }
        return null;
    }

    /** How many statement headings of the framework the report has. */
    static int headings(Framework framework, ReportReader.Report report) {
        return (int) report.blocks().stream().filter(b -> heading(framework, b.text()) != null).count();
    }

    /**
     * The sentences of every statement section, in report order. {@code only}: the whole report is this statement's
     * text (an excerpt of one statement), headings aside.
     */
    static List<Sentence> sentences(Framework framework, CodingWords words, ReportReader.Report report, String only) {
        List<Sentence> out = new ArrayList<>();
        String statement = only;
        String section = only == null ? null : framework.statements().get(only).name();
        boolean standard = false;
        for (ReportReader.Block b : report.blocks()) {
            String st = heading(framework, b.text());
            if (st != null && (only == null || st.equals(only))) {
                statement = st;
                section = b.text();
                standard = false;
                continue;
            }
            if (statement == null) continue;
            String k = key(b.text());
            if (words.notEvidence().standardTextHeadings().stream().anyMatch(h -> key(h).equals(k))) {
                standard = true;
                continue;
            }
            if (words.notEvidence().findingsHeadings().stream().anyMatch(h -> key(h).equals(k))) {
                standard = false;
                continue;
            }
            for (String s : Segmenter.sentences(b.text())) {
                String reason = standard ? "CQC's standard text for the statement, the same for every organisation "
                        + "(guide section 1)" : marker(words, s);
                out.add(new Sentence(statement, section, b.where(), s, reason));
            }
        }
        return out;
    }

    /** The reason a sentence is not evidence, from the coding words' markers; null when none applies. */
    static String marker(CodingWords words, String sentence) {
        for (var m : words.notEvidence().sentences()) {
            boolean hit = m.where().equals("start") ? Phrases.startsWith(sentence, m.phrase())
                    : Phrases.any(sentence, List.of(m.phrase()));
            if (hit) return m.reason();
        }
        return null;
    }

    /** The statements found, in report order, with their section headings. */
    static Map<String, String> found(List<Sentence> sentences) {
        Map<String, String> m = new LinkedHashMap<>();
        sentences.forEach(s -> m.putIfAbsent(s.statement(), s.section()));
        return m;
    }
}
