package org.assessor.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.assessor.batch.BatchItem;
import org.assessor.batch.BatchSource;
import org.assessor.engine.Evaluator;
import org.assessor.engine.RuleFault;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.assessor.ruleset.RuleSet;
import org.assessor.ruleset.RuleSetCompiler;

/**
 * What the workbench holds between requests: the compiled rules, every assessment of the portfolio with its result,
 * and the problems of the last reload. A reload compiles the rules and evaluates the portfolio; if the rules or a
 * fixture do not compile or load, the problems are kept beside the last good results, which stay visible.
 */
public final class Workbench implements AutoCloseable {
    /** Portfolios of at most this many assessments keep each result's derivation graph (for "which register rows"). */
    static final int GRAPH_LIMIT = 1000;

    /**
     * One assessment of the portfolio: its id in links, where it came from, its evidence, its result or error, and the
     * register values its own {@code expected.json} names ({@code "policy"}: the values it is evaluated under, as
     * {@code assessor test} evaluates it; empty for most).
     */
    public record Item(String id, String source, int lineOffset, Path fixture, byte[] evidence, Result result,
                       String error, Map<String, String> policy) {
        public boolean ok() {
            return result != null;
        }

        /**
         * The fixture set: the first folder of the id under the fixtures folder ({@code boundaries},
         * {@code local-authority}), or empty for a fixture at the top or a line of a JSON Lines file.
         */
        public String set() {
            int slash = id.indexOf('/');
            return fixture == null || slash < 0 ? "" : id.substring(0, slash);
        }

        /** The assessor this item is evaluated with: {@code assessor}, with the item's own register values if any. */
        public Assessor own(Assessor assessor) {
            return policy.isEmpty() ? assessor : assessor.withPolicy(policy);
        }

        /** Where it came from as a reader finds it: the fixture's evidence.json, or file.jsonl:line. */
        public String shown() {
            return fixture == null ? source + ":" + (lineOffset + 1) : source;
        }
    }

    /** A saved batch result shown in the portfolio (not evaluated here, so never explained or dry-run). */
    public record Saved(String id, String source, com.fasterxml.jackson.databind.JsonNode line, String error) {}

    /** One consistent view: the rules, the items evaluated with them, and what went wrong since. */
    /**
     * {@code registers}: the text of every register file ({@code .csv} under the rules folder, by real path) as it was
     * when these rules were compiled; a save is planned from, and refused unless the files still hold, these texts.
     */
    public record Snapshot(long generation, Assessor assessor, List<Item> items, Map<String, Item> byId,
                           List<Saved> saved, String loadedAt, long tookMillis, Map<Path, String> registers) {
        public Item item(String id) {
            return byId.get(id);
        }
    }

    private final Path rules;
    private final Path fixtures;
    private final Path results;
    private final int threads;
    private final Duration timeout;
    private final ExecutorService pool;
    private volatile Snapshot current;
    private volatile String stamp = "";
    private long generation;
    private volatile List<Problem> reloadProblems = List.of();
    private volatile Progress progress = new Progress(false, "", 0, 0);

    /** How far a reload has got: compiling the rules, or evaluating {@code done} of {@code total} assessments. */
    public record Progress(boolean running, String phase, int done, int total) {}

