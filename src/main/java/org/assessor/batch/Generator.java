package org.assessor.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.MeasuresFile.MeasureIn;

/**
 * Writes synthetic assessments, one evidence.json document per line, deterministically from a seed: varied service
 * types, scopes, dates (both regimes), measures from the catalogue read against national averages, observations,
 * previous ratings and the odd breach. Every provider and source says it is synthetic.
 */
public final class Generator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 8);
    private static final int DAYS = 660;

    private final Framework framework;
    private final Random random;

    public Generator(Framework framework, long seed) {
        this.framework = framework;
        this.random = new Random(seed);
    }

    public void write(int count, Writer out) throws IOException {
        for (int i = 1; i <= count; i++) {
            out.write(JSON.writeValueAsString(assessment(i)));
            out.write('\n');
        }
        out.flush();
    }

    private ObjectNode assessment(int n) {
        List<String> types = List.copyOf(framework.serviceTypes().keySet());
        String type = types.get(random.nextInt(types.size()));
        // The default (provider) framework pairs NHS trusts with the trust-level scope; another framework's
        // assessments take any of its scopes, and name the framework in their envelope.
        boolean generic = !framework.isDefault();
        List<String> scopes = List.copyOf(framework.scopes().keySet());
        boolean trust = generic ? false : type.equals("nhs-trust");
        String scope = generic ? scopes.get(random.nextInt(scopes.size())) : trust ? "nhs-trust-well-led" : "location";
        ObjectNode a = JSON.createObjectNode();
        if (generic) a.put("framework", framework.id());
        a.put("provider", String.format("Synthetic %s %05d (generated)", generic ? framework.id() : "provider", n));
        a.put("serviceType", type);
        a.put("scope", scope);
        a.put("assessmentDate", FIRST.plusDays(random.nextInt(DAYS)).toString());
        ArrayNode previous = a.putArray("previousRatings");
        var ratings = List.copyOf(framework.ratings().values());
        for (String kq : framework.keyQuestions().keySet()) {
            if (random.nextInt(3) > 0) previous.addObject().put("keyQuestion", kq).put("rating", ratings.get(random.nextInt(ratings.size())).name());
        }
        if (random.nextInt(12) == 0) {
            List<String> kqs = generic ? framework.scopes().get(scope).statements().stream()
                    .map(st -> framework.statements().get(st).keyQuestion()).distinct().toList()
                    : List.copyOf(framework.keyQuestions().keySet());
            a.putArray("breaches").addObject().put("keyQuestion", trust ? "well-led" : kqs.get(random.nextInt(kqs.size())))
                    .put("regulation", "Regulation " + (9 + random.nextInt(12))).put("description", "synthetic breach (generated)");
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.set("assessment", a);
        ArrayNode evidence = doc.putArray("evidence");
        List<String> categories = framework.serviceTypes().get(type).evidenceCategories();
        List<MeasureIn> measures = List.copyOf(framework.measures().values());
        int item = 0;
        for (String statement : framework.scopes().get(scope).statements()) {
            int items = 1 + random.nextInt(3);
            for (int k = 0; k < items; k++) {
                ObjectNode e = evidence.addObject();
                e.put("id", "g-" + (++item));
                e.put("statement", statement);
                String category = categories.get(random.nextInt(categories.size()));
                e.put("category", category);
                ObjectNode source = e.putObject("source").put("document", "Synthetic assessment (generated, not a real report)")
                        .put("section", statement);
                String quote = "Synthetic evidence item " + item + " (generated)";
                if (random.nextBoolean()) {
                    metric(e.putObject("metric"), measures.get(random.nextInt(measures.size())));
                } else {
                    quote += observation(e.putObject("observation"), category);
                }
                source.put("quote", quote + ".");
            }
        }
        return doc;
    }

    private void metric(ObjectNode m, MeasureIn measure) {
        double bench = switch (measure.unit()) {
            case "percent" -> 20 + random.nextInt(70);
            case "segment" -> 2;
            case "count" -> 1 + random.nextInt(20);
            default -> 1 + random.nextInt(30);
        };
        double value = switch (measure.unit()) {
            case "percent" -> Math.max(0, Math.min(100, Math.round((bench + random.nextGaussian() * bench * 0.12) * 10) / 10.0));
            case "segment" -> 1 + random.nextInt(4);
            case "count" -> Math.max(0, Math.round(bench + random.nextGaussian() * 3));
            default -> Math.max(0, Math.round((bench + random.nextGaussian() * bench * 0.2) * 10) / 10.0);
        };
        m.put("measure", measure.id());
        m.put("value", value);
        m.put("unit", measure.unit());
        m.put("period", "synthetic");
        ArrayNode benchmarks = m.putArray("benchmarks");
        if (!measure.unit().equals("segment") && random.nextInt(4) > 0) {
            benchmarks.addObject().put("kind", "national-average").put("value", bench).put("label", "synthetic national average");
        }
    }

    /**
     * A coded observation whose speaker goes with {@code category}; returns the words its quote needs so that the
     * extent's cue occurs in it.
     */
    private String observation(ObjectNode o, String category) {
        var words = framework.vocabulary();
        o.put("theme", "synthetic observation (generated)");
        o.put("direction", pick(words.directions()));
        o.put("kind", pick(words.kinds()));
        String breadth = "";
        int reach = random.nextInt(words.extents().size() + 1);
        if (reach < words.extents().size()) {
            String extent = words.extents().get(reach);
            breadth = " seen " + extent.replace('-', ' ');
            o.put("extent", extent);
            o.put("cue", breadth.strip());
        }
        o.put("impact", pick(words.impacts()));
        // A speaker whose evidence is filed under the item's category (the framework's whoCategories).
        List<String> speakers = words.who().stream()
                .filter(w -> words.whoCategories().getOrDefault(w, List.of()).contains(category)).toList();
        o.put("who", pick(speakers.isEmpty() ? new ArrayList<>(words.who()) : speakers));
        return breadth;
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
