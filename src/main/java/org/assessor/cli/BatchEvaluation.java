package org.assessor.cli;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.assessor.batch.BatchRunner;
import org.assessor.batch.BatchSource;
import org.assessor.batch.BatchWriter;
import org.assessor.batch.Progress;
import org.assessor.result.Assessor;
import org.assessor.ruleset.RuleSetCompiler;
import picocli.CommandLine.Model.CommandSpec;

/** The batch path of {@code evaluate}: compile once, evaluate on all cores, stream results, report bad items. */
final class BatchEvaluation {
    private final CommandSpec spec;
    private final Path rules;
    private final long maxFirings;
    private final boolean withFindings;
    private final boolean withGraph;
    private final java.time.Duration timeout;

    BatchEvaluation(CommandSpec spec, Path rules, long maxFirings, boolean withFindings, boolean withGraph,
                    java.time.Duration timeout) {
        this.withFindings = withFindings;
        this.timeout = timeout;
        this.spec = spec;
        this.rules = rules;
        this.maxFirings = maxFirings;
        this.withGraph = withGraph;
    }

    /** Whether two paths name one file, compared as real paths (links followed) wherever the file or folder exists. */
    static boolean same(Path a, Path b) {
        return real(a).equals(real(b));
    }

    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (java.nio.file.Files.exists(abs)) return abs.toRealPath();
            Path parent = abs.getParent();
            if (parent != null && java.nio.file.Files.exists(parent)) return parent.toRealPath().resolve(abs.getFileName());
        } catch (java.io.IOException e) {
            // fall back to the path as written
        }
        return abs;
    }

    int run(Path input, Path jsonl, Path csv, int threads) throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        for (Path target : new Path[] {jsonl, csv}) {
            if (same(target, input)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the output " + target
                        + " is the batch input; choose another --out so the input is not overwritten");
            }
        }
        Assessor assessor = new Assessor(new RuleSetCompiler().compile(rules), maxFirings, withGraph, timeout);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Progress progress = new Progress(err, Progress.onTerminal());
        try (BatchSource source = BatchSource.open(input); BatchWriter writer = new BatchWriter(jsonl, csv, withFindings, withGraph)) {
            new BatchRunner(assessor, threads, (item, r) -> writer.line(item.index() + 1, item.source(), r)).run(source, o -> {
                done.incrementAndGet();
                if (o.failed()) {
                    failed.incrementAndGet();
                    progress.finish();
                    err.println("item " + (o.item().index() + 1) + " failed:");
                    o.problems().forEach(p -> err.println("  " + p));
                } else {
                    writer.write(o.item().index() + 1, o.item().source(), o.result(), o.rendered());
                }
                progress.update(done.get(), failed.get());
            });
            writer.complete();
        }
        progress.finish();
        out.println(done.get() + " assessments: " + (done.get() - failed.get()) + " evaluated, " + failed.get()
                + " failed; results in " + jsonl + " and " + csv);
        return failed.get() == 0 ? Main.OK : Main.PROBLEMS;
    }
}
