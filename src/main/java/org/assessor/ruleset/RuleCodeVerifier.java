package org.assessor.ruleset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assessor.input.Problem;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.definition.KiePackage;

/**
 * Checks the code Drools compiled from the rules (consequences, functions, {@code eval}s, accumulate actions) before
 * anything runs it: every class, field and method the compiled classes refer to must be on an allow-list of the fact
 * types, strings, numbers, dates, collections and maths, plus the plumbing Drools itself generates. I/O, processes,
 * reflection, class loading, threads, {@code System} and {@code Runtime} are refused with the rule's position.
 * It reads the class files' constant pools, so how the source spells a call does not matter.
 * <p>Constraint expressions inside patterns, which Drools interprets (MVEL) rather than compiles, are checked by
 * {@link ConstraintCheck}.
 */
final class RuleCodeVerifier {
    /** Whole packages rule code may use (the facts, collections, maths, dates). */
    private static final List<String> PACKAGES = List.of("org.assessor.facts.", "java.util.function.",
            "java.util.stream.", "java.util.regex.", "java.math.", "java.time.",
            // what Drools generates around a consequence, eval or accumulate
            "org.drools.base.rule.", "org.drools.mvel.asm.");
    /** Classes of java.util that reach outside the process or the clock. */
    private static final Set<String> UTIL_REFUSED = Set.of("java.util.ServiceLoader", "java.util.Scanner",
            "java.util.Timer", "java.util.TimerTask", "java.util.ResourceBundle", "java.util.PropertyResourceBundle",
            "java.util.Properties", "java.util.Formatter");
    /** Single classes rule code may use. */
    private static final Set<String> CLASSES = Set.of("java.lang.Object", "java.lang.String", "java.lang.StringBuilder",
            "java.lang.Math", "java.lang.StrictMath", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean",
            "java.lang.Number", "java.lang.CharSequence", "java.lang.Comparable", "java.lang.Iterable",
            "java.lang.Enum", "java.lang.Record", "java.lang.Void", "java.lang.Exception", "java.lang.RuntimeException",
            "java.lang.Throwable", "java.lang.IllegalArgumentException", "java.lang.IllegalStateException",
            "java.lang.ArithmeticException", "java.lang.NullPointerException",
            "org.drools.base.base.ValueResolver", "org.drools.mvel.field.FieldFactory",
            "org.drools.core.rule.consequence.KnowledgeHelper");
    /** Classes that may be named (as a type) but none of whose members may be used. */
    private static final Set<String> TYPE_ONLY = Set.of("java.lang.Class", "java.lang.invoke.MethodHandles",
            "java.lang.invoke.MethodHandles$Lookup", "java.lang.invoke.MethodType", "java.lang.invoke.CallSite",
            "java.lang.invoke.MethodHandle", "java.lang.invoke.StringConcatFactory",
            "java.lang.invoke.LambdaMetafactory", "org.kie.api.runtime.rule.FactHandle",
            "org.kie.api.runtime.rule.RuleContext", "java.time.Clock", "java.time.InstantSource",
            // named in the signatures of the classes Drools generates for functions and evals
            "java.io.Externalizable", "java.io.Serializable", "java.io.IOException", "java.io.ObjectInput",
            "java.io.ObjectOutput", "java.lang.ClassNotFoundException", "org.drools.base.reteoo.BaseTuple");
    /** Members allowed on a type-only class: what javac emits for string concatenation, lambdas and getClass. */
    private static final Set<String> MEMBERS = Set.of("java.lang.Object.getClass",
            "java.lang.invoke.StringConcatFactory.makeConcatWithConstants",
            "java.lang.invoke.LambdaMetafactory.metafactory", "java.lang.invoke.LambdaMetafactory.altMetafactory");
    /** What a consequence may do with {@code drools}: insert derived facts. */
    private static final Set<String> KNOWLEDGE_HELPER = Set.of("insert", "insertLogical");

    private RuleCodeVerifier() {}

    /** A function as written: its package, name and position. */
    record FunctionInfo(String packageName, String name, String file, int line, int column) {}

