package org.assessor.draft;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assessor.evidence.EvidenceFile;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.evidence.LoadedAssessment;
import org.assessor.impact.CodingAgreement;
import org.assessor.input.InvalidInputException;
import org.assessor.ruleset.Framework;

/**
 * How close a draft's suggestions come to a finished coding of the same report: the share of the coding's quotes the
 * draft has as items (the same quote, or one holding the other, as {@code agreement} matches items), the coding's
 * metrics the draft suggested with the same value, unit and benchmarks, and per-field agreement (Cohen's kappa) of the
 * suggestions, counted as coded, with the coding.
 */
public final class DraftMeasure {

    /** One quote of the coding and what the draft made of it. */
    public record Quote(String id, String quote, String found, String note) {}

    /** One metric of the coding and whether a draft metric on its quote has its value, unit and benchmarks. */
    public record MetricCheck(String id, String expected, String suggested, boolean matched) {}

    public record Result(String coded, int codedItems, int draftItems, int exact, int overlapping, List<Quote> quotes,
                         int codedMetrics, int metricsMatched, List<MetricCheck> metrics,
                         CodingAgreement.Result agreement) {
        public int found() {
            return exact + overlapping;
        }
    }

    private DraftMeasure() {}

    public static Result of(Framework framework, Draft.Made draft, LoadedAssessment coded) throws InvalidInputException {
        LoadedAssessment asCoded = new EvidenceLoader(framework).load(EvidenceLoader.asCoded(draft.evidence()),
                "the draft (suggestions counted as coded)");
        List<EvidenceFile.Item> draftItems = List.copyOf(asCoded.items().values());
        JsonNode sentences;
        try {
            sentences = Draft.JSON.readTree(draft.sentences()).path("sentences");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int exact = 0;
        int overlapping = 0;
        List<Quote> quotes = new ArrayList<>();
        List<MetricCheck> metrics = new ArrayList<>();
        int codedMetrics = 0;
        int matched = 0;
        for (EvidenceFile.Item c : coded.items().values()) {
            String q = normal(c.source().quote());
            boolean same = draftItems.stream().anyMatch(d -> normal(d.source().quote()).equals(q));
            boolean over = !same && draftItems.stream().anyMatch(d -> overlaps(normal(d.source().quote()), q));
            String found;
            String note = null;
            if (same) {
                exact++;
                found = "the same quote";
            } else if (over) {
                overlapping++;
                found = "a quote holding it, or held in it";
            } else {
                found = "missing";
                for (JsonNode s : sentences) {
                    if (q.contains(normal(s.path("text").asText())) && s.has("notEvidence")) {
                        note = "marked not evidence: " + s.path("notEvidence").asText();
                        break;
                    }
                }
                if (note == null) note = "no sentence of the draft is this quote (cut differently, or outside a section)";
            }
            quotes.add(new Quote(c.id(), c.source().quote(), found, note));
            if (c.metric() != null) {
                codedMetrics++;
                List<EvidenceFile.Item> candidates = draftItems.stream().filter(d -> d.metric() != null
                        && overlaps(normal(d.source().quote()), q)).toList();
                EvidenceFile.Item hit = candidates.stream().filter(d -> sameMetric(d.metric(), c.metric())).findFirst()
                        .orElse(null);
                if (hit != null) matched++;
                metrics.add(new MetricCheck(c.id(), describe(c.metric()), hit != null ? describe(hit.metric())
                        : candidates.isEmpty() ? "no metric suggested on this quote"
                        : String.join(" | ", candidates.stream().map(d -> describe(d.metric())).toList()), hit != null));
            }
        }
        String defaultExtent = framework.vocabulary().defaultExtent();
        CodingAgreement.Result agreement = CodingAgreement.between(asCoded, coded, defaultExtent);
        return new Result(coded.file(), coded.items().size(), draftItems.size(), exact, overlapping, quotes,
                codedMetrics, matched, metrics, agreement);
    }

    static boolean overlaps(String a, String b) {
        return a.equals(b) || (b.length() > 20 && a.contains(b)) || (a.length() > 20 && b.contains(a));
    }

    /** The same value and unit, and the same benchmarks (kind and value, in any order). */
    static boolean sameMetric(EvidenceFile.MetricIn a, EvidenceFile.MetricIn b) {
        if (Math.abs(a.value() - b.value()) > 1e-9 || !Objects.equals(a.unit(), b.unit())) return false;
        List<String> x = a.benchmarks().stream().map(k -> k.kind() + "=" + k.value()).sorted().toList();
        List<String> y = b.benchmarks().stream().map(k -> k.kind() + "=" + k.value()).sorted().toList();
        return x.equals(y);
    }

    static String describe(EvidenceFile.MetricIn m) {
        StringBuilder b = new StringBuilder(org.assessor.facts.Numbers.plain(m.value()) + " " + m.unit());
        for (var k : m.benchmarks()) b.append(", ").append(k.kind()).append(' ').append(org.assessor.facts.Numbers.plain(k.value()));
        return b.toString();
    }

    private static String normal(String quote) {
        return quote.replaceAll("\\s+", " ").strip();
    }
}
