package org.assessor.ruleset;

import org.assessor.input.StrictJson;
import org.assessor.input.Positions;
import org.assessor.input.Problem;
import org.assessor.input.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assessor.ruleset.FrameworkFile.RatingIn;
import org.assessor.ruleset.FrameworkFile.ScopeIn;
import org.assessor.ruleset.FrameworkFile.ServiceTypeIn;
import org.assessor.ruleset.FrameworkFile.StatementIn;
import org.assessor.ruleset.MeasuresFile.MeasureIn;

/**
 * A framework and its measures catalogue with its policy register, checked for consistency, with look-ups. The
 * default framework (the provider framework) is in {@code rules/framework/} with the register {@code rules/policy/};
 * each further framework is a folder {@code rules/frameworks/<id>/} holding its own {@code framework.json},
 * {@code measures.json}, register rows ({@code *.csv}) and rules, and sharing the folders of {@code rules/} its
 * framework file names in {@code sharedRules} (docs/frameworks.md).
 */
public final class Framework {
    public static final String FRAMEWORK_FILE = "framework/framework.json";
    public static final String MEASURES_FILE = "framework/measures.json";
    /** The folder of {@code rules/} holding the frameworks beside the default one, one folder each, named by id. */
    public static final String FRAMEWORKS = "frameworks";

    private final FrameworkFile data;
    /** The framework's folder relative to the rules folder: "framework", or "frameworks/<id>". */
    private String folder = "framework";
    private List<String> known = List.of();
    private PolicyRegister register;
    private final Map<String, FrameworkFile.KeyQuestionIn> keyQuestions = new LinkedHashMap<>();
    private final Map<String, StatementIn> statements = new LinkedHashMap<>();
    private final Map<String, FrameworkFile.CategoryIn> categories = new LinkedHashMap<>();
    private final Map<String, RatingIn> ratings = new LinkedHashMap<>();
    private final Map<String, ServiceTypeIn> serviceTypes = new LinkedHashMap<>();
    private final Map<String, ScopeIn> scopes = new LinkedHashMap<>();
    private final Map<String, MeasureIn> measures = new LinkedHashMap<>();

    private Framework(FrameworkFile data) {
        this.data = data;
    }

    /** Loads and checks the default framework's files under a rules folder. */
    public static Framework load(Path rulesDir) throws InvalidInputException {
        return load(rulesDir, null);
    }

