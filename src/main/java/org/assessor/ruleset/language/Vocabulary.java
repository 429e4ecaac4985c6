package org.assessor.ruleset.language;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assessor.facts.Fact;

/**
 * What the rule language can name: the fact types of {@code org.assessor.facts} (their fields, their own methods and
 * factories, and the helpers in {@code Numbers}), and a short list of value types with the pure methods a rule needs
 * (text, numbers, dates, collections, a few of {@code Math}'s). Every other class, and every other method of these
 * classes, is outside the language: nothing here reads the clock, chance, the environment, files or the network.
 */
final class Vocabulary {
    static final String FACTS = "org.assessor.facts";
    /** Value types a file may import, by their full names. */
    static final Map<String, Class<?>> IMPORTABLE = Map.of("java.time.LocalDate", LocalDate.class,
            "java.util.List", List.class, "java.util.Set", Set.class, "java.util.Collection", Collection.class,
            "java.util.TreeSet", TreeSet.class, "java.util.ArrayList", ArrayList.class);
    /** Value types every file can name by their short names (java.lang's). */
    private static final Map<String, Class<?>> ALWAYS = Map.of("String", String.class, "Math", Math.class,
            "Integer", Integer.class, "Long", Long.class, "Double", Double.class, "Boolean", Boolean.class,
            "Number", Number.class);
    private static final Set<String> NUMBER_METHODS = Set.of("intValue", "longValue", "doubleValue", "compareTo",
            "equals", "toString");
    private static final Set<String> COLLECTION_METHODS = Set.of("size", "isEmpty", "contains", "containsAll", "get",
            "indexOf", "equals", "toString");
    /** The methods allowed on each value type (and its subtypes); every type also allows equals and toString. */
    private static final Map<Class<?>, Set<String>> METHODS = Map.of(
            String.class, Set.of("length", "isEmpty", "isBlank", "startsWith", "endsWith", "contains", "equals",
                    "equalsIgnoreCase", "compareTo", "substring", "indexOf", "lastIndexOf", "strip", "trim", "charAt",
                    "concat", "replace", "toString"),
            Number.class, NUMBER_METHODS,
            Boolean.class, Set.of("booleanValue", "equals", "toString"),
            LocalDate.class, Set.of("isBefore", "isAfter", "isEqual", "equals", "compareTo", "getYear", "getMonthValue",
                    "getDayOfMonth", "plusDays", "minusDays", "plusWeeks", "minusWeeks", "plusMonths", "minusMonths",
                    "plusYears", "minusYears", "toString"),
            Collection.class, COLLECTION_METHODS);
    /** Static methods of value types. */
    private static final Map<Class<?>, Set<String>> STATICS = Map.of(Math.class, Set.of("min", "max", "abs", "floor",
            "ceil", "round"), String.class, Set.of("valueOf"), LocalDate.class, Set.of("parse", "of"));
    /** Value types a rule may make with new: collections to sort a list for display, with at most one argument. */
    private static final Set<Class<?>> CONSTRUCTIBLE = Set.of(TreeSet.class, ArrayList.class);

    private final Map<String, Class<?>> imported = new HashMap<>();
    private boolean allFacts;

    /** The vocabulary of a file with these imports (each already one the language accepts). */
    Vocabulary(List<String> imports) {
        for (String i : imports) {
            if (i.equals(FACTS + ".*")) {
                allFacts = true;
            } else if (i.endsWith(".*")) {
                String pkg = i.substring(0, i.length() - 1);
                IMPORTABLE.forEach((name, c) -> {
                    if (name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0) imported.put(c.getSimpleName(), c);
                });
            } else if (IMPORTABLE.containsKey(i)) {
                imported.put(i.substring(i.lastIndexOf('.') + 1), IMPORTABLE.get(i));
            } else {
                Class<?> fact = factClass(i.substring(i.lastIndexOf('.') + 1));
                if (fact != null && fact.getName().equals(i)) imported.put(fact.getSimpleName(), fact);
            }
        }
    }

    /**
     * Whether the language accepts this import: the fact types, one of the value types, or the packages of the value
     * types with a wildcard ({@code java.util.*}, {@code java.time.*}), which bring in only those value types.
     */
    static boolean importable(String target) {
        if (target.equals(FACTS + ".*") || IMPORTABLE.containsKey(target)) return true;
        if (target.equals("java.util.*") || target.equals("java.time.*")) return true;
        if (!target.startsWith(FACTS + ".")) return false;
        Class<?> c = factClass(target.substring(FACTS.length() + 1));
        return c != null && c.getName().equals(target);
    }

    /** The class a name written in a rule stands for (short or full), or null if the language has none by that name. */
    Class<?> type(String written) {
        if (!written.contains(".")) {
            if (imported.containsKey(written)) return imported.get(written);
            if (ALWAYS.containsKey(written)) return ALWAYS.get(written);
            return allFacts ? factClass(written) : null;
        }
        if (IMPORTABLE.containsKey(written)) return IMPORTABLE.get(written);
        if (written.startsWith("java.lang.") && ALWAYS.containsKey(written.substring(10))) {
            return ALWAYS.get(written.substring(10));
        }
        if (written.startsWith(FACTS + ".")) {
            Class<?> c = factClass(written.substring(FACTS.length() + 1));
            return c != null && c.getName().equals(written) ? c : null;
        }
        return null;
    }

