package org.assessor.evidence;

import org.assessor.ruleset.FrameworkFile;
import org.assessor.ruleset.Framework;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.input.Positions;
import org.assessor.input.StrictJson;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assessor.evidence.EvidenceFile.Envelope;
import org.assessor.evidence.EvidenceFile.Item;
import org.assessor.facts.Assessment;
import org.assessor.facts.Benchmark;
import org.assessor.facts.Breach;
import org.assessor.facts.CategoryApplies;
import org.assessor.facts.KeyQuestion;
import org.assessor.facts.Metric;
import org.assessor.facts.Observation;
import org.assessor.facts.PreviousRating;
import org.assessor.facts.RatingLevel;
import org.assessor.facts.RecordedRating;
import org.assessor.facts.RecordedScore;
import org.assessor.facts.ScoreLevel;
import org.assessor.facts.ScoreScale;
import org.assessor.facts.StatementInScope;

/** Reads a fixture strictly and checks every id and value against the framework; all problems are reported at once. */
public final class EvidenceLoader {
    public static final String EVIDENCE_FILE = "evidence.json";
    /** Most evidence items one fixture may hold; a larger one is refused with this number rather than slowing to a crawl. */
    public static final int MAX_ITEMS = 10_000;
    /** The scoring regimes a fixture may state (the rules in rules/method/regime.drl know these two). */
    public static final List<String> REGIMES = List.of("statement", "evidence-category");
    /** Most suggestions given for an unknown statement id. */
    static final int MAX_SUGGESTIONS = 3;
    /** Most items listed one by one as unaccepted suggestions; the rest are counted in one more problem. */
    static final int MAX_SUGGESTION_PROBLEMS = 10;
    /** Shortest text compared with the start of the statement ids as well as with the whole ids. */
    static final int MIN_PREFIX = 4;

    private final Framework framework;

    public EvidenceLoader(Framework framework) {
        this.framework = framework;
    }

    /** Loads a fixture folder (containing evidence.json) or an evidence file. */
    public LoadedAssessment load(Path fixture) throws InvalidInputException {
        Path file = evidenceFile(fixture);
        String shown = file.toString();
        return load(StrictJson.bytes(file, shown), shown);
    }

    /** Loads a fixture already in memory (a what-if variant, say), shown in messages as {@code shown}. */
    public LoadedAssessment load(byte[] bytes, String shown) throws InvalidInputException {
        var read = StrictJson.read(bytes, shown, EvidenceFile.class);
        return new Check(read.value(), read.positions()).run(shown, sha256(bytes));
    }

    /**
     * A draft's JSON as if every suggestion had been accepted: every {@code suggested} field removed. For the coding
     * page's live scores and the draft's measurement, which say that they count suggestions as coded; never for
     * {@code evaluate}. Text that is not a JSON object is returned as it is, for the loader to report.
     */
    public static byte[] asCoded(byte[] bytes) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var root = mapper.readTree(bytes);
            if (!(root instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) return bytes;
            if (o.get("assessment") instanceof com.fasterxml.jackson.databind.node.ObjectNode a) a.remove("suggested");
            if (o.get("evidence") instanceof com.fasterxml.jackson.databind.node.ArrayNode items) {
                items.forEach(i -> { if (i instanceof com.fasterxml.jackson.databind.node.ObjectNode n) n.remove("suggested"); });
            }
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (java.io.IOException e) {
            return bytes;
        }
    }

