package org.assessor.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code assessor} command line: one subcommand per task; exit codes 0 ok, 1 problems found, 2 usage, 3 internal. */
@Command(name = "assessor", mixinStandardHelpOptions = true, version = "assessor 0.1.0",
        description = "Explainable, rules-based evaluation of CQC quality ratings.",
        subcommands = {EvaluateCommand.class, TestCommand.class, DiffCommand.class, WhatIfCommand.class, ValidateCommand.class, VerifyCommand.class, ExplainCommand.class})
public final class Main {
    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given writers and returns the exit code (used by tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("assessor: internal error: " + ex);
            return INTERNAL;
        });
        int code = cl.execute(args);
        return code == CommandLine.ExitCode.USAGE ? USAGE : code;
    }
}