    public Workbench(Path rules, Path fixtures, Path results, int threads, Duration timeout) {
        this.rules = rules;
        this.fixtures = fixtures;
        this.results = results;
        this.threads = Math.max(1, threads);
        this.timeout = timeout;
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "workbench-evaluator");
            t.setDaemon(true);
            return t;
        });
    }

    public Path rules() {
        return rules;
    }

    public Path fixtures() {
        return fixtures;
    }

    public Snapshot snapshot() {
        return current;
    }

    /** How far the reload in progress has got (not running when none is). */
    public Progress progress() {
        return progress;
    }

    /** The problems of the last reload (compile or input errors); empty when it succeeded. */
    public List<Problem> problems() {
        return reloadProblems;
    }

    /**
     * Compiles the rules and evaluates the portfolio; on a compile or load problem keeps the last good snapshot and
     * records the problems. Returns whether a new snapshot was made.
     */
    public synchronized boolean reload() {
        long start = System.nanoTime();
        String before = Watcher.stamp(watched());
        progress = new Progress(true, "compiling the rules", 0, 0);
        try {
            Map<Path, String> registers = registerTexts();
            RuleSet compiled = new RuleSetCompiler().compile(rules);
            progress = new Progress(true, "reading the portfolio", 0, 0);
            List<BatchItem> items = read();
            boolean graph = items.size() <= GRAPH_LIMIT;
            Assessor assessor = new Assessor(compiled, Evaluator.DEFAULT_MAX_FIRINGS, graph, timeout);
            int total = items.size();
            progress = new Progress(true, "evaluating the portfolio", 0, total);
            List<Item> evaluated = evaluate(assessor, items,
                    done -> progress = new Progress(true, "evaluating the portfolio", done, total));
            List<Saved> saved = results == null ? List.of() : SavedResults.read(results);
            Map<String, Item> byId = new LinkedHashMap<>();
            evaluated.forEach(i -> byId.put(i.id(), i));
            current = new Snapshot(++generation, assessor, List.copyOf(evaluated), byId, saved,
                    java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")), (System.nanoTime() - start) / 1_000_000,
                    registers);
            reloadProblems = List.of();
            stamp = before;
            return true;
        } catch (InvalidInputException e) {
            reloadProblems = e.problems();
            stamp = before;
            return false;
        } catch (IOException | UncheckedIOException | RuleFault | IllegalArgumentException e) {
            reloadProblems = List.of(new Problem(rules.toString(), 0, 0, String.valueOf(e.getMessage())));
            stamp = before;
            return false;
        } catch (RulesNeverReturned e) {
            reloadProblems = List.of(new Problem(rules.toString(), 0, 0, e.getMessage()));
            stamp = before;
            return false;
        } finally {
            progress = new Progress(false, "", 0, 0);
        }
    }

    /**
     * The rules did not finish evaluating an assessment within the time limit: the rest are not evaluated with them
     * (each would hold a thread as long), and the reload ends with this problem, the last good results kept.
     */
    static final class RulesNeverReturned extends RuntimeException {
        RulesNeverReturned(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reloads if anything under the rules or fixtures folder changed since the last reload. */
    public boolean reloadIfChanged() {
        String now = Watcher.stamp(watched());
        if (now.equals(stamp)) return false;
        // Let a burst of writes (an editor saving, git checking out) settle before compiling: up to a second.
        for (int i = 0; i < 10; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            String again = Watcher.stamp(watched());
            if (again.equals(now)) break;
            now = again;
        }
        synchronized (this) {
            // Another reload (an approval's) may have read these very files meanwhile: then there is nothing new.
            if (Watcher.stamp(watched()).equals(stamp)) return false;
            reload();
        }
        return true;
    }

    /** Every register file's text, read just before the rules are compiled. */
    private Map<Path, String> registerTexts() throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        if (!Files.isDirectory(rules)) return out;
        try (var files = Files.walk(rules)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".csv") && Files.isRegularFile(f)).sorted().toList()) {
                out.put(f.toRealPath(), Files.readString(f, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The files and folders whose changes reload the workbench. */
    private List<Path> watched() {
        return results == null ? List.of(rules, fixtures) : List.of(rules, fixtures, results);
    }

    /** The portfolio's assessments as read now: each fixture folder, or each line of a JSON Lines file. */
    private List<BatchItem> read() throws IOException, InvalidInputException {
        List<BatchItem> out = new ArrayList<>();
        try (BatchSource source = BatchSource.open(fixtures)) {
            while (source.hasNext()) out.add(source.next());
        } catch (InvalidInputException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) { // BatchSource.close() declares Exception
            throw new IOException(e);
        }
        return out;
    }

    /**
     * Evaluates every item with {@code assessor} on the workbench's threads, in portfolio order; an item that fails
     * keeps its error. {@code progress} hears the count done so far.
     */
    List<Item> evaluate(Assessor assessor, List<BatchItem> items, IntConsumer progress) {
        AtomicInteger done = new AtomicInteger();
        List<Future<Item>> futures = new ArrayList<>();
        for (BatchItem b : items) {
            futures.add(pool.submit(() -> {
                Item i = evaluateOne(assessor, b);
                progress.accept(done.incrementAndGet());
                return i;
            }));
        }
        List<Item> out = new ArrayList<>(items.size());
        for (Future<Item> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(g -> g.cancel(true));
                throw new IllegalStateException("interrupted while evaluating the portfolio", e);
            } catch (java.util.concurrent.ExecutionException e) {
                futures.forEach(g -> g.cancel(true));
                if (e.getCause() instanceof RulesNeverReturned never) throw never;
                throw new IllegalStateException("evaluating the portfolio failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    /** Re-evaluates the items of a snapshot (their evidence as held) with other rules or register values. */
    public List<Item> reevaluate(Assessor assessor, List<Item> items, IntConsumer progress) {
        List<BatchItem> batch = new ArrayList<>();
        for (Item i : items) batch.add(new BatchItem(batch.size(), i.source(), i.lineOffset(), i.evidence(), null));
        List<Item> out = evaluate(assessor, batch, progress);
        List<Item> renamed = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) {
            Item was = items.get(k);
            Item now = out.get(k);
            renamed.add(new Item(was.id(), was.source(), was.lineOffset(), was.fixture(), was.evidence(), now.result(),
                    now.error(), now.policy()));
        }
        return renamed;
    }

    private Item evaluateOne(Assessor assessor, BatchItem b) {
        String id = idOf(b);
        Path fixture = fixtureOf(b);
        int offset = b.lineOffset();
        if (b.unreadable() != null) {
            return new Item(id, b.source(), offset, fixture, b.evidence(), null, b.unreadable().toString(), Map.of());
        }
        Map<String, String> policy = Map.of();
        try {
            policy = ownPolicy(fixture);
            Assessor own = policy.isEmpty() ? assessor : assessor.withPolicy(policy);
            return new Item(id, b.source(), offset, fixture, b.evidence(), own.evaluate(b.evidence(), b.source()), null,
                    policy);
        } catch (InvalidInputException e) {
            // Problems at their line in the file, as a batch shows them.
            List<String> problems = new ArrayList<>();
            for (Problem p : e.problems()) {
                problems.add(new Problem(p.file(), p.line() <= 0 ? p.line() : p.line() + offset, p.column(),
                        p.message()).toString());
            }
            return new Item(id, b.source(), offset, fixture, b.evidence(), null, String.join("\n", problems), policy);
        } catch (RuleFault | IllegalArgumentException e) {
            String where = fixture == null ? b.source() + ":" + (offset + 1) : b.source();
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                throw new RulesNeverReturned("the rules did not finish evaluating " + where + ": " + e.getMessage()
                        + "; the portfolio is not evaluated with these rules (each assessment would keep a processor "
                        + "busy as long); change the rule and the workbench reloads", e);
            }
            return new Item(id, b.source(), offset, fixture, b.evidence(), null, where + ": " + e.getMessage(), policy);
        }
    }

    /**
     * The register values a fixture's {@code expected.json} names in its {@code policy} object, which its case runs
     * under ({@code assessor test} evaluates it so); empty when it has none, or no {@code expected.json}. An
     * {@code expected.json} that does not read is the item's error, as the Tests page would report it.
     */
    static Map<String, String> ownPolicy(Path fixture) throws InvalidInputException {
        if (fixture == null || !Files.isDirectory(fixture)) return Map.of();
        Path expected = fixture.resolve(org.assessor.casebook.CaseRunner.EXPECTED_FILE);
        if (!Files.isRegularFile(expected)) return Map.of();
        var exp = org.assessor.input.StrictJson.read(expected, expected.toString(),
                org.assessor.casebook.Expectations.class).value();
        return exp.policy() == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(exp.policy()));
    }

    /** A fixture's id is its folder relative to the fixtures folder; a JSON Lines item's is its line number. */
    private String idOf(BatchItem b) {
        Path fixture = fixtureOf(b);
        if (fixture == null) return "line-" + (b.lineOffset() + 1);
        Path rel = fixtures.toAbsolutePath().normalize().relativize(fixture.toAbsolutePath().normalize());
        String id = rel.toString().replace('\\', '/');
        return id.isEmpty() ? fixture.getFileName().toString() : id;
    }

    private Path fixtureOf(BatchItem b) {
        if (fixtures.toString().endsWith(".jsonl")) return null;
        Path file = Path.of(b.source());
        return file.getFileName() != null && file.getFileName().toString().equals(EvidenceLoader.EVIDENCE_FILE)
                ? file.getParent() : file;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Whether the fixtures are a JSON Lines file (generated or exported assessments) rather than fixture folders. */
    public boolean linesPortfolio() {
        return fixtures.toString().endsWith(".jsonl") && Files.isRegularFile(fixtures);
    }
}
