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
 * The second wall behind the rule language: checks the code Drools compiled from the rules (consequences, and
 * whatever else it compiled) before anything runs it. Every class, field and method the compiled classes refer to
 * must be one of the classes compiled for these rules themselves, or on an allow-list of the fact types, strings,
 * numbers, dates, collections and maths, plus the plumbing Drools itself generates. I/O, processes, reflection,
 * class loading, threads, {@code System}, {@code Runtime}, the clock and chance are refused with the rule's position.
 * It reads the class files' constant pools, so how the source spells a call does not matter, and a rule file's own
 * package earns it nothing: only the exact classes compiled from it are its own.
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
            "java.util.Properties", "java.util.Formatter",
            // the clock, chance and the machine's settings, which would make a result depend on when and where it ran
            "java.util.Random", "java.util.SplittableRandom", "java.util.UUID", "java.util.Date", "java.util.Calendar",
            "java.util.GregorianCalendar", "java.util.TimeZone", "java.util.SimpleTimeZone", "java.util.Locale",
            "java.util.Currency");
    /** Members that read the clock, chance or the machine's settings, whatever class they are on. */
    private static final Set<String> MEMBERS_REFUSED = Set.of("now", "random", "systemDefault", "systemUTC",
            "getDefault", "nanoTime", "currentTimeMillis");
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

    static List<Problem> verify(Collection<KiePackage> packages, List<RuleInfo> rules) {
        // The classes compiled for these rules (a consequence and its invoker, say), by exact name: they may use one
        // another. Nothing else in a rule's package is exempt.
        Set<String> compiled = new TreeSet<>();
        for (KiePackage p : packages) {
            if (p instanceof InternalKnowledgePackage ip
                    && ip.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData data) {
                for (String name : data.getStore().keySet()) compiled.add(name.replace('/', '.').replaceAll("\\.class$", ""));
            }
        }
        // One problem per rule, listing what it uses that is refused, in a stable order.
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
                    if (allowed(ref, compiled)) continue;
                    Problem at = locate(p.getName(), className, rules);
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

    static boolean allowed(ClassFileRefs.Ref ref, Set<String> compiled) {
        String owner = ref.owner();
        int dot = owner.lastIndexOf('.');
        String pkg = dot < 0 ? "" : owner.substring(0, dot);
        if (compiled.contains(owner)) return true; // a class compiled for these rules
        if (ref.member() != null && MEMBERS_REFUSED.contains(ref.member())) return false;
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

    /** The rule a compiled class was made from, as a problem without its message's ending. */
    private static Problem locate(String pkg, String className, List<RuleInfo> rules) {
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
