package org.assessor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.assessor.result.Assessor;
import org.assessor.evidence.EvidenceLoader;
import org.assessor.input.StrictJson;
import org.assessor.report.ChangeReporter;
import org.assessor.impact.ResultDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code what-if <fixture> --set id.field=value}: re-evaluates with changed evidence and shows what changed and why. */
@Command(name = "what-if", mixinStandardHelpOptions = true,
        description = "Re-evaluate a fixture with changed evidence (in memory; the file is not touched) and show what changed.")
public final class WhatIfCommand implements Callable<Integer> {
    static final List<String> METRIC_FIELDS = List.of("value", "unit", "measure", "period");
    static final List<String> OBSERVATION_FIELDS = List.of("theme", "direction", "extent", "who");
    static final List<String> ITEM_FIELDS = List.of("statement", "category");

    @Spec CommandSpec spec;
    @Mixin RulesOption rules;

    @Parameters(paramLabel = "<fixture>", description = "A fixture folder or its evidence.json.")
    Path fixture;

    @Option(names = "--set", required = true, paramLabel = "<id.field=value>",
            description = "A change, e.g. gov-11.value=92, env-06.extent=widespread, fsu-02.benchmark.national-average=50. Repeatable.")
    List<String> sets;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    ChangeFormat format;

    @Override
    public Integer call() throws Exception {
        Assessor assessor = new Assessor(rules.rules);
        Path file = EvidenceLoader.evidenceFile(fixture);
        byte[] original = StrictJson.bytes(file, file.toString());
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(original);
        for (String s : sets) apply(doc, s);
        byte[] changed = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        var before = assessor.evaluate(original, file.toString());
        var after = assessor.evaluate(changed, file + " (what-if)");
        var change = ResultDiff.between(fixture.toString(), before, after, assessor.rules().framework());
        var set = ChangeReporter.ChangeSet.of(file.toString(), "with " + String.join(", ", sets), List.of(change));
        var out = spec.commandLine().getOut();
        format.render(set, out);
        return Main.OK;
    }

    private void apply(ObjectNode doc, String assignment) {
        int eq = assignment.indexOf('=');
        int dot = assignment.indexOf('.');
        if (eq < 0 || dot < 0 || dot > eq) throw usage("expected <evidence-id>.<field>=<value>, found '" + assignment + "'");
        String id = assignment.substring(0, dot);
        String field = assignment.substring(dot + 1, eq);
        String value = assignment.substring(eq + 1);
        JsonNode item = null;
        for (JsonNode e : doc.path("evidence")) if (id.equals(e.path("id").asText())) item = e;
        if (item == null) throw usage("no evidence item with id '" + id + "' in " + fixture);
        if (field.startsWith("benchmark.")) {
            String kind = field.substring("benchmark.".length());
            for (JsonNode b : item.path("metric").path("benchmarks")) {
                if (kind.equals(b.path("kind").asText())) {
                    ((ObjectNode) b).put("value", number(value, assignment));
                    return;
                }
            }
            throw usage("evidence '" + id + "' has no benchmark of kind '" + kind + "'");
        }
        if (METRIC_FIELDS.contains(field) && item.has("metric")) {
            ObjectNode m = (ObjectNode) item.get("metric");
            if (field.equals("value")) m.put(field, number(value, assignment)); else m.put(field, value);
        } else if (OBSERVATION_FIELDS.contains(field) && item.has("observation")) {
            ((ObjectNode) item.get("observation")).put(field, value);
        } else if (ITEM_FIELDS.contains(field)) {
            ((ObjectNode) item).put(field, value);
        } else {
            throw usage("evidence '" + id + "' has no field '" + field + "' that can be set; expected one of "
                    + (item.has("metric") ? METRIC_FIELDS + " or benchmark.<kind>" : OBSERVATION_FIELDS) + " or " + ITEM_FIELDS);
        }
    }

    private double number(String value, String assignment) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw usage("expected a number in '" + assignment + "', found '" + value + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
