package org.assessor.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assessor.impact.Change;
import org.assessor.impact.RegisterDiff;
import org.assessor.impact.ResultDiff;
import org.assessor.result.Assessor;
import org.assessor.result.Result;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.PolicyRegister;
import org.assessor.ruleset.RuleSet;

/**
 * A policy dry run: the portfolio evaluated again with changed register values (in memory) or with the rules of a
 * git revision, compared fixture by fixture with the results as they stand, by the same comparison as
 * {@code assessor diff}. Nothing is written. It runs on its own thread; its progress can be read while it runs.
 */
final class DryRun {
    enum State { RUNNING, DONE, FAILED }

    /** Counts of moves at one level (statement scores, key-question ratings, overall ratings). */
    record Moves(int up, int down) {
        int total() {
            return up + down;
        }
    }

    /** The moves of one service type. */
    record ByService(String serviceType, int assessments, int moved, Moves statements, Moves keyQuestions,
                     Moves overall) {}

    /** How many assessments had each overall rating, before and after. */
    record Distribution(String rating, int rank, int before, int after) {}

    /** One changed assessment: what moved, and the changed register rows and rules behind it. */
    record Moved(String id, String provider, String serviceType, int direction, List<Change.ScoreChange> scores,
                 List<Change.FindingChange> findings, List<String> registerRows, List<String> rules, String error,
                 List<String> reasons) {
        /** The statements whose score or findings changed. */
        java.util.Set<String> statements() {
            java.util.Set<String> out = new java.util.HashSet<>();
            scores.stream().filter(s -> s.what().startsWith("statement ")).forEach(s -> out.add(s.what().substring(10)));
            findings.forEach(f -> out.add(f.statement()));
            return out;
        }
    }

    /** An assessment that could not be evaluated on one side, and why. */
    record Failed(String id, String error) {
        public String href() {
            return "/provider?id=" + Http.url(id);
        }
    }

    /** What the dry run found. */
    record Impact(int assessments, int unchanged, int failed, List<Failed> failedItems, Moves statements, Moves keyQuestions, Moves overall,
                  List<ByService> byService, List<Distribution> distribution, List<Moved> moved,
                  List<RegisterDiff.RegisterChange> register, Map<String, Integer> rulesBehindMoves,
                  boolean graphs) {}

    final int id;
    final String description;
    final Map<String, String> values;
    final String revision;
    final long generation;
    final int total;
    volatile int done;
    volatile State state = State.RUNNING;
    volatile String error;
    volatile Impact impact;
    volatile long tookMillis;
    /** The results on each side, by item id (for the side-by-side explanations), and the assessors that made them. */
    volatile Map<String, Workbench.Item> before = Map.of();
    volatile Map<String, Workbench.Item> after = Map.of();
    volatile Assessor beforeAssessor;
    volatile Assessor afterAssessor;
    /** What saving will write, made when the change was reviewed; saving writes this and nothing else. */
    volatile RegisterEdit.Plan reviewed;

    /** Whole files proposed for the rules folder (path relative to it → text), for a dry run of edited files. */
    final Map<String, String> files;

    DryRun(int id, String description, Map<String, String> values, String revision, long generation, int total) {
        this(id, description, values, Map.of(), revision, generation, total);
    }

    DryRun(int id, String description, Map<String, String> values, Map<String, String> files, String revision,
           long generation, int total) {
        this.id = id;
        this.description = description;
        this.values = Map.copyOf(values);
        this.files = Map.copyOf(files);
        this.revision = revision;
        this.generation = generation;
        // A revision's rules are evaluated on top of the portfolio's; register values only once.
        this.total = total;
    }

    /** What the "before" side is, in words. */
    String beforeLabel() {
        return revision != null ? "the rules at revision " + revision.substring(0, 12) : "the rules as they stand";
    }

    /** What the "after" side is, in words. */
    String afterLabel() {
        return revision != null ? "the rules as they stand" : "the rules as they stand with " + description;
    }

    /** Whether this dry run's change can be proposed: register values, or edited files (a revision is git's). */
    boolean proposable() {
        return revision == null && (!values.isEmpty() || !files.isEmpty());
    }

