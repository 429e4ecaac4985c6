package org.assessor.draft;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assessor.ruleset.CodingWords;
import org.assessor.ruleset.Framework;

/**
 * Suggests a coding for a sentence from the coding words ({@code rules/coding/words.json}) and the framework: an
 * observation (direction, kind, extent with its cue, impact, who, category, a theme to rewrite) or, for a sentence
 * that gives measured values, one metric candidate per value (value, unit, period, benchmarks with their kinds, and
 * the catalogue's measure when its name fits the sentence). Every word it looks for is data; this class only matches.
 */
final class Suggester {

    /** A benchmark found beside a value. */
    record Bench(String kind, double value, String label) {}

    /** A metric candidate. {@code measure} null: a measure the catalogue lacks, {@code name} and {@code better} given. */
    record MetricGuess(String measure, String name, String better, double value, String unit, String period,
                       List<Bench> benchmarks, int at) {}

    /** An observation suggestion. */
    record ObservationGuess(String theme, String direction, String kind, String extent, String cue, String impact,
                            List<String> who) {}

    /** What a sentence (or a sentence with those that complete it) is suggested to be. */
    record Guess(String category, ObservationGuess observation, List<MetricGuess> metrics, List<String> who) {}

    private final Framework framework;
    private final CodingWords words;
    private final Set<String> categories;
    private final String assessmentYear;

    Suggester(Framework framework, CodingWords words, Set<String> categories, String assessmentYear) {
        this.framework = framework;
        this.words = words;
        this.categories = categories;
        this.assessmentYear = assessmentYear;
    }

    // ---- numbers ----