    /** How many evidence items of a fixture's JSON still carry suggestions (0 when it cannot be read). */
    public static int unacceptedSuggestions(byte[] bytes) {
        try {
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
            int n = 0;
            for (var i : root.path("evidence")) if (i.path("suggested").size() > 0) n++;
            if (root.path("assessment").path("suggested").size() > 0) n++;
            return n;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /**
     * The framework a fixture's envelope names ({@code assessment.framework}), or null when it names none; read
     * strictly, so a fixture that cannot be read gives the same problems as {@link #load(byte[], String)}.
     */
    public static String frameworkNamed(byte[] bytes, String shown) throws InvalidInputException {
        return StrictJson.read(bytes, shown, EvidenceFile.class).value().assessment().framework();
    }

    /** The evidence file of a fixture folder, or the path itself when it is a file. */
    public static Path evidenceFile(Path fixture) {
        return fixture.toFile().isDirectory() ? fixture.resolve(EVIDENCE_FILE) : fixture;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * A rating given by its id, its name in any letter case, or the initials of a name of several words in any letter
     * case ("RI" for Requires improvement). A one-word name has no abbreviation: "O", "G" and "I" are refused.
     */
    static Optional<FrameworkFile.RatingIn> rating(Framework framework, String given) {
        if (given == null) return Optional.empty();
        var r = framework.rating(given);
        if (r.isPresent()) return r;
        return framework.ratings().values().stream()
                .filter(x -> abbreviation(x.name()).filter(given::equalsIgnoreCase).isPresent())
                .findFirst();
    }

    /** The initials of a name of several words ("Requires improvement": "RI"); none for a one-word name. */
    static Optional<String> abbreviation(String name) {
        String[] words = name.strip().split("\\s+");
        if (words.length < 2) return Optional.empty();
        StringBuilder sb = new StringBuilder();
        for (String w : words) sb.appendCodePoint(Character.toUpperCase(w.codePointAt(0)));
        return Optional.of(sb.toString());
    }

    /**
     * The statement ids an unknown one most likely meant: the statement whose display name it is (in any letter
     * case), else up to three ids nearest to it by edit distance (the nearest, and any one edit further), nearest
     * first, then in framework order; none when no id is near. The text is lower-cased and its words joined with
     * hyphens first, and it is also measured against the start of each longer id, so that a shortened id
     * ("governance", "learning") finds the ids it begins.
     */
    static List<String> likelyStatements(Framework framework, String given) {
        if (given == null || given.isBlank()) return List.of();
        for (var st : framework.statements().values()) {
            if (st.name().equalsIgnoreCase(given.strip())) return List.of(st.id());
        }
        String asId = given.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        int near = Math.max(3, asId.length() / 4);
        record Scored(String id, int distance, int order) {}
        List<Scored> scored = new ArrayList<>();
        int order = 0;
        for (String id : framework.statements().keySet()) {
            int d = editDistance(asId, id, near);
            if (asId.length() >= MIN_PREFIX && id.length() > asId.length()) {
                d = Math.min(d, editDistance(asId, id.substring(0, asId.length()), near));
            }
            if (d <= near) scored.add(new Scored(id, d, order));
            order++;
        }
        int best = scored.stream().mapToInt(Scored::distance).min().orElse(0);
        return scored.stream().filter(x -> x.distance() <= best + 1)
                .sorted(java.util.Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order))
                .limit(MAX_SUGGESTIONS).map(Scored::id).toList();
    }

    /** Levenshtein distance between a and b, or a number above {@code cap} once it is certain to exceed it. */
    static int editDistance(String a, String b, int cap) {
        if (Math.abs(a.length() - b.length()) > cap) return cap + 1;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > cap) return cap + 1;
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** 'a'; 'a' or 'b'; 'a', 'b' or 'c'. */
    static String listed(List<String> ids) {
        List<String> quoted = ids.stream().map(i -> "'" + i + "'").toList();
        if (quoted.size() == 1) return quoted.get(0);
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    /** One pass of checks over one file, collecting problems. */
    private final class Check {
        private final EvidenceFile doc;
        private final Positions at;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Object> facts = new ArrayList<>();

        Check(EvidenceFile doc, Positions at) {
            this.doc = doc;
            this.at = at;
        }

        LoadedAssessment run(String shown, String digest) throws InvalidInputException {
            Envelope env = doc.assessment();
            framework(env.framework());
            var scope = framework.scopes().get(env.scope());
            if (scope == null) {
                problems.add(at.at("/assessment/scope", "unknown scope '" + env.scope() + "'; expected one of "
                        + framework.scopes().keySet()));
                throw new InvalidInputException(problems);
            }
            LocalDate date = date(env.assessmentDate());
            LocalDate start = startDate(env.assessmentStart(), date);
            String regime = regime(env.regime());
            Set<String> categories = serviceTypeCategories(env.serviceType());
            List<String> inScope = statementsInScope(env, scope.statements());
            List<String> kqs = inScope.stream().map(s -> framework.statements().get(s).keyQuestion()).distinct().toList();
            Assessment assessment = new Assessment(env.provider(), env.serviceType(), env.scope(), date, scope.trustLevel(),
                    start, regime);
            frameworkFacts(assessment, inScope, kqs, categories);
            facts.add(new org.assessor.facts.ScopeStatements(scope.statements().size()));
            envelopeFacts(env, inScope, kqs);
            Map<String, Item> items = evidence(inScope, categories);
            suggestions(env);
            if (doc.evidence().isEmpty() && !env.recordsScores() && env.previousRatings().isEmpty()) {
                // Without an "evidence" field the problem is placed at the start of the document.
                problems.add(at.at("/evidence", "the fixture has no evidence, no recorded scores and no previous "
                        + "ratings, so there is nothing to evaluate; expected at least one evidence item"));
            }
            if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().sorted().toList());
            return new LoadedAssessment(shown, digest, assessment, inScope, kqs, items, env, List.copyOf(facts),
                    framework.register().changes());
        }

        /**
         * A draft's suggestions not yet accepted: each is refused where it stands, naming the fields, so a draft is
         * never evaluated as though a coder had checked it (docs/fixtures.md, "Drafts and suggestions"). An empty list
         * is allowed (everything accepted). The coding page and the draft's measurement read a draft as coded through
         * {@link #asCoded(byte[])}, and say so.
         */
        private void suggestions(Envelope env) {
            if (env.suggested() != null) {
                named(env.suggested(), EvidenceFile.SUGGESTABLE_ENVELOPE, "/assessment/suggested");
                if (!env.suggested().isEmpty()) {
                    problems.add(at.at("/assessment/suggested", "the assessment's " + String.join(", ", env.suggested())
                            + (env.suggested().size() == 1 ? " is" : " are") + " a draft's suggestion" + (env.suggested()
                            .size() == 1 ? "" : "s") + " no coder has accepted; check " + (env.suggested().size() == 1
                            ? "it" : "them") + " and accept on the coding page (assessor serve, Coding), or remove the "
                            + "names from \"suggested\" once checked"));
                }
            }
            int unaccepted = 0;
            for (int i = 0; i < doc.evidence().size(); i++) {
                Item item = doc.evidence().get(i);
                if (item == null || item.suggested() == null) continue;
                String ptr = "/evidence/" + i + "/suggested";
                named(item.suggested(), EvidenceFile.SUGGESTABLE_ITEM, ptr);
                if (!item.suggested().isEmpty()) {
                    unaccepted++;
                    if (unaccepted <= MAX_SUGGESTION_PROBLEMS) {
                        problems.add(at.at(ptr, "evidence '" + item.id() + "' is a draft's suggestion no coder has "
                                + "accepted (" + String.join(", ", item.suggested()) + "); check it and accept it on the "
                                + "coding page (assessor serve, Coding), or remove the names from \"suggested\" once "
                                + "checked"));
                    }
                }
            }
            if (unaccepted > MAX_SUGGESTION_PROBLEMS) {
                problems.add(at.at("/evidence", unaccepted + " evidence items in all are suggestions no coder has "
                        + "accepted (the first " + MAX_SUGGESTION_PROBLEMS + " are listed); a draft is evaluated only "
                        + "once it is coded"));
            }
        }

        private void named(List<String> names, List<String> allowed, String ptr) {
            Set<String> seen = new LinkedHashSet<>();
            for (int j = 0; j < names.size(); j++) {
                String n = names.get(j);
                if (!allowed.contains(n)) {
                    problems.add(at.at(ptr + "/" + j, "unknown suggested field \"" + n + "\"; expected some of "
                            + allowed));
                } else if (!seen.add(n)) {
                    problems.add(at.at(ptr + "/" + j, "suggested field \"" + n + "\" is named twice"));
                }
            }
        }

        /**
         * The framework the envelope names must be the one this loader checks against: none names the default
         * framework. An unknown one is refused, naming the frameworks the rules folder holds.
         */
        private void framework(String named) throws InvalidInputException {
            var known = framework.knownFrameworks();
            if (named != null && !known.contains(named)) {
                problems.add(at.at("/assessment/framework", "unknown framework '" + named + "'; expected one of "
                        + known + " (the default framework, in rules/framework/, when the field is left out; the "
                        + "others are the folders of rules/" + Framework.FRAMEWORKS + "/)"));
            } else if (named != null && !named.equals(framework.id())) {
                problems.add(at.at("/assessment/framework", "the fixture names framework '" + named + "', but it is "
                        + "being read with framework '" + framework.id() + "'; evaluate it through an assessor of the "
                        + "whole rules folder"));
            } else if (named == null && !framework.isDefault()) {
                problems.add(at.at("/assessment", "the fixture names no framework, so it belongs to the default "
                        + "framework '" + (known.isEmpty() ? "" : known.get(0)) + "', but it is being read with "
                        + "framework '" + framework.id() + "'; add \"framework\": \"" + framework.id() + "\" to its "
                        + "assessment"));
            }
            if (!problems.isEmpty()) throw new InvalidInputException(problems);
        }

        private LocalDate date(String text) {
            try {
                LocalDate d = LocalDate.parse(text);
                if (d.isAfter(LocalDate.now())) {
                    problems.add(at.at("/assessment/assessmentDate", "the assessment date " + text
                            + " is in the future; expected a date on or before today"));
                }
                var earliest = framework.register().earliest();
                if (earliest.isPresent() && d.isBefore(earliest.get())) {
                    problems.add(at.at("/assessment/assessmentDate", "the assessment date " + text + " is before the "
                            + "policy register's first values (in force from " + earliest.get() + "); expected a date "
                            + "on or after it"));
                }
                return d;
            } catch (DateTimeParseException e) {
                problems.add(at.at("/assessment/assessmentDate", "expected a date as YYYY-MM-DD, found \"" + text + "\""));
                return LocalDate.MIN;
            }
        }

        /** The optional start date: a date, not in the future and not after the assessment date. */
        private LocalDate startDate(String text, LocalDate assessmentDate) {
            if (text == null) return null;
            String ptr = "/assessment/assessmentStart";
            try {
                LocalDate d = LocalDate.parse(text);
                if (d.isAfter(LocalDate.now())) {
                    problems.add(at.at(ptr, "the assessment start date " + text + " is in the future; expected a date "
                            + "on or before today"));
                } else if (!assessmentDate.equals(LocalDate.MIN) && d.isAfter(assessmentDate)) {
                    problems.add(at.at(ptr, "the assessment start date " + text + " is after the assessment date "
                            + assessmentDate + "; expected a date on or before it"));
                }
                return d;
            } catch (DateTimeParseException e) {
                problems.add(at.at(ptr, "expected a date as YYYY-MM-DD, found \"" + text + "\""));
                return null;
            }
        }

        /** The optional regime the fixture states: one the framework is assessed under. */
        private String regime(String regime) {
            if (regime == null) return null;
            var known = framework.regimes().stream().map(r -> r.id()).toList();
            var allowed = REGIMES.stream().filter(known::contains).toList();
            if (allowed.contains(regime)) return regime;
            problems.add(at.at("/assessment/regime", (REGIMES.contains(regime) ? "framework '" + framework.id()
                    + "' is not assessed under the regime '" + regime + "'" : "unknown regime '" + regime + "'")
                    + "; expected one of " + allowed));
            return null;
        }

        private Set<String> serviceTypeCategories(String serviceType) {
            var type = framework.serviceTypes().get(serviceType);
            if (type == null) {
                problems.add(at.at("/assessment/serviceType", "unknown service type '" + serviceType
                        + "'; expected one of " + framework.serviceTypes().keySet()));
                return framework.categories().keySet();
            }
            return new LinkedHashSet<>(type.evidenceCategories());
        }

        private List<String> statementsInScope(Envelope env, List<String> scopeStatements) {
            if (env.statementsInScope() == null) return scopeStatements;
            Set<String> chosen = new LinkedHashSet<>();
            for (int i = 0; i < env.statementsInScope().size(); i++) {
                String s = env.statementsInScope().get(i);
                String ptr = "/assessment/statementsInScope/" + i;
                if (!statementId(s, ptr, "expected a statement id from the framework")) continue;
                if (!scopeStatements.contains(s)) {
                    problems.add(at.at(ptr, "statement '" + s + "' is not part of scope '" + env.scope() + "'"));
                } else if (!chosen.add(s)) {
                    problems.add(at.at(ptr, "statement '" + s + "' is listed twice"));
                }
            }
            return scopeStatements.stream().filter(chosen::contains).toList();
        }

        private void frameworkFacts(Assessment a, List<String> inScope, List<String> kqs, Set<String> categories) {
            facts.add(a);
            for (var k : framework.keyQuestions().values()) {
                facts.add(new KeyQuestion(k.id(), k.name(), k.order(), kqs.contains(k.id())));
            }
            for (String s : inScope) {
                var st = framework.statements().get(s);
                facts.add(new StatementInScope(st.id(), st.keyQuestion(), st.name(), st.order()));
            }
            categories.forEach(c -> facts.add(new CategoryApplies(c)));
            framework.ratings().values().forEach(r -> facts.add(new RatingLevel(r.id(), r.name(), r.rank())));
            facts.add(new ScoreScale(framework.minScore(), framework.maxScore()));
            facts.addAll(framework.regimeFacts());
            framework.scoreMeanings().forEach(m -> facts.add(new ScoreLevel(m.id(), m.score(), m.meaning())));
            facts.addAll(framework.register().inForceOn(a.assessmentDate()));
        }

        private void envelopeFacts(Envelope env, List<String> inScope, List<String> kqs) {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < env.previousRatings().size(); i++) {
                var p = env.previousRatings().get(i);
                String ptr = "/assessment/previousRatings/" + i;
                if (keyQuestion(p.keyQuestion(), ptr + "/keyQuestion") && !seen.add(p.keyQuestion())) {
                    problems.add(at.at(ptr, framework.groupingTerm() + " '" + p.keyQuestion() + "' has two previous ratings"));
                }
                rating(p.rating(), ptr + "/rating").ifPresent(r ->
                        facts.add(new PreviousRating(p.keyQuestion(), r.name(), r.rank())));
            }
            seen.clear();
            for (int i = 0; i < env.recordedScores().size(); i++) {
                var r = env.recordedScores().get(i);
                String ptr = "/assessment/recordedScores/" + i;
                recordedScore(r.statement(), r.score(), ptr + "/statement", ptr, ptr + "/score", inScope, seen);
                text(r.reason(), ptr + "/reason");
                text(r.by(), ptr + "/by");
                facts.add(new RecordedScore(r.statement(), r.score(), r.reason(), r.by()));
            }
            recordedScoresByStatement(env, inScope, seen);
            seen.clear();
            for (int i = 0; i < env.recordedRatings().size(); i++) {
                var r = env.recordedRatings().get(i);
                String ptr = "/assessment/recordedRatings/" + i;
                if (keyQuestion(r.keyQuestion(), ptr + "/keyQuestion") && !kqs.contains(r.keyQuestion())) {
                    problems.add(at.at(ptr + "/keyQuestion", framework.groupingTerm() + " '" + r.keyQuestion()
                            + "' is not assessed here; expected one of " + kqs));
                } else if (!seen.add(r.keyQuestion())) {
                    problems.add(at.at(ptr, framework.groupingTerm() + " '" + r.keyQuestion() + "' has two recorded ratings"));
                }
                text(r.reason(), ptr + "/reason");
                text(r.by(), ptr + "/by");
                rating(r.rating(), ptr + "/rating").ifPresent(level -> facts.add(
                        new RecordedRating(r.keyQuestion(), level.name(), level.rank(), r.reason(), r.by())));
            }
            for (int i = 0; i < env.breaches().size(); i++) {
                var b = env.breaches().get(i);
                String ptr = "/assessment/breaches/" + i;
                keyQuestion(b.keyQuestion(), ptr + "/keyQuestion");
                text(b.regulation(), ptr + "/regulation");
                text(b.description(), ptr + "/description");
                facts.add(new Breach(b.keyQuestion(), b.regulation(), b.description()));
            }
            text(env.provider(), "/assessment/provider");
        }

        /** Checks one recorded score, in either form: a statement in scope, scored once, on the framework's scale. */
        private void recordedScore(String statement, Integer score, String statementPtr, String entryPtr,
                                   String scorePtr, List<String> inScope, Set<String> seen) {
            boolean known = statementId(statement, statementPtr, "expected one of " + inScope);
            if (known && !inScope.contains(statement)) {
                problems.add(at.at(statementPtr, "statement '" + statement
                        + "' is not in this assessment's scope; expected one of " + inScope));
            } else if (known && !seen.add(statement)) {
                problems.add(at.at(entryPtr, "statement '" + statement + "' has two recorded scores"));
            }
            if (score == null || score < framework.minScore() || score > framework.maxScore()) {
                problems.add(at.at(scorePtr, "expected a score from " + framework.minScore() + " to "
                        + framework.maxScore() + ", found " + score));
            }
        }

        /** The compact form: {@code {"<statement-id>": score}} with one reason and one author for all of them. */
        private void recordedScoresByStatement(Envelope env, List<String> inScope, Set<String> seen) {
            String mapPtr = "/assessment/recordedScoresByStatement";
            var scores = env.recordedScoresByStatement();
            if (scores == null) {
                alone(env.recordedScoresReason(), "recordedScoresReason");
                alone(env.recordedScoresBy(), "recordedScoresBy");
                return;
            }
            boolean reason = withTheMap(env.recordedScoresReason(), "recordedScoresReason", "one reason for all the scores");
            boolean by = withTheMap(env.recordedScoresBy(), "recordedScoresBy", "who recorded the scores");
            for (var e : scores.entrySet()) {
                String ptr = mapPtr + "/" + e.getKey();
                recordedScore(e.getKey(), e.getValue(), ptr, ptr, ptr, inScope, seen);
                if (e.getValue() != null && reason && by) {
                    facts.add(new RecordedScore(e.getKey(), e.getValue(), env.recordedScoresReason(),
                            env.recordedScoresBy()));
                }
            }
        }

        /** A field the compact recorded scores need: present (reported at the map when missing) and not blank. */
        private boolean withTheMap(String value, String field, String what) {
            if (value == null) {
                problems.add(at.at("/assessment/recordedScoresByStatement", "missing field '" + field + "' in "
                        + "'assessment'; 'recordedScoresByStatement' needs it (" + what + ")"));
                return false;
            }
            return text(value, "/assessment/" + field);
        }

        /** A field of the compact recorded scores given without the map it belongs to. */
        private void alone(String value, String field) {
            if (value != null) {
                problems.add(at.at("/assessment/" + field, "'" + field + "' is given without "
                        + "'recordedScoresByStatement'; give the scores it applies to there, or leave it out"));
            }
        }

        /**
         * Whether {@code s} is a statement id; when it is not, reports it as unknown, naming the id it most likely
         * meant (a statement given by its display name, or an id misspelt), then {@code expected}.
         */
        private boolean statementId(String s, String ptr, String expected) {
            if (framework.statements().containsKey(s)) return true;
            List<String> likely = likelyStatements(framework, s);
            String hint = likely.isEmpty() ? "" : "did you mean " + listed(likely) + "? ";
            problems.add(at.at(ptr, "unknown statement '" + s + "'; " + hint + expected));
            return false;
        }

        private Map<String, Item> evidence(List<String> inScope, Set<String> categories) {
            Map<String, Item> items = new LinkedHashMap<>();
            if (doc.evidence().size() > MAX_ITEMS) {
                problems.add(at.at("/evidence", "the fixture has " + doc.evidence().size() + " evidence items; the most "
                        + "one fixture may hold is " + MAX_ITEMS + " (split it into several assessments)"));
                return items;
            }
            for (int i = 0; i < doc.evidence().size(); i++) {
                Item item = doc.evidence().get(i);
                String ptr = "/evidence/" + i;
                if (item == null) {
                    problems.add(at.at(ptr, "expected an evidence item object, found null"));
                    continue;
                }
                if (text(item.id(), ptr + "/id") && items.putIfAbsent(item.id(), item) != null) {
                    problems.add(at.at(ptr + "/id", "evidence id '" + item.id() + "' is used twice; ids must be unique"));
                }
                itemReferences(item, ptr, inScope, categories);
                text(item.source().document(), ptr + "/source/document");
                text(item.source().section(), ptr + "/source/section");
                text(item.source().quote(), ptr + "/source/quote");
                if ((item.metric() == null) == (item.observation() == null)) {
                    problems.add(at.at(ptr, "evidence '" + item.id() + "' must have exactly one of 'metric' or "
                            + "'observation'; found " + (item.metric() == null ? "neither" : "both")));
                } else if (item.metric() != null) {
                    metric(item, ptr + "/metric");
                } else {
                    observation(item, ptr + "/observation");
                }
            }
            return items;
        }

        private void itemReferences(Item item, String ptr, List<String> inScope, Set<String> categories) {
            if (statementId(item.statement(), ptr + "/statement", "expected one of " + inScope)
                    && !inScope.contains(item.statement())) {
                problems.add(at.at(ptr + "/statement", "statement '" + item.statement()
                        + "' is not in this assessment's scope; expected one of " + inScope));
            }
            if (!framework.categories().containsKey(item.category())) {
                problems.add(at.at(ptr + "/category", "unknown evidence category '" + item.category()
                        + "'; expected one of " + framework.categories().keySet()));
            } else if (!categories.contains(item.category())) {
                problems.add(at.at(ptr + "/category", "evidence category '" + item.category()
                        + "' does not apply to this service type; expected one of " + categories));
            }
        }

        private void metric(Item item, String ptr) {
            var m = item.metric();
            String better = catalogued(m, ptr);
            number(m.value(), m.unit(), ptr + "/value");
            text(m.period(), ptr + "/period");
            for (int j = 0; j < m.benchmarks().size(); j++) {
                var b = m.benchmarks().get(j);
                String bp = ptr + "/benchmarks/" + j;
                oneOf(b.kind(), framework.vocabulary().benchmarkKinds(), bp + "/kind", "benchmark kind");
                number(b.value(), m.unit(), bp + "/value");
                text(b.label(), bp + "/label");
            }
            if (better != null) {
                String measure = m.measure() == null ? "" : m.measure();
                String name = m.measure() == null ? m.name() : framework.measures().get(measure).name();
                facts.add(new Metric(item.id(), item.statement(), item.category(), measure, name, m.value(), m.unit(),
                        better, m.period()));
                m.benchmarks().forEach(b -> facts.add(Benchmark.given(item.id(), b.kind(), b.value(), b.label())));
            }
        }

        /**
         * Which way is better for the metric's measure: from the catalogue for a named measure, else from the metric's
         * own {@code name} and {@code better}, which a measure the catalogue lacks must give (and a catalogued one must
         * not). Null when the metric cannot be read.
         */
        private String catalogued(EvidenceFile.MetricIn m, String ptr) {
            if (m.measure() != null) {
                var measure = framework.measures().get(m.measure());
                if (m.name() != null || m.better() != null) {
                    problems.add(at.at(ptr + (m.name() != null ? "/name" : "/better"), "a metric of a catalogued measure "
                            + "takes its name and better direction from the catalogue; leave out \"name\" and \"better\", "
                            + "or leave out \"measure\" for a measure the catalogue lacks"));
                }
                if (measure == null) {
                    problems.add(at.at(ptr + "/measure", "unknown measure '" + m.measure()
                            + "'; add it to rules/" + Framework.MEASURES_FILE + ", use a listed id, or leave out "
                            + "\"measure\" and give \"name\" and \"better\" for a measure the catalogue lacks"));
                    return null;
                }
                if (!measure.unit().equals(m.unit())) {
                    problems.add(at.at(ptr + "/unit", "measure '" + m.measure() + "' is in " + measure.unit()
                            + ", found unit \"" + m.unit() + "\""));
                }
                return measure.better();
            }
            boolean named = m.name() != null && text(m.name(), ptr + "/name");
            if (m.name() == null && m.better() == null) {
                problems.add(at.at(ptr, "a metric names its \"measure\" from the catalogue, or, for a measure the "
                        + "catalogue lacks, gives \"name\" (what was measured) and \"better\" (\"higher\" or \"lower\"); "
                        + "found neither"));
                return null;
            }
            if (m.name() == null) {
                problems.add(at.at(ptr, "a measure the catalogue lacks needs \"name\": what was measured, in plain words "
                        + "with its source"));
            }
            if (m.better() == null || !List.of("higher", "lower").contains(m.better())) {
                problems.add(at.at(m.better() == null ? ptr : ptr + "/better", "a measure the catalogue lacks needs "
                        + "\"better\": \"higher\" or \"lower\" (which way is better for people); found "
                        + (m.better() == null ? "nothing" : "\"" + m.better() + "\"")));
                return null;
            }
            oneOf(m.unit(), framework.vocabulary().units(), ptr + "/unit", "unit");
            return named ? m.better() : null;
        }

        private void observation(Item item, String ptr) {
            var o = item.observation();
            var words = framework.vocabulary();
            text(o.theme(), ptr + "/theme");
            oneOf(o.direction(), words.directions(), ptr + "/direction", "direction");
            oneOf(o.kind(), words.kinds(), ptr + "/kind", "kind");
            oneOf(o.impact(), words.impacts(), ptr + "/impact", "impact");
            List<String> speakers = speakers(o.who(), item.category(), ptr + "/who",
                    ptr.substring(0, ptr.length() - "/observation".length()) + "/category");
            String extent = words.defaultExtent();
            if (o.extent() == null && o.cue() != null) {
                problems.add(at.at(ptr + "/cue", "a cue without an extent; give the extent the cue justifies, one of "
                        + words.extents() + ", or leave both out"));
            } else if (o.extent() != null) {
                oneOf(o.extent(), words.extents(), ptr + "/extent", "extent");
                extent = o.extent();
                if (o.cue() == null || o.cue().isBlank()) {
                    problems.add(at.at(ptr + "/extent", "extent \"" + o.extent() + "\" has no cue; give the words of "
                            + "the quote that show its reach as \"cue\", or leave extent out (read as "
                            + words.defaultExtent() + ")"));
                } else if (item.source().quote() != null && !item.source().quote().contains(o.cue())) {
                    problems.add(at.at(ptr + "/cue", "the cue \"" + o.cue() + "\" does not occur in the quote; copy "
                            + "the words exactly as the quote has them"));
                }
            }
            facts.add(Observation.of(item.id(), item.statement(), item.category(), o.theme(), o.direction(),
                    o.kind(), extent, o.cue(), o.impact(), speakers));
        }

        /**
         * The speakers of an observation: one or more known words, none twice; and its category must go with one of
         * them (the framework's {@code whoCategories}), so evidence is filed by where it comes from.
         */
        private List<String> speakers(List<String> who, String category, String ptr, String categoryPtr) {
            var words = framework.vocabulary();
            if (who == null || who.isEmpty()) {
                problems.add(at.at(ptr, "expected who said or saw it: one of " + words.who() + ", or a list of them"));
                return List.of();
            }
            for (int i = 0; i < who.size(); i++) {
                String p = who.size() == 1 ? ptr : ptr + "/" + i;
                oneOf(who.get(i), words.who(), p, "who");
                if (who.indexOf(who.get(i)) != i) {
                    problems.add(at.at(p, "who '" + who.get(i) + "' is named twice; name each kind of speaker once"));
                }
            }
            List<String> distinct = who.stream().distinct().toList();
            boolean fits = distinct.stream().anyMatch(w -> words.whoCategories().getOrDefault(w, List.of()).contains(category));
            if (!fits && distinct.stream().allMatch(words.who()::contains) && framework.categories().containsKey(category)) {
                List<String> expected = distinct.stream().flatMap(w -> words.whoCategories().get(w).stream()).distinct()
                        .toList();
                problems.add(at.at(categoryPtr, "evidence category '" + category + "' does not go with who " + distinct
                        + ": what " + String.join(" or ", distinct) + " said or saw is filed under " + expected
                        + " (docs/coding-guide.md, 'category follows from who')"));
            }
            return who;
        }

        /** The largest value read and the finest step: beyond them arithmetic on gaps and shares stops being exact. */
        private static final double MAX_VALUE = 1e9;
        private static final double MIN_STEP = 1e-6;

        private void number(double v, String unit, String ptr) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                problems.add(at.at(ptr, "expected a finite number, found " + v));
            } else if (v < 0) {
                problems.add(at.at(ptr, "expected a number of 0 or more, found " + v));
            } else if ("percent".equals(unit) && v > 100) {
                problems.add(at.at(ptr, "expected a percentage from 0 to 100, found " + v));
            } else if (v > MAX_VALUE) {
                problems.add(at.at(ptr, "expected a number up to " + (long) MAX_VALUE + ", found " + v));
            } else if (v != 0 && (v < MIN_STEP || Math.abs(v * 1e6 - Math.rint(v * 1e6)) > 1e-6 * Math.max(1, v))) {
                problems.add(at.at(ptr, "expected a number with at most 6 decimal places, found " + v
                        + " (a measured value or benchmark is never that fine)"));
            }
        }