    /**
     * The dry run's findings in plain lines for a proposal's commit message: the counts, the moves up and down, and
     * each changed assessment (the first 40) with why it moved.
     */
    String summary() {
        Impact i = impact;
        if (i == null) return "";
        StringBuilder b = new StringBuilder();
        b.append(description).append('\n');
        b.append(i.assessments()).append(" assessments evaluated again: ").append(i.moved().size()).append(" changed, ")
                .append(i.unchanged()).append(" unchanged").append(i.failed() > 0 ? ", " + i.failed() + " could not be evaluated" : "")
                .append(".\n");
        b.append("Overall ratings up ").append(i.overall().up()).append(", down ").append(i.overall().down())
                .append("; grouping-level ratings up ").append(i.keyQuestions().up()).append(", down ")
                .append(i.keyQuestions().down()).append("; statement scores up ").append(i.statements().up())
                .append(", down ").append(i.statements().down()).append(".\n");
        int n = 0;
        for (Moved m : i.moved()) {
            if (n++ == 40) {
                b.append("- and ").append(i.moved().size() - 40).append(" more\n");
                break;
            }
            b.append("- ").append(m.id()).append(" (").append(m.provider()).append("): ");
            b.append(String.join("; ", m.scores().stream().filter(sc -> sc.what().endsWith("rating"))
                    .map(sc -> sc.what() + " " + sc.base() + " → " + sc.head()).toList()));
            if (!m.reasons().isEmpty()) b.append(" — ").append(String.join(" ", m.reasons()));
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Runs the dry run against a snapshot (on the caller's thread): {@code beforeSide} or {@code afterSide} null means
     * the snapshot's own results. A register change is the snapshot before and the changed assessor after; a revision
     * is the revision's rules before and the snapshot after, as {@code assessor diff --base <revision>} compares them.
     */
    void run(Workbench workbench, Workbench.Snapshot snapshot, Assessor beforeSide, Assessor afterSide) {
        long start = System.nanoTime();
        try {
            List<Workbench.Item> items = snapshot.items();
            List<Workbench.Item> b = beforeSide == null ? items : workbench.reevaluate(beforeSide, items, n -> done = n);
            List<Workbench.Item> a = afterSide == null ? items : workbench.reevaluate(afterSide, items, n -> done = n);
            beforeAssessor = beforeSide == null ? snapshot.assessor() : beforeSide;
            afterAssessor = afterSide == null ? snapshot.assessor() : afterSide;
            before = byId(b);
            after = byId(a);
            impact = compare(snapshot, b, a, beforeAssessor, afterAssessor);
            state = State.DONE;
        } catch (RuntimeException e) {
            error = String.valueOf(e.getMessage());
            state = State.FAILED;
        } finally {
            tookMillis = (System.nanoTime() - start) / 1_000_000;
        }
    }

    private static Map<String, Workbench.Item> byId(List<Workbench.Item> items) {
        Map<String, Workbench.Item> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(i.id(), i));
        return out;
    }

    private Impact compare(Workbench.Snapshot snapshot, List<Workbench.Item> before, List<Workbench.Item> after,
                           Assessor base, Assessor head) {
        Framework framework = snapshot.assessor().rules().framework();
        List<Change> changes = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        Map<String, Result[]> sides = new LinkedHashMap<>();
        Map<String, Change> changeOf = new LinkedHashMap<>();
        Map<String, int[]> service = new TreeMap<>();
        Map<String, Integer> ratingRank = new LinkedHashMap<>();
        Map<String, int[]> distribution = new LinkedHashMap<>();
        int[] st = new int[2], kq = new int[2], ov = new int[2];
        int failed = 0;
        List<Failed> failedItems = new ArrayList<>();
        for (int k = 0; k < before.size(); k++) {
            Workbench.Item b = before.get(k);
            Workbench.Item h = after.get(k);
            if (b.ok()) count(distribution, ratingRank, b.result(), 0, framework);
            if (h.ok()) count(distribution, ratingRank, h.result(), 1, framework);
            String type = b.ok() ? b.result().assessment().serviceTypeName() : h.ok()
                    ? h.result().assessment().serviceTypeName() : "(not evaluated)";
            int[] s = service.computeIfAbsent(type, x -> new int[8]);
            s[0]++;
            if (!b.ok() || !h.ok()) {
                // Not a move: listed apart, as diff lists a fixture that failed on one side.
                changes.add(Change.failed(b.id(), !b.ok() ? "before: " + b.error() : "after: " + h.error()));
                failedItems.add(new Failed(b.id(), !b.ok() ? "before the change: " + b.error()
                        : "after the change: " + h.error()));
                failed++;
                continue;
            }
            Change c = ResultDiff.between(b.id(), b.result(), h.result(), framework);
            changes.add(c);
            if (!c.changed()) continue;
            s[1]++;
            int[] mine = new int[6];
            for (Change.ScoreChange sc : c.scores()) {
                int slot = sc.what().startsWith("statement ") ? 0 : sc.what().equals("overall rating") ? 4
                        : sc.what().endsWith(" rating") ? 2 : -1;
                if (slot < 0 || sc.direction() == 0) continue;
                mine[slot + (sc.direction() > 0 ? 0 : 1)]++;
            }
            for (int j = 0; j < 6; j++) s[2 + j] += mine[j];
            st[0] += mine[0];
            st[1] += mine[1];
            kq[0] += mine[2];
            kq[1] += mine[3];
            ov[0] += mine[4];
            ov[1] += mine[5];
            List<String> rules = c.findings().stream().map(f -> f.ruleId() + " " + f.rule()).distinct().sorted().toList();
            moved.add(new Moved(b.id(), b.ok() ? b.result().assessment().provider() : "", type, c.overallDirection(),
                    c.scores(), c.findings(), List.of(), rules, c.error(), List.of()));
            sides.put(b.id(), new Result[] {b.result(), h.result()});
            changeOf.put(b.id(), c);
        }
        List<RegisterDiff.RegisterChange> register = registerChanges(base, head, changes);
        List<Moved> withRows = new ArrayList<>();
        for (Moved m : moved) {
            List<RegisterDiff.RegisterChange> read = register.stream().filter(r -> r.fixtures().contains(m.id())).toList();
            List<String> rows = read.stream().map(r -> r.id() + ": " + r.base() + " → " + r.head()).toList();
            Result[] two = sides.get(m.id());
            // Without derivation graphs (a large portfolio) which rows an assessment read is not known: every changed row.
            List<String> reasons = MoveReasons.of(two[0], two[1], changeOf.get(m.id()), graphsKept(before.size())
                    ? read : register);
            withRows.add(new Moved(m.id(), m.provider(), m.serviceType(), m.direction(), m.scores(), m.findings(), rows,
                    m.rules(), m.error(), reasons));
        }
        Map<String, Integer> rulesBehind = new TreeMap<>();
        for (Moved m : moved) for (String r : m.rules()) rulesBehind.merge(r, 1, Integer::sum);
        List<ByService> byService = new ArrayList<>();
        service.forEach((type, s) -> byService.add(new ByService(type, s[0], s[1], new Moves(s[2], s[3]),
                new Moves(s[4], s[5]), new Moves(s[6], s[7]))));
        List<Distribution> dist = new ArrayList<>();
        distribution.forEach((rating, n) -> dist.add(new Distribution(rating, ratingRank.get(rating), n[0], n[1])));
        dist.sort((a, b) -> Integer.compare(b.rank(), a.rank()));
        long unchanged = changes.stream().filter(c -> !c.changed()).count();
        return new Impact(before.size(), (int) unchanged, failed, failedItems, new Moves(st[0], st[1]), new Moves(kq[0], kq[1]),
                new Moves(ov[0], ov[1]), byService, dist, withRows, register, rulesBehind,
                before.size() <= Workbench.GRAPH_LIMIT);
    }

    private static boolean graphsKept(int size) {
        return size <= Workbench.GRAPH_LIMIT;
    }

    private static void count(Map<String, int[]> distribution, Map<String, Integer> rank, Result r, int side,
                              Framework framework) {
        String rating = r.overall().rating();
        distribution.computeIfAbsent(rating, x -> new int[2])[side]++;
        rank.putIfAbsent(rating, framework.rating(rating).map(org.assessor.ruleset.FrameworkFile.RatingIn::rank).orElse(0));
    }

    /**
     * The register values that differ between the two sides, in every framework either side has compiled (as
     * {@code assessor diff} lists them), each with the changed assessments whose evaluations read it.
     */
    static List<RegisterDiff.RegisterChange> registerChanges(Assessor base, Assessor head, List<Change> changes) {
        List<RegisterDiff.RegisterChange> out = new ArrayList<>();
        for (RuleSet b : base.ruleSets()) {
            PolicyRegister baseRegister = b.framework().register();
            PolicyRegister headRegister = headRegister(head, b.framework());
            if (headRegister == null) continue;
            for (var c : RegisterDiff.between(baseRegister, headRegister, changes)) {
                if (out.stream().noneMatch(x -> x.id().equals(c.id()))) out.add(c);
            }
        }
        return out;
    }

    /** The register the head side uses for a framework: its own rule set's, with its in-memory changes applied. */
    private static PolicyRegister headRegister(Assessor head, Framework framework) {
        Framework f = framework;
        for (RuleSet h : head.ruleSets()) {
            if (h.framework().id().equals(framework.id())) {
                f = h.framework();
                break;
            }
        }
        for (var e : head.policy().entrySet()) {
            if (f.register().has(e.getKey())) f = f.withPolicy(e.getKey(), e.getValue());
        }
        return f.register();
    }
}
