package org.assessor.ruleset;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/** Reads the rules of DRL files into {@link RuleInfo}: identity, metadata, layer and position, as written. */
final class RuleSource {
    private RuleSource() {}

    /**
     * The rules of one file; a file that does not parse gives none (the compiler reports its syntax error). The same
     * parse adds the file's functions, with their positions, to {@code functions}, and the problems of its
     * interpreted conditions ({@link ConstraintCheck}) to {@code conditionProblems}.
     */
    static List<RuleInfo> describe(Path file, String text, List<RuleCodeVerifier.FunctionInfo> functions,
                                   List<org.assessor.input.Problem> conditionProblems) {
        List<RuleInfo> rules = new ArrayList<>();
        DrlParser parser = new DrlParser();
        try {
            var pkg = parser.parse(new StringReader(text));
            if (pkg == null || parser.hasErrors()) return rules;
            conditionProblems.addAll(ConstraintCheck.check(file.toString(), pkg, RuleSource.class.getClassLoader()));
            for (var f : pkg.getFunctions()) {
                functions.add(new RuleCodeVerifier.FunctionInfo(pkg.getNamespace(), f.getName(), file.toString(),
                        f.getLine(), f.getColumn() + 1));
            }
            // A package-wide dialect counts as each rule's own (the lint refuses any dialect but Java's).
            boolean packageDialect = pkg.getAttributes().stream().anyMatch(a -> a.getName().equals("dialect"));
            for (RuleDescr r : pkg.getRules()) {
                var layer = r.getAttributes().get("agenda-group");
                rules.add(new RuleInfo(pkg.getNamespace(), r.getName(), value(r.getAnnotation("id")),
                        value(r.getAnnotation("kind")), value(r.getAnnotation("statement")),
                        value(r.getAnnotation("reason")), layer == null ? null : String.valueOf(layer.getValue()),
                        file.toString(), r.getLine(), r.getColumn() + 1, r.getStartCharacter(), r.getEndCharacter(),
                        r.getAttributes().containsKey("salience"), attributes(r, packageDialect)));
            }
        } catch (DroolsParserException | RuntimeException unparsable) {
            // the compiler reports the syntax error with its position
        }
        return rules;
    }

    private static List<String> attributes(RuleDescr r, boolean packageDialect) {
        List<String> names = new ArrayList<>(r.getAttributes().keySet());
        if (packageDialect && !names.contains("dialect")) names.add("dialect");
        return names;
    }

    private static String value(AnnotationDescr a) {
        if (a == null) return null;
        Object v = a.getSingleValueStripped();
        return v == null ? null : v.toString();
    }
}