    /** A number in the text: where, its value, its unit (null: none found), and whether it was part of a pattern. */
    record Num(int start, int end, double value, String unit, String text) {}

    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}.,/-])(" + Phrases.NUMBER + ")"
            + "(?:\\s?[-–]\\s?(" + Phrases.NUMBER + "))?(?![\\p{L}\\p{N}])(?![/.]\\d)");
    private static final Pattern YEAR = Pattern.compile("(?<![\\p{L}\\p{N}])" + Phrases.YEAR + "(?![\\p{L}\\p{N}])");

    /** The numbers of the text that are values: not years, not parts of dates or names, each with its unit. */
    List<Num> numbers(String text) {
        String t = Phrases.same(text);
        List<Num> out = new ArrayList<>();
        List<int[]> years = new ArrayList<>();
        Matcher y = YEAR.matcher(t);
        while (y.find()) years.add(new int[] {y.start(), y.end()});
        Matcher m = NUMBER.matcher(t);
        while (m.find()) {
            int s = m.start();
            int e = m.end();
            if (years.stream().anyMatch(r -> s >= r[0] && s < r[1]) && !followedByUnit(t, e)) continue;
            if (date(t, s, e)) continue;
            String first = m.group(1);
            String second = m.group(2);
            double value = parse(second != null ? second : first); // a range: its upper end, for the coder to judge
            String unit = unit(t, s, e);
            out.add(new Num(s, e, value, unit, t.substring(s, e)));
        }
        for (var w : words.numbers().numberWords()) {
            for (var h : Phrases.all(t, List.of(w.phrase()))) {
                out.add(new Num(h.start(), h.end(), w.value(), w.unit(), h.text(t)));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Num::start));
        return out;
    }

    private boolean followedByUnit(String t, int end) {
        String after = t.substring(end);
        return words.numbers().units().stream().filter(u -> u.where().equals("after"))
                .anyMatch(u -> Phrases.startsWith(after.stripLeading(), u.phrase()) && (u.phrase().equals("%")
                        ? after.startsWith("%") : true));
    }

    /** A day of a month ("17 July 2025", "July 17"): not a value. */
    private static boolean date(String t, int s, int e) {
        String after = t.substring(e).stripLeading().toLowerCase(Locale.ROOT);
        String before = t.substring(0, s).stripTrailing().toLowerCase(Locale.ROOT);
        for (java.time.Month month : java.time.Month.values()) {
            String name = month.getDisplayName(java.time.format.TextStyle.FULL, Locale.UK).toLowerCase(Locale.ROOT);
            if (after.startsWith(name) || before.endsWith(name)) return true;
        }
        return false;
    }

    private String unit(String t, int s, int e) {
        String after = t.substring(e);
        String before = t.substring(0, s);
        for (var u : words.numbers().units()) {
            if (u.where().equals("after")) {
                String a = u.phrase().equals("%") ? after : after.stripLeading();
                if (u.phrase().equals("%") ? a.startsWith("%") : Phrases.startsWith(a, u.phrase())) return u.unit();
            } else {
                String b = before.stripTrailing();
                var hits = Phrases.all(b, List.of(u.phrase()));
                if (!hits.isEmpty() && hits.get(hits.size() - 1).end() == b.length()) return u.unit();
            }
        }
        return null;
    }

    static double parse(String n) {
        return Double.parseDouble(n.replace(",", ""));
    }

    /**
     * The metric candidates of a group of sentences (a sentence and those that only complete it): each value with a
     * unit, or a count out of a total, or a count the catalogue has a measure for; the numbers near a benchmark word
     * are the benchmarks of the value before them.
     */
    List<MetricGuess> metrics(String text) {
        String t = Phrases.same(text);
        List<Num> nums = numbers(t);
        List<MetricGuess> out = new ArrayList<>();
        Set<Integer> used = new LinkedHashSet<>();
        // Counts out of a total: "5 of the 7 metrics", "all 8 areas".
        for (var h : Phrases.longest(Phrases.all(t, words.numbers().outOf()))) {
            List<String> n = h.numbers();
            if (n.isEmpty()) continue;
            double count = parse(n.get(0));
            double total = n.size() > 1 ? parse(n.get(1)) : count;
            nums.stream().filter(x -> x.start() >= h.start() && x.end() <= h.end()).forEach(x -> used.add(x.start()));
            if (nums.stream().anyMatch(x -> x.start() >= h.start() && x.end() <= h.end() && x.unit() != null
                    && !x.unit().equals("count"))) {
                continue; // "60% of 100": a share, read as a percentage below
            }
            out.add(guess(t, count, "count", List.of(new Bench("out-of", total, "total named in the text")), h.start()));
        }
        MetricGuess current = null;
        List<Bench> benches = new ArrayList<>();
        for (Num n : nums) {
            if (used.contains(n.start())) continue;
            if (near(t, n, words.numbers().changes()) || near(t, n, words.numbers().thresholds())) continue;
            String kind = current == null ? null : benchmarkKind(t, n, nums);
            if (kind != null && current != null && sameUnit(current.unit(), n.unit())) {
                benches.add(new Bench(kind, n.value(), label(t, n, kind)));
                continue;
            }
            if (n.unit() == null && !catalogueCount(t)) continue;
            if (current != null) out.add(with(current, benches));
            benches = new ArrayList<>();
            String unit = n.unit() == null ? "count" : n.unit();
            current = guess(t, n.value(), unit, List.of(), n.start());
            if (unit.equals("ratio") && Phrases.any(t, words.numbers().parity())) {
                benches.add(new Bench("parity", 1, "equal likelihood"));
            }
        }
        if (current != null) out.add(with(current, benches));
        out.sort(java.util.Comparator.comparingInt(MetricGuess::at));
        return out;
    }

    private static boolean sameUnit(String a, String b) {
        return b == null || a.equals(b);
    }

    private static MetricGuess with(MetricGuess g, List<Bench> benches) {
        List<Bench> all = new ArrayList<>(g.benchmarks());
        all.addAll(benches);
        return new MetricGuess(g.measure(), g.name(), g.better(), g.value(), g.unit(), g.period(), all, g.at());
    }

    /** The kind of benchmark a number is, from the words just before or after it; null when it is a value. */
    private String benchmarkKind(String t, Num n, List<Num> nums) {
        int prevEnd = nums.stream().filter(x -> x.end() <= n.start()).mapToInt(Num::end).max().orElse(0);
        String window = t.substring(Math.max(prevEnd, n.start() - 60), n.start());
        String kind = lastKind(window, 8);
        if (kind != null) return kind;
        int nextStart = nums.stream().filter(x -> x.start() >= n.end()).mapToInt(Num::start).min().orElse(t.length());
        String after = t.substring(n.end(), Math.min(nextStart, n.end() + 40));
        for (var h : Phrases.all(after, phrases())) {
            if (words(after.substring(0, h.start())) <= 2) return kindOf(h.phrase());
        }
        if (Phrases.any(window, words.numbers().comparisons()) || window.strip().endsWith("(")) {
            // "62.2% vs 57.5%": a comparison whose kind another phrase of the sentence names
            for (var h : Phrases.all(t, phrases())) {
                if (!kindOf(h.phrase()).equals("previous")) return kindOf(h.phrase());
            }
        }
        return null;
    }

    private String lastKind(String window, int maxWords) {
        List<Phrases.Hit> hits = Phrases.all(window, phrases());
        for (int i = hits.size() - 1; i >= 0; i--) {
            var h = hits.get(i);
            if (words(window.substring(h.end())) <= maxWords) return kindOf(h.phrase());
        }
        return null;
    }

    private List<String> phrases() {
        return words.numbers().benchmarks().stream().map(CodingWords.BenchmarkWord::phrase).toList();
    }

    private String kindOf(String phrase) {
        return words.numbers().benchmarks().stream().filter(b -> b.phrase().equals(phrase)).findFirst().orElseThrow().kind();
    }

    private static int words(String s) {
        String x = s.strip();
        return x.isEmpty() ? 0 : x.split("\\s+").length;
    }

    /** Whether a phrase of the list holds the number ("in 30 working days") or ends just before it ("within 50"). */
    private static boolean near(String t, Num n, List<String> phrases) {
        for (var h : Phrases.all(t, phrases)) {
            if (h.start() <= n.start() && n.start() < h.end()) return true;
            if (h.end() <= n.start() && words(t.substring(h.end(), n.start())) <= 1) return true;
        }
        return false;
    }

    private String label(String t, Num n, String kind) {
        Matcher y = YEAR.matcher(t.substring(n.end(), Math.min(t.length(), n.end() + 12)));
        String year = y.find() ? y.group() : null;
        if (year == null) {
            Matcher b = YEAR.matcher(t.substring(Math.max(0, n.start() - 30), n.start()));
            while (b.find()) year = b.group();
        }
        return kind.replace('-', ' ') + (year == null ? "" : ", " + year) + " (as the text gives it)";
    }

    private boolean catalogueCount(String t) {
        return bestMeasure(t, "count") != null;
    }

    private MetricGuess guess(String t, double value, String unit, List<Bench> benches, int at) {
        String measure = bestMeasure(t, unit);
        String period = period(t);
        if (measure != null) return new MetricGuess(measure, null, null, value, unit, period, benches, at);
        return new MetricGuess(null, name(t), "higher", value, unit, period, benches, at);
    }

    /** The period as the text gives it: its first year, else the assessment's. */
    private String period(String t) {
        Matcher y = YEAR.matcher(t);
        return y.find() ? y.group() : "at assessment (" + assessmentYear + ")";
    }

    /** What was measured, in the text's words: the sentence, cut short. */
    private static String name(String t) {
        String s = t.length() <= 90 ? t : t.substring(0, t.lastIndexOf(' ', 90) < 0 ? 90 : t.lastIndexOf(' ', 90)) + "…";
        return s.replaceAll("[.]$", "");
    }

    /**
     * The catalogue's measure of this unit whose name's words the sentence has most of (at least half of them); words
     * of four letters or more count, a final 's' aside.
     */
    String bestMeasure(String t, String unit) {
        Set<String> have = content(t);
        String best = null;
        double bestScore = 0.5;
        for (var m : framework.measures().values()) {
            if (!m.unit().equals(unit)) continue;
            String name = m.name().replaceAll("\\(.*?\\)", " ");
            Set<String> want = content(name);
            if (want.size() < 2) continue;
            long shared = want.stream().filter(have::contains).count();
            double score = (double) shared / want.size();
            if (score > bestScore || score == bestScore && best == null && shared >= 3) {
                bestScore = score;
                best = m.id();
            }
        }
        return best;
    }

    private static Set<String> content(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : Phrases.same(s).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() < 4) continue;
            out.add(w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
        }
        return out;
    }

    // ---- who, category, observation ----

    /** The speakers a sentence names, in the order named; {@code previous} continues into a "They…" sentence. */
    List<String> who(String text, List<String> previous) {
        String t = Phrases.same(text);
        record At(int at, String who) {}
        List<At> found = new ArrayList<>();
        var vocabulary = framework.vocabulary().who();
        for (var sp : words.speakers().who()) {
            if (!vocabulary.contains(sp.who())) continue;
            for (var h : Phrases.all(t, sp.phrases())) found.add(new At(h.start(), sp.who()));
            for (var h : Phrases.all(t, sp.subjects())) {
                String rest = t.substring(h.end(), Math.min(t.length(), h.end() + 120));
                for (var v : Phrases.all(rest, words.speakers().verbs())) {
                    if (words(rest.substring(0, v.start())) <= 12) {
                        found.add(new At(h.start(), sp.who()));
                        break;
                    }
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt(At::at));
        Set<String> who = new LinkedHashSet<>();
        for (String f : words.speakers().followOn()) {
            if (Phrases.startsWith(t, f) && previous != null && !previous.isEmpty()) {
                who.addAll(previous);
                break;
            }
        }
        found.forEach(a -> who.add(a.who()));
        if (who.isEmpty()) who.add("inspectors");
        return List.copyOf(who);
    }

    /** The category of a quote: the first speaker's (for inspectors and auditors, by what the quote says was seen). */
    String category(String text, List<String> who) {
        var whoCategories = framework.vocabulary().whoCategories();
        for (String w : who) {
            List<String> allowed = whoCategories.getOrDefault(w, List.of()).stream().filter(categories::contains).toList();
            if (allowed.isEmpty()) continue;
            if (allowed.size() == 1) return allowed.get(0);
            if (allowed.contains("observation") && Phrases.any(text, words.categories().observation())) return "observation";
            if (allowed.contains("outcomes") && Phrases.any(text, words.categories().outcomes())) return "outcomes";
            if (allowed.contains("processes")) return "processes";
            return allowed.get(0);
        }
        return categories.contains("processes") ? "processes" : categories.iterator().next();
    }

    ObservationGuess observation(String text, List<String> who) {
        String t = Phrases.same(text);
        List<Phrases.Hit> neg = new ArrayList<>();
        List<Phrases.Hit> pos = new ArrayList<>();
        List<Phrases.Hit> both = new ArrayList<>(Phrases.all(t, words.direction().negative()));
        both.addAll(Phrases.all(t, words.direction().positive()));
        for (var h : Phrases.longest(both)) {
            if (words.direction().negative().contains(h.phrase())) neg.add(h); else pos.add(h);
        }
        boolean turn = Phrases.any(t, words.direction().turns());
        String direction;
        if (!neg.isEmpty() && !pos.isEmpty() && turn) {
            // "However, …" at the start is a turn from the sentence before, not inside this one.
            boolean inside = Phrases.all(t, words.direction().turns()).stream().anyMatch(h -> h.start() > 0);
            direction = inside ? "mixed" : (neg.size() >= pos.size() ? "negative" : "positive");
        } else if (!neg.isEmpty() && neg.size() >= pos.size()) {
            direction = "negative";
        } else {
            direction = "positive";
        }
        boolean speaks = who.stream().anyMatch(w -> !w.equals("inspectors") && !w.equals("auditors")
                && !w.equals("leaders") && !w.equals("regulators"));
        String kind;
        if (speaks && Phrases.any(t, words.kinds().experience())) kind = "experience";
        else if (Phrases.any(t, words.kinds().outcome()) && !who.contains("leaders")) kind = "outcome";
        else if (Phrases.any(t, words.kinds().arrangement())) kind = "arrangement";
        else kind = who.stream().anyMatch(w -> w.equals("inspectors") || w.equals("auditors") || w.equals("regulators"))
                ? "outcome" : "arrangement";
        String extent = null;
        String cue = null;
        List<Phrases.Hit> cues = new ArrayList<>();
        words.extentCues().byExtent().forEach((e, list) -> cues.addAll(Phrases.all(t, list)));
        List<Phrases.Hit> longest = Phrases.longest(cues);
        longest.sort(java.util.Comparator.comparingInt(Phrases.Hit::start));
        if (!longest.isEmpty()) {
            var h = longest.get(0);
            cue = text.substring(h.start(), h.end());
            for (var e : words.extentCues().byExtent().entrySet()) if (e.getValue().contains(h.phrase())) extent = e.getKey();
        }
        String impact = Phrases.any(t, words.impacts().high()) ? "high"
                : Phrases.any(t, words.impacts().low()) && !Phrases.any(t, words.impacts().moderate()) ? "low" : "moderate";
        return new ObservationGuess(theme(text), direction, kind, extent, cue, impact, who);
    }

    /** A theme to rewrite: the sentence's opening words. */
    static String theme(String text) {
        String s = text.replaceAll("[.]$", "");
        if (s.length() <= 70) return s;
        int cut = s.lastIndexOf(' ', 70);
        return s.substring(0, cut < 20 ? 70 : cut) + "…";
    }

    Guess suggest(String text, List<String> previousWho) {
        List<String> who = who(text, previousWho);
        String category = category(text, who);
        List<MetricGuess> metrics = metrics(text);
        if (!metrics.isEmpty()) return new Guess(category, null, metrics, who);
        return new Guess(category, observation(text, who), List.of(), who);
    }

    /** Whether a sentence only completes the one before it with benchmarks of its values (guide section 2). */
    boolean completes(String next) {
        if (words.followOnSentences().starts().stream().noneMatch(s -> Phrases.startsWith(next, s))) return false;
        String t = Phrases.same(next);
        List<Num> nums = numbers(t);
        if (nums.isEmpty()) return false;
        for (Num n : nums) {
            if (near(t, n, words.numbers().changes()) || near(t, n, words.numbers().thresholds())) continue;
            if (lastKind(t.substring(0, n.start()), 8) == null) {
                String after = t.substring(n.end(), Math.min(t.length(), n.end() + 40));
                boolean afterKind = Phrases.all(after, phrases()).stream()
                        .anyMatch(h -> words(after.substring(0, h.start())) <= 2);
                if (!afterKind) return false;
            }
        }
        return true;
    }
}
