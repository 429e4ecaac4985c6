package org.assessor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.result.Assessor;
import org.assessor.input.Problem;
import org.assessor.input.StrictJson;
import org.assessor.engine.Evaluator;
import org.assessor.impact.Verification;
import org.assessor.ruleset.RuleSetCompiler;
import org.assessor.report.JsonReporter;
import org.assessor.result.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify <result.json>}: re-runs a saved evaluation and says whether its digests and every score still match. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-run the evaluation a saved JSON result names; exit 1 and list differences if anything changed.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<result.json>", description = "A result saved by 'evaluate --format json'.")
    Path saved;

    @Option(names = "--rules", paramLabel = "<folder>", description = "Rules folder to verify with (default: rules, and "
            + "only when the result names it: rules named only inside a result are never compiled).")
    Path rules;

    @Option(names = "--fixture", paramLabel = "<fixture>", description = "Fixture to use instead of the one the result names.")
    Path fixture;

    /**
     * The rules folder to compile: the one given with --rules, else the default folder when the result names it. A
     * result is only data, possibly someone else's: the folder it names is never compiled unless given explicitly.
     */
    private Path rulesToUse(Path named) {
        if (rules != null) return rules;
        Path own = Path.of("rules");
        if (same(named, own)) return own;
        throw new ParameterException(spec.commandLine(), "the result names the rules folder " + Problem.visible(
                named.toString()) + ", and verify compiles only rules it is given: give --rules " + Problem.visible(
                named.toString()) + " if you trust those rules, or --rules rules to verify against your own");
    }

    private static boolean same(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException | RuntimeException e) {
            return a.normalize().equals(b.normalize());
        }
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Result before;
        // A result of a fixture at the input limit, with its derivation graph, is several times the fixture's size.
        byte[] bytes = StrictJson.bytes(saved, saved.toString(), 16 * StrictJson.MAX_BYTES);
        try {
            before = JsonReporter.mapper().readValue(bytes, Result.class);
        } catch (JsonProcessingException e) {
            err.println(new Problem(saved.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    "not a saved Assessor result: " + e.getOriginalMessage()));
            return Main.PROBLEMS;
        }
        Path rulesDir = rulesToUse(Path.of(before.provenance().rules()));
        Path fixturePath = fixture != null ? fixture : Path.of(before.provenance().fixture());
        // Compiled from source, never from the cache: verifying must not trust what it verifies.
        Assessor assessor = new Assessor(new RuleSetCompiler(null).compile(rulesDir), Evaluator.DEFAULT_MAX_FIRINGS, true);
        Result now = assessor.evaluate(fixturePath);
        // The plain-words comparison first (digests, scores, ratings, findings), then the whole result field by field,
        // both ways: the saved file as written against the new result as evaluate --format json writes it. A saved
        // result with parts removed cannot be read in plain words, so only its fields are compared.
        var mapper = JsonReporter.mapper();
        var savedTree = mapper.readTree(bytes);
        var nowTree = mapper.readTree(mapper.writeValueAsString(now));
        List<String> differences = new java.util.ArrayList<>();
        if (Verification.lacksFields(savedTree, nowTree)) {
            differences.add("the saved result is incomplete (parts of it are missing), so only its fields are compared");
        } else {
            differences.addAll(Verification.differences(before, now, rulesDir.toString(), fixturePath.toString(),
                    assessor.rules().framework()));
        }
        differences.addAll(Verification.fieldDifferences(savedTree, nowTree));
        out.println("verifying " + saved + " against " + fixturePath + " with " + rulesDir);
        if (differences.isEmpty()) {
            out.println("verified: the rules and fixture digests match, and so does every field of the result (scores, "
                    + "ratings, findings, quotes, derivation graph), apart from where the files were read from");
            return Main.OK;
        }
        differences.forEach(d -> out.println("  " + d));
        out.println("NOT verified: " + differences.size() + " difference" + (differences.size() == 1 ? "" : "s"));
        return Main.PROBLEMS;
    }
}
