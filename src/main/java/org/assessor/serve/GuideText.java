package org.assessor.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The coding guide's paragraph for each field of a coding, rendered from docs/coding-guide.md (built into the jar) by
 * CommonMark, a Markdown library; raw HTML in the guide is escaped, never passed through.
 */
final class GuideText {
    /** Each field shown on the coding page, with the heading of its section of the guide. */
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("evidence", "## 1. What on a page is evidence");
        SECTIONS.put("statement", "## 2. Cutting the text into items");
        SECTIONS.put("metric", "## 3. Measured values (metrics)");
        SECTIONS.put("direction", "### `direction`");
        SECTIONS.put("kind", "### `kind`");
        SECTIONS.put("extent", "### `extent`");
        SECTIONS.put("impact", "### `impact`");
        SECTIONS.put("who", "### `who`");
        SECTIONS.put("category", "### `category`");
        SECTIONS.put("theme", "### `theme`");
    }

    private static volatile Map<String, String> html;

    private GuideText() {}

    /** The guide's sections as HTML, by field. */
    static Map<String, String> sections() {
        Map<String, String> h = html;
        if (h != null) return h;
        String md;
        try (InputStream in = GuideText.class.getResourceAsStream("guide/coding-guide.md")) {
            md = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            md = "";
        }
        var ext = List.of(TablesExtension.create());
        Parser parser = Parser.builder().extensions(ext).build();
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(ext).escapeHtml(true).build();
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : SECTIONS.entrySet()) {
            String text = section(md, e.getValue());
            out.put(e.getKey(), text.isEmpty() ? "<p>The coding guide's section is not in this build; read "
                    + "docs/coding-guide.md.</p>" : renderer.render(parser.parse(text)));
        }
        html = out;
        return out;
    }

    /** The section of the Markdown under a heading, up to the next heading of the same or a higher level. */
    static String section(String md, String heading) {
        int start = md.indexOf("\n" + heading);
        if (start < 0) return "";
        int level = heading.indexOf(' ');
        int end = md.length();
        int from = md.indexOf('\n', start + 1);
        for (int i = from; i >= 0 && i < md.length(); i = md.indexOf('\n', i + 1)) {
            String rest = md.substring(i + 1);
            if (rest.startsWith("#")) {
                int l = rest.indexOf(' ');
                if (l > 0 && l <= level && rest.substring(0, l).chars().allMatch(c -> c == '#')) {
                    end = i;
                    break;
                }
            }
        }
        return md.substring(start + 1, end).strip();
    }
}
