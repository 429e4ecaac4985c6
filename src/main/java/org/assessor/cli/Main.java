package org.assessor.cli;

import java.io.PrintWriter;
import org.assessor.engine.RuleFault;
import org.assessor.input.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code assessor} command line: one subcommand per task; exit codes 0 ok, 1 problems found, 2 usage, 3 internal. */
@Command(name = "assessor", mixinStandardHelpOptions = true, version = "assessor 0.1.0",
        description = "Explainable, rules-based evaluation of CQC quality ratings.",
        subcommands = {EvaluateCommand.class, TestCommand.class, DiffCommand.class, WhatIfCommand.class, ValidateCommand.class,
                VerifyCommand.class, ExplainCommand.class, GenerateCommand.class, IdsCommand.class, AgreementCommand.class,
                CalibrateCommand.class,
                ServeCommand.class, UsersCommand.class, DraftCommand.class})
public final class Main {
    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    public static void main(String[] args) {
        // A real process keeps compiled rules between runs (keyed by a digest of the rules; ASSESSOR_CACHE=off).
        org.assessor.ruleset.RuleSetCompiler.useCacheByDefault(org.assessor.ruleset.CompiledRulesCache.fromEnvironment());
        // No silent end: if anything else ends the process (a rule calling System.exit, or a signal), say so and
        // exit 3, naming the last rule that began to fire, rather than let a missing result pass as success.
        Thread guard = new Thread(() -> {
            if (finished) return;
            int removed = org.assessor.input.TemporaryFiles.removeAll();
            String rule = org.assessor.engine.DerivationRecorder.lastStarted();
            System.out.flush();
            System.err.println("assessor: the run ended before it finished, without a result or an error (something "
                    + "called System.exit, or the process was stopped)" + (rule == null ? "" : "; the last rule to "
                    + "begin firing was \"" + rule.substring(rule.indexOf('/') + 1) + "\" (package " + rule.substring(0, Math.max(0, rule.indexOf('/'))) + ")")
                    + (removed == 0 ? "" : "; " + removed + " half-written temporary file" + (removed == 1 ? " was" : "s were")
                    + " removed, and the outputs were left as they were"));
            System.err.flush();
            RunMark.ended(INTERNAL);
            Runtime.getRuntime().halt(INTERNAL);
        }, "assessor-no-silent-end");
        Runtime.getRuntime().addShutdownHook(guard);
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        finished = true;
        RunMark.ended(code);
        System.exit(code);
    }

    private static volatile boolean finished;

    /**
     * For a command whose normal end is being stopped (serve runs until Ctrl-C): a stop is then not reported as a run
     * that ended before it finished, and the other shutdown work (removing extracted rule revisions) runs.
     */
    static void endsWhenStopped() {
        finished = true;
        RunMark.ended(OK);
    }

    /**
     * What running out of memory means: with no rule fired yet, the input is too large; once rules have fired, a rule
     * making ever more or ever larger facts is as likely, so the last rule to begin firing is named.
     */
    static String outOfMemory(String lastRule) {
        String split = "split the input into smaller batches, or run java -Xmx<size> -jar target/assessor.jar …";
        if (lastRule == null) {
            return "assessor: out of memory: the input is too large for the memory Java was given; " + split;
        }
        int slash = lastRule.indexOf('/');
        return "assessor: out of memory while the rules ran; the last rule to begin firing was \""
                + lastRule.substring(slash + 1) + "\" (package " + lastRule.substring(0, Math.max(0, slash)) + "): a rule "
                + "that makes ever more facts, or ever larger values, runs out of memory too (fix the rule); if the "
                + "input is very large, " + split;
    }

    /** Runs the command line with the given writers and returns the exit code (used by tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // Mistakes in the input or the rules, from any command: positioned problems, exit 1, nothing evaluated.
            if (ex instanceof InvalidInputException bad) {
                bad.problems().forEach(err::println);
                err.println("assessor: nothing was evaluated (" + bad.problems().size() + " problem"
                        + (bad.problems().size() == 1 ? "" : "s") + ")");
                return PROBLEMS;
            }
            if (ex instanceof RuleFault fault) {
                err.println("assessor: " + fault.getMessage());
                err.println("assessor: nothing was evaluated");
                return PROBLEMS;
            }
            // The machine, not the program: a full disk, a folder that cannot be read, a file that vanished.
            if (ex instanceof java.io.UncheckedIOException io) {
                boolean wrapped = io.getCause() != null && String.valueOf(io.getMessage()).equals(io.getCause().toString());
                err.println("assessor: " + (wrapped ? io.getCause().getMessage() : io.getMessage()));
                return PROBLEMS;
            }
            if (ex instanceof java.io.IOException io) {
                err.println("assessor: " + (String.valueOf(io.getMessage()).startsWith("cannot write ") ? io.getMessage()
                        : "a file could not be read or written: " + io));
                return PROBLEMS;
            }
            err.println("assessor: internal error: " + ex);
            return INTERNAL;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(org.assessor.engine.DerivationRecorder.lastStarted()));
            return INTERNAL;
        } catch (StackOverflowError e) {
            err.println("assessor: internal error: the input is nested too deeply to process (stack overflow)");
            return INTERNAL;
        }
        return code == CommandLine.ExitCode.USAGE ? USAGE : code;
    }
}