    /**
     * Loads and checks a framework by id: null or the default framework's id gives the default one
     * ({@code rules/framework/}); another id, the one in {@code rules/frameworks/<id>/}. An id with no folder there
     * is refused, naming the frameworks the rules folder holds.
     */
    public static Framework load(Path rulesDir, String id) throws InvalidInputException {
        List<String> known = known(rulesDir);
        boolean isDefault = id == null || (!known.isEmpty() && known.get(0).equals(id));
        if (!isDefault && !known.contains(id)) {
            throw new InvalidInputException(new Problem(rulesDir.resolve(FRAMEWORKS).toString(), 0, 0,
                    "no framework '" + id + "' here; expected one of " + known));
        }
        String folder = isDefault ? "framework" : FRAMEWORKS + "/" + id;
        Path fwPath = rulesDir.resolve(folder).resolve("framework.json");
        var fw = StrictJson.read(fwPath, fwPath.toString(), FrameworkFile.class);
        Path msPath = rulesDir.resolve(folder).resolve("measures.json");
        var ms = StrictJson.read(msPath, msPath.toString(), MeasuresFile.class);
        Framework f = new Framework(fw.value());
        f.folder = folder;
        f.known = known;
        List<Problem> problems = new ArrayList<>();
        f.index(fw.positions(), ms.value(), ms.positions(), problems);
        if (!isDefault && !fw.value().id().equals(id)) {
            problems.add(fw.positions().at("/id", "the framework in folder " + folder + " has id '" + fw.value().id()
                    + "'; expected '" + id + "', the folder's name"));
        }
        if (!isDefault && fw.value().sharedRules() == null) {
            problems.add(fw.positions().at("/id", "expected \"sharedRules\": the folders of the rules folder whose rules "
                    + "and register rows this framework shares, such as [\"method\", \"evidence\", \"policy\"]"));
        }
        if (isDefault && fw.value().sharedRules() != null) {
            problems.add(fw.positions().at("/sharedRules", "the default framework shares every folder outside "
                    + FRAMEWORKS + "/; expected no \"sharedRules\" here"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        f.register = PolicyRegister.load(rulesDir, f);
        return f;
    }

    /**
     * The ids of the frameworks a rules folder holds: the default framework's first (read from its file), then each
     * folder of {@code rules/frameworks/} that holds a framework.json, by name.
     */
    public static List<String> known(Path rulesDir) throws InvalidInputException {
        List<String> ids = new ArrayList<>();
        Path fwPath = rulesDir.resolve(FRAMEWORK_FILE);
        if (java.nio.file.Files.isRegularFile(fwPath)) {
            ids.add(StrictJson.read(fwPath, fwPath.toString(), FrameworkFile.class).value().id());
        }
        Path more = rulesDir.resolve(FRAMEWORKS);
        if (java.nio.file.Files.isDirectory(more)) {
            try (var s = java.nio.file.Files.list(more)) {
                s.filter(p -> java.nio.file.Files.isRegularFile(p.resolve("framework.json")))
                        .map(p -> p.getFileName().toString()).sorted().forEach(ids::add);
            } catch (java.io.IOException e) {
                throw new InvalidInputException(new Problem(more.toString(), 0, 0, "cannot be read: " + e.getMessage()));
            }
        }
        return ids;
    }

    private void index(Positions at, MeasuresFile ms, Positions msAt, List<Problem> problems) {
        var d = data;
        for (int i = 0; i < d.keyQuestions().size(); i++) {
            put(keyQuestions, d.keyQuestions().get(i).id(), d.keyQuestions().get(i), at, "/keyQuestions/" + i, problems);
        }
        for (int i = 0; i < d.statements().size(); i++) {
            StatementIn s = d.statements().get(i);
            put(statements, s.id(), s, at, "/statements/" + i, problems);
            if (!keyQuestions.containsKey(s.keyQuestion())) {
                problems.add(at.at("/statements/" + i + "/keyQuestion", "unknown key question '" + s.keyQuestion()
                        + "'; expected one of " + keyQuestions.keySet()));
            }
        }
        for (int i = 0; i < d.evidenceCategories().size(); i++) {
            put(categories, d.evidenceCategories().get(i).id(), d.evidenceCategories().get(i), at,
                    "/evidenceCategories/" + i, problems);
        }
        for (int i = 0; i < d.ratings().size(); i++) {
            put(ratings, d.ratings().get(i).id(), d.ratings().get(i), at, "/ratings/" + i, problems);
        }
        if (d.scores().min() < 1 || d.scores().max() <= d.scores().min()) {
            problems.add(at.at("/scores", "expected a score scale with 1 <= min < max, found " + d.scores().min()
                    + " to " + d.scores().max()));
        }
        for (int i = 0; i < d.serviceTypes().size(); i++) {
            ServiceTypeIn t = d.serviceTypes().get(i);
            put(serviceTypes, t.id(), t, at, "/serviceTypes/" + i, problems);
            checkAll(t.evidenceCategories(), categories, at, "/serviceTypes/" + i + "/evidenceCategories",
                    "evidence category", problems);
        }
        for (int i = 0; i < d.scopes().size(); i++) {
            ScopeIn s = d.scopes().get(i);
            put(scopes, s.id(), s, at, "/scopes/" + i, problems);
            checkAll(s.statements(), statements, at, "/scopes/" + i + "/statements", "statement", problems);
        }
        var v = d.vocabulary();
        for (String who : v.who()) {
            if (!v.whoCategories().containsKey(who)) {
                problems.add(at.at("/vocabulary/whoCategories", "who '" + who + "' has no evidence categories; expected "
                        + "an entry for every word of vocabulary.who " + v.who()));
            }
        }
        v.whoCategories().forEach((who, cats) -> {
            if (!v.who().contains(who)) {
                problems.add(at.at("/vocabulary/whoCategories/" + who, "unknown who '" + who + "'; expected one of "
                        + v.who()));
            }
            checkAll(cats, categories, at, "/vocabulary/whoCategories/" + who, "evidence category", problems);
        });
        regimes(d, at, problems);
        for (int i = 0; i < ms.measures().size(); i++) {
            MeasureIn m = ms.measures().get(i);
            put(measures, m.id(), m, msAt, "/measures/" + i, problems);
            if (!m.better().equals("higher") && !m.better().equals("lower")) {
                problems.add(msAt.at("/measures/" + i + "/better", "expected \"higher\" or \"lower\", found \""
                        + m.better() + "\""));
            }
            if (!d.vocabulary().units().contains(m.unit())) {
                problems.add(msAt.at("/measures/" + i + "/unit", "unknown unit \"" + m.unit() + "\"; expected one of "
                        + d.vocabulary().units()));
            }
        }
    }

    /** The regimes the framework names: known ids, and a "before"/"from" for each when there are two. */
    private static void regimes(FrameworkFile d, Positions at, List<Problem> problems) {
        var known = List.of("statement", "evidence-category");
        for (int i = 0; i < d.regimes().size(); i++) {
            var r = d.regimes().get(i);
            if (!known.contains(r.id())) {
                problems.add(at.at("/regimes/" + i + "/id", "unknown regime '" + r.id() + "'; expected one of " + known));
            }
            if (d.regimes().size() > 1 && !"before".equals(r.applies()) && !"from".equals(r.applies())) {
                problems.add(at.at("/regimes/" + i, "with more than one regime, each says whether it applies "
                        + "\"before\" or \"from\" the register's regime date (regime.statement-from); found "
                        + (r.applies() == null ? "nothing" : "\"" + r.applies() + "\"")));
            }
        }
        if (d.regimes().isEmpty()) {
            problems.add(at.at("/regimes", "expected at least one regime the framework is assessed under"));
        }
    }

    private static <T> void put(Map<String, T> map, String id, T value, Positions at, String pointer,
                                List<Problem> problems) {
        if (map.putIfAbsent(id, value) != null) {
            problems.add(at.at(pointer + "/id", "duplicate id '" + id + "'; each id may be defined once"));
        }
    }

    private static void checkAll(List<String> ids, Map<String, ?> known, Positions at, String pointer, String what,
                                 List<Problem> problems) {
        for (int i = 0; i < ids.size(); i++) {
            if (!known.containsKey(ids.get(i))) {
                problems.add(at.at(pointer + "/" + i, "unknown " + what + " '" + ids.get(i) + "'"));
            }
        }
    }

    public String version() { return data.version(); }
    /** The framework's id, as a fixture names it in {@code assessment.framework}. */
    public String id() { return data.id(); }
    /** Whether this is the default framework ({@code rules/framework/}), used when a fixture names none. */
    public boolean isDefault() { return folder.equals("framework"); }
    /** The framework's folder relative to the rules folder: "framework", or "frameworks/<id>". */
    public String folder() { return folder; }
    /** The ids of every framework in the same rules folder, the default one first. */
    public List<String> knownFrameworks() { return known; }
    /** The folders of the rules folder this framework shares (empty for the default one, which shares them all). */
    public List<String> sharedRules() { return data.sharedRules() == null ? List.of() : data.sharedRules(); }
    /** The framework's word for its grouping level ("key question"; "theme"), singular. */
    public String groupingTerm() { return data.groupingLevel().singular(); }
    /** The framework's word for its grouping level, plural. */
    public String groupingTermPlural() { return data.groupingLevel().plural(); }
    /**
     * Text a shared rule wrote (a rule's name or reason, a sentence it made) in this framework's words: "key question"
     * becomes its grouping word ({@link GroupingWords}).
     */
    public String inOwnWords(String text) {
        return new GroupingWords(groupingTerm(), groupingTermPlural()).say(text);
    }
    /** The label of the overall rating in reports, for a scope (the scope's own label, else the framework's). */
    public String overallLabel(String scope) {
        ScopeIn s = scopes.get(scope);
        return s != null && s.overallLabel() != null ? s.overallLabel() : data.overallLabel();
    }
    public Map<String, FrameworkFile.KeyQuestionIn> keyQuestions() { return keyQuestions; }
    public Map<String, StatementIn> statements() { return statements; }
    public Map<String, FrameworkFile.CategoryIn> categories() { return categories; }
    public Map<String, RatingIn> ratings() { return ratings; }
    public Map<String, ServiceTypeIn> serviceTypes() { return serviceTypes; }
    public Map<String, ScopeIn> scopes() { return scopes; }
    public Map<String, MeasureIn> measures() { return measures; }
    /** The lowest score a statement or grade can take. */
    public int minScore() { return data.scores().min(); }
    /** The highest score a statement or grade can take: the maximum each statement contributes to a percentage. */
    public int maxScore() { return data.scores().max(); }
    /** What each score means, highest first. */
    public List<FrameworkFile.MeaningIn> scoreMeanings() { return data.scores().meanings(); }
    /** The policy register read from {@code rules/policy/}. */
    public PolicyRegister register() { return register; }

    /** The same framework with one register value changed in memory (a what-if); see {@link PolicyRegister#with}. */
    public Framework withPolicy(String id, String value) {
        return withRegister(register.with(id, value));
    }

    /** As above; {@code annotate} as in {@link PolicyRegister#with(String, String, boolean)}. */
    public Framework withPolicy(String id, String value, boolean annotate) {
        return withRegister(register.with(id, value, annotate));
    }

    private Framework withRegister(PolicyRegister other) {
        Framework f = new Framework(data);
        f.folder = folder;
        f.known = known;
        f.keyQuestions.putAll(keyQuestions);
        f.statements.putAll(statements);
        f.categories.putAll(categories);
        f.ratings.putAll(ratings);
        f.serviceTypes.putAll(serviceTypes);
        f.scopes.putAll(scopes);
        f.measures.putAll(measures);
        f.register = other;
        return f;
    }

    /** The word shown where there is no rating. */
    public String notRated() { return data.notRated(); }
    /** The words the fixture format accepts for its enumerated fields. */
    public FrameworkFile.VocabularyIn vocabulary() { return data.vocabulary(); }

    /** The regimes the framework is assessed under, in file order. */
    public List<FrameworkFile.RegimeIn> regimes() { return data.regimes(); }

    /** The regimes as facts: with one regime, its "before"/"from" is dropped, as no date switches it. */
    public List<org.assessor.facts.FrameworkRegime> regimeFacts() {
        return data.regimes().stream().map(r -> new org.assessor.facts.FrameworkRegime(r.id(),
                data.regimes().size() > 1 ? r.applies() : null, r.source())).toList();
    }
    /** The highest and lowest rating ranks. */
    public int topRank() { return ratings.values().stream().mapToInt(RatingIn::rank).max().orElse(0); }
    public int bottomRank() { return ratings.values().stream().mapToInt(RatingIn::rank).min().orElse(0); }

    /** A rating looked up by its id ("requires-improvement") or its name ("Requires improvement"). */
    public Optional<RatingIn> rating(String idOrName) {
        return ratings.values().stream()
                .filter(r -> r.id().equals(idOrName) || r.name().equalsIgnoreCase(idOrName))
                .findFirst();
    }
}