        private boolean keyQuestion(String id, String ptr) {
            if (framework.keyQuestions().containsKey(id)) return true;
            problems.add(at.at(ptr, "unknown " + framework.groupingTerm() + " '" + id + "'; expected one of "
                    + framework.keyQuestions().keySet()));
            return false;
        }

        private Optional<FrameworkFile.RatingIn> rating(String given, String ptr) {
            var r = EvidenceLoader.rating(framework, given);
            if (r.isEmpty()) {
                problems.add(at.at(ptr, "unknown rating \"" + given + "\"; expected one of "
                        + framework.ratings().keySet() + " or "
                        + framework.ratings().values().stream().map(FrameworkFile.RatingIn::name).toList()));
            }
            return r;
        }

        private void oneOf(String value, List<String> allowed, String ptr, String what) {
            if (!allowed.contains(value)) {
                problems.add(at.at(ptr, "unknown " + what + " \"" + value + "\"; expected one of " + allowed));
            }
        }

        private boolean text(String value, String ptr) {
            if (value == null || value.isBlank()) {
                problems.add(at.at(ptr, "expected some text, found " + (value == null ? "null" : "an empty string")));
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean bidi = Problem.isBidirectional(c);
                if (Problem.isControl(c) || bidi) {
                    problems.add(at.at(ptr, "the text has a " + (bidi ? "bidirectional" : "control") + " character U+"
                            + String.format("%04X", (int) c) + " at character " + (i + 1) + "; expected one line of "
                            + "printable text (join lines with a space; reports would print it raw)"));
                    return false;
                }
            }
            return true;
        }
    }
}
