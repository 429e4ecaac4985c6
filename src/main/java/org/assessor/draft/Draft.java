package org.assessor.draft;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.ruleset.CodingWords;
import org.assessor.ruleset.Framework;

/**
 * A draft fixture from a report: each statement's section found by its heading, cut into sentences, and one evidence
 * item for each sentence that may be evidence (a metric item for each measured value), every coded field a suggestion
 * marked in {@code suggested} until a coder accepts it. The report's sentences, with those the coding guide says are
 * not evidence and why, go in {@code draft.json} beside it, so the coding page can show the whole text.
 */
public final class Draft {
    public static final String SENTENCES_FILE = "draft.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the command line may fix instead of the draft guessing it (each null: guessed and marked suggested). */
    public record Options(String framework, String serviceType, String statement, String provider, String date) {}

    /** A draft: the fixture's and the sentences' JSON, and counts for the reader. */
    public record Made(String framework, byte[] evidence, byte[] sentences, int sentenceCount, int items, int metrics,
                       int notEvidence, Map<String, Integer> perStatement) {}

    private Draft() {}

    /** Reads the report and makes its draft; problems (no headings, an unreadable file) are thrown, nothing made. */
    public static Made make(Path rulesDir, Path reportFile, Options o) throws InvalidInputException {
        CodingWords words = CodingWords.load(rulesDir);
        List<Framework> frameworks = new ArrayList<>();
        for (String id : Framework.known(rulesDir)) frameworks.add(Framework.load(rulesDir, id));
        if (o.framework() != null && frameworks.stream().noneMatch(f -> f.id().equals(o.framework()))) {
            throw new InvalidInputException(new Problem(reportFile.toString(), 0, 0, "unknown framework '"
                    + o.framework() + "'; expected one of " + frameworks.stream().map(Framework::id).toList()));
        }
        ReportReader.Report report = ReportReader.read(reportFile,
                line -> frameworks.stream().anyMatch(f -> Sections.heading(f, line) != null));
        return make(frameworks, words, report, o);
    }

