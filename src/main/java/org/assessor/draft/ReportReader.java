package org.assessor.draft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads a report into blocks of text (paragraphs and headings), each with where it is in the file: plain text (each
 * line a block), HTML (parsed by jsoup, a real HTML5 parser: each heading, paragraph, list item and table cell a
 * block) or PDF (Apache PDFBox's text extraction, each paragraph a block). Whitespace runs become one space; no other
 * character is changed, so a quote copied from a block is the report's text.
 */
public final class ReportReader {
    /** Largest report read (a long report is about 100 KB of text; a PDF with images a few MB). */
    public static final long MAX_BYTES = 50L * 1024 * 1024;

    /** One paragraph or heading of the report and where it starts ("line 12", "page 3"). */
    public record Block(String text, String where, int line) {}

    /** A report read: its file as shown, its format and its blocks in order. */
    public record Report(String file, String format, List<Block> blocks, byte[] bytes) {}

    private ReportReader() {}

    public static Report read(Path file, java.util.function.Predicate<String> heading) throws InvalidInputException {
        String shown = file.toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(new Problem(shown, 0, 0, "no such file; expected a report as plain "
                        + "text (.txt), HTML (.html) or PDF (.pdf)"));
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(new Problem(shown, 0, 0, "the file is " + Files.size(file)
                        + " bytes; the largest report read is " + MAX_BYTES + " bytes"));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "cannot be read: " + e.getMessage()));
        }
        return read(bytes, shown, heading);
    }

    /**
     * Reads a report already in memory, its format found from its first bytes (and its name for HTML). {@code heading}
     * says which lines are headings, so that a PDF's heading line is not joined into the paragraph after it.
     */
    public static Report read(byte[] bytes, String shown, java.util.function.Predicate<String> heading)
            throws InvalidInputException {
        String name = shown.toLowerCase(Locale.ROOT);
        if (bytes.length == 0) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "the file is empty; expected a report's text"));
        }
        if (startsWith(bytes, "%PDF-")) return pdf(bytes, shown, heading);
        if (name.endsWith(".pdf")) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "the file is named .pdf but is not a PDF (it does "
                    + "not start with %PDF-); expected a PDF, or the report as text or HTML"));
        }
        String text = utf8(bytes, shown);
        String head = text.stripLeading().toLowerCase(Locale.ROOT);
        boolean html = name.endsWith(".html") || name.endsWith(".htm") || head.startsWith("<!doctype html")
                || head.startsWith("<html");
        return html ? html(text, shown, bytes) : text(text, shown, bytes);
    }

    private static boolean startsWith(byte[] bytes, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < m.length) return false;
        for (int i = 0; i < m.length; i++) if (bytes[i] != m[i]) return false;
        return true;
    }

    private static String utf8(byte[] bytes, String shown) throws InvalidInputException {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (s.indexOf('\0') >= 0) {
                throw new InvalidInputException(new Problem(shown, 0, 0, "the file holds binary data, not text; expected "
                        + "a report as plain text (UTF-8), HTML or PDF"));
            }
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "the file is not UTF-8 text (nor a PDF); expected "
                    + "a report as plain text in UTF-8, HTML or PDF"));
        }
    }

    /** Plain text: each non-blank line is a block. */
    static Report text(String text, String shown, byte[] bytes) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = normal(lines[i]);
            if (!t.isEmpty()) blocks.add(new Block(t, "line " + (i + 1), i + 1));
        }
        return new Report(shown, "text", blocks, bytes);
    }

    private static final String BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, td, th, dt, dd, blockquote, pre, div";

    /**
     * HTML: the text of each heading, paragraph, list item and table cell, in document order; an element holding
     * other such elements gives only its own text (a list item's paragraphs are blocks, not the item again).
     */
    static Report html(String text, String shown, byte[] bytes) {
        Parser parser = Parser.htmlParser().setTrackPosition(true);
        Document doc = Jsoup.parse(text, "", parser);
        List<Block> blocks = new ArrayList<>();
        doc.select("script, style, noscript, template, nav, header, footer").remove();
        for (Element e : doc.body().select(BLOCKS)) {
            boolean holdsBlocks = e.children().stream().anyMatch(c -> c.is(BLOCKS) || !c.select(BLOCKS).isEmpty());
            String t = normal(holdsBlocks ? e.ownText() : e.text());
            if (t.isEmpty()) continue;
            int line = e.sourceRange().isTracked() ? e.sourceRange().start().lineNumber() : 0;
            blocks.add(new Block(t, line > 0 ? "line " + line : "element " + (blocks.size() + 1), line));
        }
        return new Report(shown, "html", blocks, bytes);
    }

    /**
     * PDF: the text layer of each page, by PDFBox, its paragraphs joined from their lines. A PDF that cannot be
     * opened, or one with no text layer (scanned pages), is refused with the reason.
     */
    static Report pdf(byte[] bytes, String shown, java.util.function.Predicate<String> heading)
            throws InvalidInputException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            int pages = doc.getNumberOfPages();
            List<Block> blocks = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String text = stripper.getText(doc);
                for (String para : text.split("\\n\\s*\\n")) {
                    // Lines of one paragraph are joined; a line that is a heading stays its own block (the section
                    // finder looks at each line's text too, see Sections).
                    for (String line : para.split("\\r?\\n")) {
                        String t = normal(line);
                        if (t.isEmpty()) continue;
                        boolean alone = heading.test(t);
                        if (alone) blocks.add(new Block("", "page " + p, p));
                        blocks.add(new Block(t, "page " + p, p));
                        if (alone) blocks.add(new Block("", "page " + p, p));
                    }
                    blocks.add(new Block("", "page " + p, p)); // paragraph end
                }
            }
            List<Block> joined = joinLines(blocks);
            if (joined.isEmpty()) {
                throw new InvalidInputException(new Problem(shown, 0, 0, "the PDF has " + pages + " page"
                        + (pages == 1 ? "" : "s") + " but no text on them (scanned images?); expected a PDF with a text "
                        + "layer: run it through text recognition (OCR) first, or give the report as text or HTML"));
            }
            return new Report(shown, "pdf", joined, bytes);
        } catch (InvalidPasswordException e) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "the PDF is protected by a password, so its text "
                    + "cannot be read; expected a PDF that opens without one"));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "cannot be read as a PDF (" + e.getMessage()
                    + "); expected a PDF that a PDF reader opens, or the report as text or HTML"));
        }
    }

    /** Joins the lines of each paragraph (ended by an empty block) into one block, at its first line's page. */
    private static List<Block> joinLines(List<Block> lines) {
        List<Block> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        Block first = null;
        for (Block l : lines) {
            if (l.text().isEmpty()) {
                if (first != null) out.add(new Block(normal(b.toString()), first.where(), first.line()));
                b.setLength(0);
                first = null;
                continue;
            }
            if (first == null) first = l;
            else b.append(' ');
            b.append(l.text());
        }
        if (first != null) out.add(new Block(normal(b.toString()), first.where(), first.line()));
        return out;
    }

    /** Whitespace runs (no-break spaces too) become one space; the ends are trimmed. */
    static String normal(String s) {
        return s.replaceAll("[\\s\\u00A0\\u2007\\u202F]+", " ").strip();
    }
}
