package org.assessor.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --rules <folder>} option shared by every command that compiles rules. */
public final class RulesOption {
    @Option(names = "--rules", paramLabel = "<folder>", defaultValue = "rules",
            description = "The rules folder (default: ${DEFAULT-VALUE}).")
    Path rules;
}
