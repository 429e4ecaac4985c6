package org.assessor.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.assessor.ruleset.Framework;
import org.assessor.ruleset.RuleSet;
import org.assessor.ruleset.RuleSetCompiler;

/**
 * The checks {@code assessor validate} makes on a rules folder, in one place, so that every caller (the command, and
 * the workbench checking a proposed rule file) makes the same ones: the register and framework files read, each
 * framework compiled with the rules it shares (and so linted and its code checked), and each run on sample facts.
 */
public final class RulesCheck {
    /**
     * What the check found: the problems (each {@code path:line:column: message}), and for each framework that
     * compiled its id and rule count; {@code rules} counts a shared rule once.
     */
    public record Outcome(List<Problem> problems, List<String> frameworks, int rules, boolean compiledAny,
                          int frameworkCount) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private RulesCheck() {}

    public static Outcome of(Path rules) {
        return of(rules, SmokeRun.DEFAULT_TIMEOUT);
    }

    /** As {@link #of(Path)}, each framework's sample run stopped after {@code timeout}. */
    public static Outcome of(Path rules, java.time.Duration timeout) {
        List<Problem> problems = new ArrayList<>();
        // Each framework of the folder compiles into its own rule base: the default one, then each one under
        // rules/frameworks/, each checked and run on sample facts.
        List<String> frameworks = List.of();
        try {
            frameworks = Framework.known(rules);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        java.util.Set<String> checked = new java.util.LinkedHashSet<>();
        List<String> each = new ArrayList<>();
        boolean compiledAny = false;
        for (int i = 0; i < Math.max(1, frameworks.size()); i++) {
            RuleSet compiled = null;
            try {
                compiled = new RuleSetCompiler().compile(rules, i == 0 ? null : frameworks.get(i));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
            if (compiled == null) continue;
            compiledAny = true;
            List<Problem> run = SmokeRun.run(compiled, timeout);
            problems.addAll(run);
            boolean stopped = SmokeRun.stoppedByTimeLimit(run);
            compiled.rules().forEach(r -> checked.add(r.id() + "\n" + r.file()));
            each.add(compiled.framework().id() + " (" + compiled.rules().size() + " rules" + (stopped ? "; its sample "
                    + "run stopped at the time limit, so no further framework was run" : "") + ")");
            // A rule that never finishes keeps its thread busy until the command ends: no other framework's sample run
            // is started beside it.
            if (stopped) break;
        }
        // The coding words a draft's suggestions come from, when the folder has them: read and checked like the rest.
        if (java.nio.file.Files.exists(rules.resolve(org.assessor.ruleset.CodingWords.FILE))) {
            try {
                org.assessor.ruleset.CodingWords.load(rules);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        return new Outcome(problems.stream().distinct().sorted().toList(), List.copyOf(each), checked.size(), compiledAny,
                frameworks.size());
    }
}
