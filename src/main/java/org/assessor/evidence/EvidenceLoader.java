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
            var scope = framework.scopes().get(env.scope());
            if (scope == null) {
                problems.add(at.at("/assessment/scope", "unknown scope '" + env.scope() + "'; expected one of "
                        + framework.scopes().keySet()));
                throw new InvalidInputException(problems);
            }
            LocalDate date = date(env.assessmentDate());
            Set<String> categories = serviceTypeCategories(env.serviceType());
            List<String> inScope = statementsInScope(env, scope.statements());
            List<String> kqs = inScope.stream().map(s -> framework.statements().get(s).keyQuestion()).distinct().toList();
            Assessment assessment = new Assessment(env.provider(), env.serviceType(), env.scope(), date, scope.trustLevel(),
                    null, null);
            frameworkFacts(assessment, inScope, kqs, categories);
            envelopeFacts(env, inScope, kqs);
            Map<String, Item> items = evidence(inScope, categories);
            if (doc.evidence().isEmpty() && env.recordedScores().isEmpty() && env.previousRatings().isEmpty()) {
                problems.add(at.at("/evidence", "the fixture has no evidence, no recorded scores and no previous "
                        + "ratings, so there is nothing to evaluate; expected at least one evidence item"));
            }
            if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().sorted().toList());
            return new LoadedAssessment(shown, digest, assessment, inScope, kqs, items, env, List.copyOf(facts),
                    framework.register().changes());
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
                if (!framework.statements().containsKey(s)) {
                    problems.add(at.at(ptr, "unknown statement '" + s + "'; expected a statement id from the framework"));
                } else if (!scopeStatements.contains(s)) {
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
            framework.scoreMeanings().forEach(m -> facts.add(new ScoreLevel(m.id(), m.score(), m.meaning())));
            facts.addAll(framework.register().inForceOn(a.assessmentDate()));
        }

        private void envelopeFacts(Envelope env, List<String> inScope, List<String> kqs) {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < env.previousRatings().size(); i++) {
                var p = env.previousRatings().get(i);
                String ptr = "/assessment/previousRatings/" + i;
                if (keyQuestion(p.keyQuestion(), ptr + "/keyQuestion") && !seen.add(p.keyQuestion())) {
                    problems.add(at.at(ptr, "key question '" + p.keyQuestion() + "' has two previous ratings"));
                }
                rating(p.rating(), ptr + "/rating").ifPresent(r ->
                        facts.add(new PreviousRating(p.keyQuestion(), r.name(), r.rank())));
            }
            seen.clear();
            for (int i = 0; i < env.recordedScores().size(); i++) {
                var r = env.recordedScores().get(i);
                String ptr = "/assessment/recordedScores/" + i;
                if (!inScope.contains(r.statement())) {
                    problems.add(at.at(ptr + "/statement", "statement '" + r.statement()
                            + "' is not in this assessment's scope; expected one of " + inScope));
                } else if (!seen.add(r.statement())) {
                    problems.add(at.at(ptr, "statement '" + r.statement() + "' has two recorded scores"));
                }
                if (r.score() < framework.minScore() || r.score() > framework.maxScore()) {
                    problems.add(at.at(ptr + "/score", "expected a score from " + framework.minScore() + " to "
                            + framework.maxScore() + ", found " + r.score()));
                }
                text(r.reason(), ptr + "/reason");
                text(r.by(), ptr + "/by");
                facts.add(new RecordedScore(r.statement(), r.score(), r.reason(), r.by()));
            }
            seen.clear();
            for (int i = 0; i < env.recordedRatings().size(); i++) {
                var r = env.recordedRatings().get(i);
                String ptr = "/assessment/recordedRatings/" + i;
                if (keyQuestion(r.keyQuestion(), ptr + "/keyQuestion") && !kqs.contains(r.keyQuestion())) {
                    problems.add(at.at(ptr + "/keyQuestion", "key question '" + r.keyQuestion()
                            + "' is not assessed here; expected one of " + kqs));
                } else if (!seen.add(r.keyQuestion())) {
                    problems.add(at.at(ptr, "key question '" + r.keyQuestion() + "' has two recorded ratings"));
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
            if (!framework.statements().containsKey(item.statement())) {
                problems.add(at.at(ptr + "/statement", "unknown statement '" + item.statement()
                        + "'; expected one of " + inScope));
            } else if (!inScope.contains(item.statement())) {
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
            var measure = framework.measures().get(m.measure());
            if (measure == null) {
                problems.add(at.at(ptr + "/measure", "unknown measure '" + m.measure()
                        + "'; add it to rules/" + Framework.MEASURES_FILE + " or use a listed id"));
            } else if (!measure.unit().equals(m.unit())) {
                problems.add(at.at(ptr + "/unit", "measure '" + m.measure() + "' is in " + measure.unit()
                        + ", found unit \"" + m.unit() + "\""));
            }
            number(m.value(), m.unit(), ptr + "/value");
            text(m.period(), ptr + "/period");
            for (int j = 0; j < m.benchmarks().size(); j++) {
                var b = m.benchmarks().get(j);
                String bp = ptr + "/benchmarks/" + j;
                oneOf(b.kind(), framework.vocabulary().benchmarkKinds(), bp + "/kind", "benchmark kind");
                number(b.value(), m.unit(), bp + "/value");
                text(b.label(), bp + "/label");
            }
            if (measure != null) {
                facts.add(new Metric(item.id(), item.statement(), item.category(), m.measure(), m.value(), m.unit(),
                        measure.better(), m.period()));
                m.benchmarks().forEach(b -> facts.add(Benchmark.given(item.id(), b.kind(), b.value(), b.label())));
            }
        }

        private void observation(Item item, String ptr) {
            var o = item.observation();
            var words = framework.vocabulary();
            text(o.theme(), ptr + "/theme");
            oneOf(o.direction(), words.directions(), ptr + "/direction", "direction");
            oneOf(o.kind(), words.kinds(), ptr + "/kind", "kind");
            oneOf(o.impact(), words.impacts(), ptr + "/impact", "impact");
            oneOf(o.who(), words.who(), ptr + "/who", "who");
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
            facts.add(new Observation(item.id(), item.statement(), item.category(), o.theme(), o.direction(),
                    o.kind(), extent, o.cue(), o.impact(), o.who()));
        }

        private void number(double v, String unit, String ptr) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                problems.add(at.at(ptr, "expected a finite number, found " + v));
            } else if (v < 0) {
                problems.add(at.at(ptr, "expected a number of 0 or more, found " + v));
            } else if ("percent".equals(unit) && v > 100) {
                problems.add(at.at(ptr, "expected a percentage from 0 to 100, found " + v));
            }
        }

        private boolean keyQuestion(String id, String ptr) {
            if (framework.keyQuestions().containsKey(id)) return true;
            problems.add(at.at(ptr, "unknown key question '" + id + "'; expected one of "
                    + framework.keyQuestions().keySet()));
            return false;
        }

        private java.util.Optional<FrameworkFile.RatingIn> rating(String idOrName, String ptr) {
            var r = framework.rating(idOrName);
            if (r.isEmpty()) {
                problems.add(at.at(ptr, "unknown rating \"" + idOrName + "\"; expected one of "
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
            if (value != null && !value.isBlank()) return true;
            problems.add(at.at(ptr, "expected some text, found " + (value == null ? "null" : "an empty string")));
            return false;
        }
    }
}