    static List<Problem> verify(Collection<KiePackage> packages, List<RuleInfo> rules, List<FunctionInfo> functions) {
        // The packages the rules were written in (not those Drools makes for imported types, such as java.lang).
        Set<String> packageNames = new TreeSet<>();
        rules.forEach(r -> packageNames.add(r.packageName()));
        functions.forEach(f -> packageNames.add(f.packageName()));
        packageNames.removeIf(n -> n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("org.assessor.")
                || n.startsWith("org.drools.") || n.startsWith("org.kie."));
        // One problem per rule or function, listing what it uses that is refused, in a stable order.
        Map<String, Problem> where = new TreeMap<>();
        Map<String, Set<String>> uses = new TreeMap<>();
        for (KiePackage p : packages) {
            if (!(p instanceof InternalKnowledgePackage ip)) continue;
            if (!(ip.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData data)) continue;
            for (var e : new TreeMap<>(data.getStore()).entrySet()) {
                String className = e.getKey().replace('/', '.').replaceAll("\\.class$", "");
                Set<ClassFileRefs.Ref> refs;
                try {
                    refs = ClassFileRefs.of(e.getValue());
                } catch (IOException unreadable) {
                    refs = Set.of(new ClassFileRefs.Ref(className + " (unreadable: " + unreadable.getMessage() + ")", null));
                }
                for (ClassFileRefs.Ref ref : refs) {
                    if (allowed(ref, packageNames)) continue;
                    Problem at = locate(p.getName(), className, rules, functions);
                    String key = at.file() + ":" + at.line() + ":" + at.message();
                    where.putIfAbsent(key, at);
                    uses.computeIfAbsent(key, k -> new TreeSet<>()).add(ref.member() == null ? "the class " + ref.owner()
                            : ref.owner() + "." + ref.member());
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (var e : where.entrySet()) {
            Problem at = e.getValue();
            List<String> used = new ArrayList<>(uses.get(e.getKey()));
            // A member says more than its class: list members, and a class alone only when none of its members is used.
            used.removeIf(u -> u.startsWith("the class ") && used.stream().anyMatch(m -> m.startsWith(u.substring(10) + ".")));
            problems.add(new Problem(at.file(), at.line(), at.column(), at.message() + " uses " + String.join(", ", used)
                    + "; rule code may use only the fact types, strings, numbers, dates, collections and maths (no I/O, "
                    + "processes, reflection, class loading, threads, System, Runtime or the clock; see docs/security.md)"));
        }
        return problems;
    }

    static boolean allowed(ClassFileRefs.Ref ref, Set<String> rulePackages) {
        String owner = ref.owner();
        int dot = owner.lastIndexOf('.');
        String pkg = dot < 0 ? "" : owner.substring(0, dot);
        if (rulePackages.contains(pkg)) return true; // the rules' own generated classes and functions
        if (ref.member() != null && MEMBERS.contains(ref.toString())) return true;
        if (TYPE_ONLY.contains(owner)) return ref.member() == null;
        if (owner.equals("org.drools.core.rule.consequence.KnowledgeHelper")) {
            return ref.member() == null || KNOWLEDGE_HELPER.contains(ref.member());
        }
        if (owner.startsWith("java.time.") && "now".equals(ref.member())) return false; // the clock
        if (CLASSES.contains(owner)) return true;
        if (pkg.equals("java.util")) return !UTIL_REFUSED.contains(owner);
        return PACKAGES.stream().anyMatch(owner::startsWith);
    }

    /** The rule or function a compiled class was made from, as a problem without its message's ending. */
    private static Problem locate(String pkg, String className, List<RuleInfo> rules, List<FunctionInfo> functions) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        RuleInfo best = null;
        for (RuleInfo r : rules) {
            if (!r.packageName().equals(pkg)) continue;
            String prefix = "Rule_" + mangle(r.name());
            if (simple.startsWith(prefix) && simple.length() > prefix.length()
                    && (Character.isDigit(simple.charAt(prefix.length())) || simple.charAt(prefix.length()) == '-')
                    && (best == null || r.name().length() > best.name().length())) {
                best = r;
            }
        }
        if (best != null) return new Problem(best.file(), best.line(), best.column(), "rule \"" + best.name() + "\"");
        String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        for (FunctionInfo f : functions) {
            if (f.packageName().equals(pkg) && f.name().equalsIgnoreCase(outer)) {
                return new Problem(f.file(), f.line(), f.column(), "function \"" + f.name() + "\"");
            }
        }
        return new Problem("rules", 0, 0, "compiled code " + className + " in package " + pkg);
    }

    /** How Drools names a rule's classes: spaces become _, other characters $uNN$. */
    static String mangle(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '_') b.append(c);
            else if (c == ' ') b.append('_');
            else b.append("$u").append((int) c).append('$');
        }
        if (!b.isEmpty()) b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
        return b.toString();
    }
}