    /** A public top-level class of the facts package by its short name, or null. */
    static Class<?> factClass(String simple) {
        if (simple.isEmpty() || !Character.isUpperCase(simple.charAt(0)) || simple.contains(".") || simple.contains("$")) {
            return null;
        }
        try {
            Class<?> c = Class.forName(FACTS + "." + simple, false, Vocabulary.class.getClassLoader());
            return Modifier.isPublic(c.getModifiers()) && c.getEnclosingClass() == null ? c : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    static boolean isFactClass(Class<?> c) {
        return c != null && c.getPackageName().equals(FACTS) && Modifier.isPublic(c.getModifiers())
                && c.getEnclosingClass() == null;
    }

    /** Whether instances of the class are facts a pattern can match and a consequence can insert. */
    static boolean isFact(Class<?> c) {
        return isFactClass(c) && Fact.class.isAssignableFrom(c);
    }

    /** The type of {@code name} read as a field of a fact type (a record component or a method without arguments). */
    static Class<?> property(Class<?> type, String name) {
        if (!isFactClass(type)) return null;
        for (Method m : ownMethods(type, false)) {
            if (m.getParameterCount() == 0 && m.getName().equals(name) && m.getReturnType() != void.class) {
                return m.getReturnType();
            }
        }
        return null;
    }

    /** The fields of a fact type, as messages list them: its record components, else its methods without arguments. */
    static List<String> fields(Class<?> type) {
        if (type.isRecord()) return Arrays.stream(type.getRecordComponents()).map(r -> r.getName()).toList();
        return ownMethods(type, false).stream().filter(m -> m.getParameterCount() == 0).map(Method::getName).sorted()
                .toList();
    }

    /** The methods the language allows by this name on the type (instance methods, or with {@code statics} static ones). */
    static List<Method> methods(Class<?> type, String name, boolean statics) {
        List<Method> out = new ArrayList<>();
        for (Method m : allowedMethods(type, statics)) if (m.getName().equals(name)) out.add(m);
        return out;
    }

    /** The names of the methods the language allows on the type, for messages. */
    static Set<String> methodNames(Class<?> type, boolean statics) {
        Set<String> out = new TreeSet<>();
        for (Method m : allowedMethods(type, statics)) out.add(m.getName());
        return out;
    }

    static List<Method> allowedMethods(Class<?> type, boolean statics) {
        if (type == null) return List.of();
        if (isFactClass(type)) return ownMethods(type, statics);
        if (type.isPrimitive()) return List.of();
        Set<String> names = statics ? STATICS.get(type) : valueMethods(type);
        if (names == null) return List.of();
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) == statics && names.contains(m.getName()) && !m.isSynthetic()) {
                out.add(m);
            }
        }
        return out;
    }

    private static Set<String> valueMethods(Class<?> type) {
        for (var e : METHODS.entrySet()) if (e.getKey().isAssignableFrom(type)) return e.getValue();
        return type == Object.class ? Set.of("equals", "toString") : null;
    }

    /** The public methods a fact class declares itself (not Object's), static or not; hashCode is left out. */
    private static List<Method> ownMethods(Class<?> type, boolean statics) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (!Modifier.isPublic(mod) || m.isSynthetic() || m.isBridge() || Modifier.isStatic(mod) != statics) continue;
            if (m.getName().equals("hashCode") || m.isAnnotationPresent(org.assessor.facts.GivenOnly.class)) continue;
            out.add(m);
        }
        if (!statics && type.isInterface()) return out;
        if (!statics && Fact.class.isAssignableFrom(type) && type != Fact.class) {
            for (Method m : Fact.class.getMethods()) if (out.stream().noneMatch(o -> o.getName().equals(m.getName()))) out.add(m);
        }
        return out;
    }

    /** A public constant of a fact class, or null. */
    static Field constant(Class<?> type, String name) {
        if (!isFactClass(type)) return null;
        for (Field f : type.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (f.getName().equals(name) && Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod)) {
                return f;
            }
        }
        return null;
    }

    /** Whether the type's constructors are the evidence loader's only ({@link org.assessor.facts.GivenOnly}). */
    static boolean givenOnly(Class<?> type) {
        if (!isFact(type)) return false;
        for (Constructor<?> c : type.getConstructors()) if (!c.isAnnotationPresent(org.assessor.facts.GivenOnly.class)) return false;
        return type.getConstructors().length > 0;
    }

    /** Whether {@code new type(…)} with this many arguments is in the language. */
    static boolean constructible(Class<?> type, int arguments) {
        if (CONSTRUCTIBLE.contains(type)) return arguments <= 1;
        if (!isFact(type)) return false;
        for (Constructor<?> c : type.getConstructors()) {
            if (c.getParameterCount() == arguments && !c.isAnnotationPresent(org.assessor.facts.GivenOnly.class)) return true;
        }
        return false;
    }
}
