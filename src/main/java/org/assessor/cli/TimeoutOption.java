package org.assessor.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --timeout <seconds>} option of every command that evaluates: from 1 second to a day. */
public final class TimeoutOption {
    /** The longest time limit accepted: a day (a longer one would overflow a clock's arithmetic for no use). */
    static final long MOST_SECONDS = 86_400;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "60",
            description = "Stop with an error if one evaluation (one item of a batch, one question of 'what would "
                    + "change it', one sample run of validate) takes longer than this many seconds, naming the rule in "
                    + "progress; 1 to 86400 (default: ${DEFAULT-VALUE}).")
    long seconds;

    /** The time limit, or a usage error naming the value given. */
    Duration duration(CommandSpec spec) {
        if (seconds < 1 || seconds > MOST_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--timeout must be from 1 to " + MOST_SECONDS
                    + " seconds (a day), found " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
