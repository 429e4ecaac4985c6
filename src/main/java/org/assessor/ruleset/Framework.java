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
 * The framework and measures catalogue from {@code rules/framework/} and the policy register from {@code rules/policy/},
 * checked for consistency, with look-ups.
 */
public final class Framework {
    public static final String FRAMEWORK_FILE = "framework/framework.json";
    public static final String MEASURES_FILE = "framework/measures.json";

    private final FrameworkFile data;
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

    /** Loads and checks the framework files under a rules folder. */
    public static Framework load(Path rulesDir) throws InvalidInputException {
        String fwName = rulesDir.resolve(FRAMEWORK_FILE).toString();
        var fw = StrictJson.read(rulesDir.resolve(FRAMEWORK_FILE), fwName, FrameworkFile.class);
        String msName = rulesDir.resolve(MEASURES_FILE).toString();
        var ms = StrictJson.read(rulesDir.resolve(MEASURES_FILE), msName, MeasuresFile.class);
        Framework f = new Framework(fw.value());
        List<Problem> problems = new ArrayList<>();
        f.index(fw.positions(), ms.value(), ms.positions(), problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        f.register = PolicyRegister.load(rulesDir, f);
        return f;
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

    private Framework withRegister(PolicyRegister other) {
        Framework f = new Framework(data);
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
