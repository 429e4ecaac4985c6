package org.assessor.ruleset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;

/** Reads the rules of a parsed DRL file into {@link RuleInfo}: identity, metadata, layer and position, as written. */
final class RuleSource {
    private RuleSource() {}

    /** The rules of one parsed file, in source order. */
    static List<RuleInfo> describe(Path file, PackageDescr pkg) {
        List<RuleInfo> rules = new ArrayList<>();
        for (RuleDescr r : pkg.getRules()) {
            var layer = r.getAttributes().get("agenda-group");
            rules.add(new RuleInfo(pkg.getNamespace(), r.getName(), value(r.getAnnotation("id")),
                    value(r.getAnnotation("kind")), value(r.getAnnotation("statement")),
                    value(r.getAnnotation("reason")), layer == null ? null : String.valueOf(layer.getValue()),
                    file.toString(), r.getLine(), r.getColumn() + 1, r.getStartCharacter(), r.getEndCharacter(),
                    r.getAttributes().containsKey("salience"), new ArrayList<>(r.getAttributes().keySet())));
        }
        return rules;
    }

    private static String value(AnnotationDescr a) {
        if (a == null) return null;
        Object v = a.getSingleValueStripped();
        return v == null ? null : v.toString();
    }
}
