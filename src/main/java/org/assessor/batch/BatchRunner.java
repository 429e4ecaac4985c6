package org.assessor.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.assessor.result.Assessor;
import org.assessor.engine.RuleFault;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.result.Result;

/**
 * Evaluates a batch on several threads with one compiled rule set, handing outcomes on in input order. At most a
 * few items per thread are in flight, so memory does not grow with the batch. A bad item becomes a failed outcome
 * with its position; the batch goes on.
 */
public final class BatchRunner {
    /** The outcome of one item: a result, or the problems that stopped it (positions relative to the batch input). */
    public record Outcome(BatchItem item, Result result, List<String> problems, String rendered) {
        Outcome(BatchItem item, Result result, List<String> problems) {
            this(item, result, problems, null);
        }

        public boolean failed() {
            return result == null;
        }
    }

    private final Assessor assessor;
    private final int threads;
    private final java.util.function.BiFunction<BatchItem, Result, String> render;

    public BatchRunner(Assessor assessor, int threads) {
        this(assessor, threads, null);
    }

    /** {@code render} turns a result into its output on the worker thread (the sink gets it as {@code rendered}). */
    public BatchRunner(Assessor assessor, int threads, java.util.function.BiFunction<BatchItem, Result, String> render) {
        this.assessor = assessor;
        this.threads = Math.max(1, threads);
        this.render = render;
    }

    /** Runs every item; {@code sink} is called once per item, in input order, on the calling thread. */
    public void run(BatchSource source, Consumer<Outcome> sink) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "assessor-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Outcome>> window = new ArrayDeque<>();
            int maxInFlight = threads * 4;
            while (source.hasNext()) {
                BatchItem item = source.next();
                window.add(pool.submit(() -> evaluate(item)));
                if (window.size() >= maxInFlight) sink.accept(take(window));
            }
            while (!window.isEmpty()) sink.accept(take(window));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome take(Deque<Future<Outcome>> window) throws InterruptedException {
        try {
            return window.poll().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch worker failed: " + e.getCause(), e.getCause());
        }
    }

    private Outcome evaluate(BatchItem item) {
        String shown = item.source();
        if (item.unreadable() != null) return new Outcome(item, null, List.of(item.unreadable().toString()));
        try {
            Result result = assessor.evaluate(item.evidence(), shown);
            return new Outcome(item, result, List.of(), render == null ? null : render.apply(item, result));
        } catch (InvalidInputException e) {
            List<String> problems = new ArrayList<>();
            for (Problem p : e.problems()) {
                problems.add(new Problem(p.file(), p.line() <= 0 ? p.line() : p.line() + item.lineOffset(), p.column(),
                        p.message()).toString());
            }
            return new Outcome(item, null, problems);
        } catch (RuleFault e) {
            String where = item.lineOffset() > 0 ? shown + ":" + (item.lineOffset() + 1) : shown;
            return new Outcome(item, null, List.of(where + ": " + e.getMessage()));
        }
    }
}
