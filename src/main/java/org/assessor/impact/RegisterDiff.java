package org.assessor.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assessor.ruleset.PolicyRegister;

/**
 * The policy register values that differ between two rule sets, and the changed fixtures whose rules read each one
 * in either evaluation (a premise in the derivation graph): "training.x: 90 → 85; read by 3 of the changed fixtures".
 * A fixture that read two changed values is listed under both: reading a value does not prove it moved the fixture.
 */
public final class RegisterDiff {
    private RegisterDiff() {}

    /** One register id whose rows differ, and the changed fixtures whose evaluations read it. */
    public record RegisterChange(String id, String base, String head, List<String> fixtures) {}

    public static List<RegisterChange> between(PolicyRegister base, PolicyRegister head, List<Change> changes) {
        Map<String, String> b = values(base);
        Map<String, String> h = values(head);
        List<String> ids = new ArrayList<>(b.keySet());
        h.keySet().stream().filter(id -> !b.containsKey(id)).forEach(ids::add);
        List<RegisterChange> out = new ArrayList<>();
        for (String id : ids) {
            String was = b.getOrDefault(id, "(no row)");
            String now = h.getOrDefault(id, "(no row)");
            if (was.equals(now)) continue;
            List<String> fixtures = changes.stream().filter(Change::changed)
                    .filter(c -> c.registerValuesUsed().contains(id)).map(Change::fixture).toList();
            out.add(new RegisterChange(id, was, now, fixtures));
        }
        return out;
    }

    /** Each id's rows as one text: the value, and its dates where it has a history. */
    private static Map<String, String> values(PolicyRegister register) {
        Map<String, List<PolicyRegister.Row>> rows = new LinkedHashMap<>();
        register.rows().forEach(r -> rows.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
        Map<String, String> out = new LinkedHashMap<>();
        rows.forEach((id, list) -> out.put(id, list.size() == 1 ? list.get(0).value()
                : String.join("; ", list.stream().map(r -> r.value() + " from " + r.from()
                        + (r.to() == null ? "" : " to " + r.to())).toList())));
        return out;
    }
}
