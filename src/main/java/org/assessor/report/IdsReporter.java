package org.assessor.report;

import java.io.PrintWriter;
import java.util.List;
import org.assessor.ruleset.Framework;

/**
 * Renders every id a fixture may use, from {@code rules/framework/}, as a Markdown page ({@code docs/ids.md}): key
 * questions and their statements, evidence categories, service types, scopes, ratings, scores, measures and the
 * words of the fixture format.
 */
public final class IdsReporter {

    public void render(Framework f, String rulesDir, PrintWriter out) {
        out.println("# Ids a fixture may use");
        out.println();
        if (f.isDefault()) {
            out.println("Generated from `" + rulesDir + "/framework/` (framework " + f.version() + ") by `./assessor ids -o "
                    + "docs/ids.md`; a test keeps this page equal to the data, so edit the data, not this page.");
        } else {
            out.println("Generated from `" + rulesDir + "/" + f.folder() + "/` (framework `" + f.id() + "`, version "
                    + f.version() + ") by `./assessor ids --framework " + f.id() + "`. A fixture of this framework names "
                    + "it in its envelope: `\"framework\": \"" + f.id() + "\"`.");
        }
        out.println();
        String grouping = f.groupingTermPlural();
        out.println("## " + Character.toUpperCase(grouping.charAt(0)) + grouping.substring(1) + " and quality statements");
        for (var kq : f.keyQuestions().values()) {
            out.println();
            out.println("### " + kq.name() + " (`" + kq.id() + "`)");
            out.println();
            f.statements().values().stream().filter(s -> s.keyQuestion().equals(kq.id()))
                    .forEach(s -> out.println("- `" + s.id() + "`: " + s.name()));
        }
        section(out, "Evidence categories (`category`)");
        f.categories().values().forEach(c -> out.println("- `" + c.id() + "`: " + c.name()));
        section(out, "Service types (`serviceType`) and the evidence categories that apply to each");
        f.serviceTypes().values().forEach(t -> out.println("- `" + t.id() + "`: " + t.name() + ": "
                + codes(t.evidenceCategories())));
        section(out, "Scopes (`scope`)");
        f.scopes().values().forEach(s -> out.println("- `" + s.id() + "`: " + s.name() + (s.trustLevel()
                ? (f.isDefault() ? " (trust level)" : " (overall rating from the framework's own rules)") : "") + "; " + s.statements().size() + " statements"));
        section(out, "Ratings (`rating`: the id or the name)");
        f.ratings().values().forEach(r -> out.println("- `" + r.id() + "`: " + r.name() + " (rank " + r.rank() + ")"));
        out.println();
        out.println("Where there is no rating, reports say \"" + f.notRated() + "\".");
        section(out, "Scores (`score`, from " + f.minScore() + " to " + f.maxScore() + ")");
        f.scoreMeanings().forEach(m -> out.println("- " + m.score() + " (`" + m.id() + "`): " + m.meaning()));
        section(out, "Measures (`metric.measure`)");
        out.println("| id | what it measures | unit | better |");
        out.println("|---|---|---|---|");
        f.measures().values().forEach(m -> out.println("| `" + m.id() + "` | " + m.name() + " | " + m.unit() + " | "
                + m.better() + " |"));
        var v = f.vocabulary();
        section(out, "Words of the fixture format");
        out.println("- units (`metric.unit`): " + codes(v.units()));
        out.println("- benchmark kinds (`benchmarks[].kind`): " + codes(v.benchmarkKinds()));
        out.println("- directions (`observation.direction`): " + codes(v.directions()));
        out.println("- kinds (`observation.kind`): " + codes(v.kinds()));
        out.println("- extents (`observation.extent`, with its `cue`): " + codes(v.extents()) + "; without a cue it is read as `"
                + v.defaultExtent() + "`");
        out.println("- impacts (`observation.impact`): " + codes(v.impacts()));
        out.println("- who said or saw it (`observation.who`): " + codes(v.who()));
        out.flush();
    }

    private static void section(PrintWriter out, String title) {
        out.println();
        out.println("## " + title);
        out.println();
    }

    private static String codes(List<String> ids) {
        return String.join(", ", ids.stream().map(i -> "`" + i + "`").toList());
    }
}