    static Made make(List<Framework> frameworks, CodingWords words, ReportReader.Report report, Options o)
            throws InvalidInputException {
        Framework framework = choose(frameworks, report, o);
        String shown = report.file();
        if (o.statement() != null && !framework.statements().containsKey(o.statement())) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "unknown statement '" + o.statement()
                    + "' for --statement; expected one of " + framework.statements().keySet()));
        }
        if (o.serviceType() != null && !framework.serviceTypes().containsKey(o.serviceType())) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "unknown service type '" + o.serviceType()
                    + "'; expected one of " + framework.serviceTypes().keySet()));
        }
        List<Sections.Sentence> sentences = Sections.sentences(framework, words, report, o.statement());
        Map<String, String> found = Sections.found(sentences);
        if (found.isEmpty()) {
            List<String> names = frameworks.stream().flatMap(f -> f.statements().values().stream().limit(2)
                    .map(s -> "'" + s.name() + "' (" + f.id() + ")")).toList();
            throw new InvalidInputException(new Problem(shown, 0, 0, "no heading of a quality statement found in the "
                    + report.format() + " report (" + report.blocks().size() + (report.blocks().size() == 1 ? " paragraph" : " paragraphs") + " read); expected a line that is "
                    + "a statement's name, such as " + String.join(", ", names) + ", or --statement <id> when the whole "
                    + "text is one statement's"));
        }
        // The envelope.
        List<String> envSuggested = new ArrayList<>();
        String serviceType = o.serviceType();
        if (serviceType == null) {
            serviceType = framework.serviceTypes().keySet().iterator().next();
            if (framework.serviceTypes().size() > 1) envSuggested.add("serviceType");
        }
        var scope = framework.scopes().values().stream()
                .filter(s -> s.statements().containsAll(found.keySet()))
                .min(java.util.Comparator.comparingInt(s -> s.statements().size())).orElse(null);
        if (scope == null) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "the report's statements " + found.keySet()
                    + " are not all part of one scope of framework '" + framework.id() + "'; expected the statements of "
                    + "one of " + framework.scopes().keySet()));
        }
        Set<String> categories = new LinkedHashSet<>(framework.serviceTypes().get(serviceType).evidenceCategories());
        String provider = o.provider() != null ? o.provider() : provider(words, report);
        if (o.provider() == null) envSuggested.add("provider");
        LocalDate date = o.date() != null ? parseDate(o.date(), shown) : date(report);
        if (o.date() == null) envSuggested.add("assessmentDate");
        Map<String, Object> env = new LinkedHashMap<>();
        if (!framework.isDefault()) env.put("framework", framework.id());
        env.put("provider", provider);
        env.put("serviceType", serviceType);
        env.put("scope", scope.id());
        env.put("assessmentDate", date.toString());
        List<String> inScope = scope.statements().stream().filter(found::containsKey).toList();
        if (inScope.size() < scope.statements().size()) {
            env.put("statementsInScope", inScope);
            envSuggested.add("statementsInScope");
        }
        envSuggested.add("scope");
        env.put("suggested", envSuggested);

        Suggester suggester = new Suggester(framework, words, categories, String.valueOf(date.getYear()));
        String document = Path.of(report.file()).getFileName().toString();
        List<Map<String, Object>> items = new ArrayList<>();
        List<Map<String, Object>> sentenceOut = new ArrayList<>();
        Map<String, Integer> counters = new LinkedHashMap<>();
        Map<String, Integer> perStatement = new LinkedHashMap<>();
        List<String> previousWho = List.of();
        int metrics = 0;
        int notEvidence = 0;
        String previousStatement = null;
        for (int i = 0; i < sentences.size(); i++) {
            Sections.Sentence s = sentences.get(i);
            if (!s.statement().equals(previousStatement)) previousWho = List.of();
            previousStatement = s.statement();
            sentenceOut.add(sentence(s, "s" + (i + 1)));
            if (s.notEvidence() != null) {
                notEvidence++;
                continue;
            }
            // A sentence that only adds benchmarks to this one's values is part of its quote (guide section 2).
            String quote = s.text();
            int j = i;
            while (j + 1 < sentences.size() && sentences.get(j + 1).notEvidence() == null
                    && sentences.get(j + 1).statement().equals(s.statement())
                    && sentences.get(j + 1).where().equals(s.where())
                    && !suggester.metrics(s.text()).isEmpty() && suggester.completes(sentences.get(j + 1).text())) {
                j++;
                quote = quote + " " + sentences.get(j).text();
            }
            for (int k = i + 1; k <= j; k++) sentenceOut.add(sentence(sentences.get(k), "s" + (k + 1)));
            i = j;
            Suggester.Guess g = suggester.suggest(quote, previousWho);
            previousWho = g.who();
            if (g.observation() != null) {
                items.add(item(id(s.statement(), counters), s, document, quote, g.category(), observation(g.observation()),
                        null));
            } else {
                for (Suggester.MetricGuess m : g.metrics()) {
                    items.add(item(id(s.statement(), counters), s, document, quote, g.category(), null, metric(m)));
                    metrics++;
                }
            }
            perStatement.merge(s.statement(), g.observation() != null ? 1 : g.metrics().size(), Integer::sum);
        }
        Map<String, Object> fixture = new LinkedHashMap<>();
        fixture.put("assessment", env);
        fixture.put("evidence", items);
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("_about", "The report's sentences as 'assessor draft' read them, for the coding page: each statement's "
                + "sentences in order; notEvidence says why the coding guide leaves one out. The evidence items are in "
                + "evidence.json beside this file, each quoting its sentence.");
        side.put("report", document);
        side.put("sha256", sha256(report.bytes()));
        side.put("format", report.format());
        side.put("framework", framework.id());
        side.put("sentences", sentenceOut);
        try {
            byte[] evidence = JSON.writeValueAsBytes(fixture);
            byte[] sentencesJson = JSON.writeValueAsBytes(side);
            // The draft must load as a fixture once its suggestions are accepted: anything else is a fault here.
            new EvidenceLoader(framework).load(EvidenceLoader.asCoded(evidence), shown + " (the draft)");
            return new Made(framework.id(), evidence, sentencesJson, sentences.size(), items.size(), metrics,
                    notEvidence, perStatement);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the draft could not be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The suggested items for one sentence of a coding (one the draft or the coder left out, now coded after all),
     * with ids not yet used in it. Empty when the sentence's statement is not in the framework.
     */
    static List<Map<String, Object>> itemsFor(Framework framework, CodingWords words, Set<String> categories,
                                              String year, String document, Sections.Sentence s,
                                              java.util.function.Predicate<String> idUsed) {
        Suggester suggester = new Suggester(framework, words, categories, year);
        Suggester.Guess g = suggester.suggest(s.text(), List.of());
        Map<String, Integer> counters = new LinkedHashMap<>();
        List<Map<String, Object>> out = new ArrayList<>();
        int n = g.observation() != null ? 1 : g.metrics().size();
        for (int k = 0; k < n; k++) {
            String id;
            do {
                id = id(s.statement(), counters);
            } while (idUsed.test(id));
            String fresh = id;
            out.add(g.observation() != null ? item(fresh, s, document, s.text(), g.category(), observation(g.observation()), null)
                    : item(fresh, s, document, s.text(), g.category(), null, metric(g.metrics().get(k))));
            idUsed = idUsed.or(x -> x.equals(fresh));
        }
        return out;
    }

    private static Map<String, Object> sentence(Sections.Sentence s, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("statement", s.statement());
        m.put("section", s.section());
        m.put("where", s.where());
        m.put("text", s.text());
        if (s.notEvidence() != null) m.put("notEvidence", s.notEvidence());
        return m;
    }

    /** The framework the report is of: the one named, else the one with most statement headings in it (first wins ties). */
    private static Framework choose(List<Framework> frameworks, ReportReader.Report report, Options o) {
        if (o.framework() != null) {
            return frameworks.stream().filter(f -> f.id().equals(o.framework())).findFirst().orElseThrow();
        }
        Framework best = frameworks.get(0);
        int most = -1;
        for (Framework f : frameworks) {
            int n = o.statement() != null ? (f.statements().containsKey(o.statement()) ? 1 : 0) : Sections.headings(f, report);
            if (n > most) {
                most = n;
                best = f;
            }
        }
        return best;
    }

    /** Each statement's items are numbered under a prefix of its id's initials ("sdc-01" for shared-direction-and-culture). */
    private static String id(String statement, Map<String, Integer> counters) {
        StringBuilder p = new StringBuilder();
        for (String w : statement.split("-")) if (w.length() > 3 || p.length() == 0) p.append(w.charAt(0));
        if (p.length() < 2) p = new StringBuilder(statement.length() > 3 ? statement.substring(0, 3) : statement);
        int n = counters.merge(statement, 1, Integer::sum);
        return p + "-" + String.format("%02d", n);
    }

    private static Map<String, Object> item(String id, Sections.Sentence s, String document, String quote,
                                            String category, Map<String, Object> observation, Map<String, Object> metric) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("statement", s.statement());
        m.put("category", category);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("document", document);
        source.put("section", s.section());
        source.put("quote", quote);
        m.put("source", source);
        List<String> suggested = new ArrayList<>(List.of("statement", "category", "type"));
        if (observation != null) {
            m.put("observation", observation);
            suggested.addAll(List.of("theme", "direction", "kind", "extent", "impact", "who"));
        } else {
            m.put("metric", metric);
            suggested.addAll(List.of("measure", "value", "unit", "period", "benchmarks"));
        }
        m.put("suggested", suggested);
        return m;
    }

    private static Map<String, Object> observation(Suggester.ObservationGuess g) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("theme", g.theme());
        o.put("direction", g.direction());
        o.put("kind", g.kind());
        if (g.extent() != null) {
            o.put("extent", g.extent());
            o.put("cue", g.cue());
        }
        o.put("impact", g.impact());
        o.put("who", g.who().size() == 1 ? g.who().get(0) : g.who());
        return o;
    }

    private static Map<String, Object> metric(Suggester.MetricGuess g) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (g.measure() != null) {
            m.put("measure", g.measure());
        } else {
            m.put("name", g.name());
            m.put("better", g.better());
        }
        m.put("value", g.value());
        m.put("unit", g.unit());
        m.put("period", g.period());
        List<Map<String, Object>> b = new ArrayList<>();
        for (var x : g.benchmarks()) {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("kind", x.kind());
            bm.put("value", x.value());
            bm.put("label", x.label());
            b.add(bm);
        }
        m.put("benchmarks", b);
        return m;
    }

    /** The provider: the first short line before the first statement heading that holds a provider word. */
    private static String provider(CodingWords words, ReportReader.Report report) {
        for (ReportReader.Block b : report.blocks()) {
            String t = b.text();
            if (t.split("\\s+").length > 12 || t.endsWith(".")) continue;
            if (Phrases.any(t, words.provider().words())) return t.replaceAll("^[•*\\-\\s]+", "");
            if (t.length() > 200) break;
        }
        String name = Path.of(report.file()).getFileName().toString();
        return "the provider of " + name;
    }

    private static final Pattern DATE = Pattern.compile("(\\d{1,2}) (January|February|March|April|May|June|July|August|"
            + "September|October|November|December) ((?:19|20)\\d\\d)");

    /** The report's date: the first full date in its text ("17 July 2025"), else today. */
    private static LocalDate date(ReportReader.Report report) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
        for (ReportReader.Block b : report.blocks()) {
            Matcher m = DATE.matcher(b.text());
            while (m.find()) {
                try {
                    LocalDate d = LocalDate.parse(m.group(), f);
                    if (!d.isAfter(LocalDate.now()) && d.getYear() >= 2023) return d;
                } catch (DateTimeParseException e) {
                    // not a date after all ("31 February"): look on
                }
            }
        }
        return LocalDate.now();
    }

    private static LocalDate parseDate(String text, String shown) throws InvalidInputException {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(new Problem(shown, 0, 0, "--date: expected a date as YYYY-MM-DD, found \""
                    + text + "\""));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The draft's files as written: evidence.json and draft.json. */
    public static Map<String, byte[]> files(Made made) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(SENTENCES_FILE, made.sentences());
        m.put(EvidenceLoader.EVIDENCE_FILE, made.evidence());
        return m;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
