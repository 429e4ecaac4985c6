package org.assessor.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.assessor.evidence.EvidenceFile.Item;
import org.assessor.evidence.LoadedAssessment;

/**
 * How far two codings of the same report agree, field by field: the items are matched by their quotes (the same
 * quote, or one quote containing the other), and for each field the share of matched items coded alike and Cohen's
 * kappa (agreement beyond what the two coders' own mixes of values would give by chance).
 */
public final class CodingAgreement {
    /** Agreement on one field over the items both coders coded that way. */
    public record Field(String field, int items, int agreed, double percent, Double kappa) {}

    /** The comparison: how many items each coding has, how many were matched, and each field's agreement. */
    public record Result(String first, String second, int firstItems, int secondItems, int matched,
                         List<Field> fields) {}

    private record Pair(Item a, Item b) {}

    private CodingAgreement() {}

    public static Result between(LoadedAssessment first, LoadedAssessment second, String defaultExtent) {
        List<LoadedAssessment[]> one = new ArrayList<>();
        one.add(new LoadedAssessment[] {first, second});
        return across(one, first.file(), second.file(), defaultExtent);
    }

    /**
     * Two codings of several reports, pooled: each pair (the first coding's and the second's of one report) is matched
     * by quote as {@link #between} does, and every field's agreement and kappa are worked out over all matched items.
     */
    public static Result across(List<LoadedAssessment[]> reports, String first, String second, String defaultExtent) {
        List<Pair> pairs = new ArrayList<>();
        int firstItems = 0;
        int secondItems = 0;
        for (LoadedAssessment[] r : reports) {
            pairs.addAll(match(List.copyOf(r[0].items().values()), List.copyOf(r[1].items().values())));
            firstItems += r[0].items().size();
            secondItems += r[1].items().size();
        }
        List<Field> fields = new ArrayList<>();
        fields.add(field("statement", pairs, Item::statement));
        fields.add(field("category", pairs, Item::category));
        fields.add(field("type (metric or observation)", pairs, i -> i.metric() != null ? "metric" : "observation"));
        List<Pair> observations = pairs.stream().filter(p -> p.a().observation() != null && p.b().observation() != null).toList();
        fields.add(field("observation direction", observations, i -> i.observation().direction()));
        fields.add(field("observation kind", observations, i -> i.observation().kind()));
        fields.add(field("observation extent", observations,
                i -> i.observation().extent() == null ? defaultExtent : i.observation().extent()));
        fields.add(field("observation impact", observations, i -> i.observation().impact()));
        fields.add(field("observation who", observations, i -> String.join(", ", i.observation().who())));
        List<Pair> metrics = pairs.stream().filter(p -> p.a().metric() != null && p.b().metric() != null).toList();
        fields.add(field("metric measure", metrics, i -> i.metric().measure()));
        fields.add(field("metric value", metrics, i -> String.valueOf(i.metric().value())));
        return new Result(first, second, firstItems, secondItems, pairs.size(),
                fields);
    }

    /** The items of two codings of one report matched by quote, as {@link #between} matches them: each pair {first, second}. */
    public static List<Item[]> pairs(LoadedAssessment first, LoadedAssessment second) {
        return match(List.copyOf(first.items().values()), List.copyOf(second.items().values())).stream()
                .map(p -> new Item[] {p.a(), p.b()}).toList();
    }

    /** Each item of the first coding with the first unused item of the second whose quote is the same or contains it. */
    private static List<Pair> match(List<Item> first, List<Item> second) {
        List<Pair> pairs = new ArrayList<>();
        List<Item> unused = new ArrayList<>(second);
        for (Item a : first) {
            String qa = normal(a.source().quote());
            Item found = null;
            for (Item b : unused) {
                String qb = normal(b.source().quote());
                if (qa.equals(qb) || (qa.length() > 20 && qb.contains(qa)) || (qb.length() > 20 && qa.contains(qb))) {
                    // Prefer the same kind of item (two metric items can share one sentence).
                    if (found == null || sameShape(a, b) && !sameShape(a, found)) found = b;
                    if (sameShape(a, b) && Objects.equals(measure(a), measure(b))) {
                        found = b;
                        break;
                    }
                }
            }
            if (found != null) {
                unused.remove(found);
                pairs.add(new Pair(a, found));
            }
        }
        return pairs;
    }

    private static boolean sameShape(Item a, Item b) {
        return (a.metric() == null) == (b.metric() == null);
    }

    private static String measure(Item i) {
        return i.metric() == null ? null : i.metric().measure();
    }

    private static String normal(String quote) {
        return quote.replaceAll("\\s+", " ").strip();
    }

    private static Field field(String name, List<Pair> pairs, Function<Item, String> value) {
        if (pairs.isEmpty()) return new Field(name, 0, 0, 0, null);
        int agreed = 0;
        Map<String, int[]> marginals = new LinkedHashMap<>();
        for (Pair p : pairs) {
            String a = value.apply(p.a());
            String b = value.apply(p.b());
            if (Objects.equals(a, b)) agreed++;
            marginals.computeIfAbsent(a, k -> new int[2])[0]++;
            marginals.computeIfAbsent(b, k -> new int[2])[1]++;
        }
        double n = pairs.size();
        double observed = agreed / n;
        double chance = 0;
        for (int[] m : marginals.values()) chance += (m[0] / n) * (m[1] / n);
        Double kappa = chance >= 1 ? null : (observed - chance) / (1 - chance);
        return new Field(name, pairs.size(), agreed, 100 * observed, kappa);
    }
}
