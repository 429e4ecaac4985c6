package org.assessor.ruleset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assessor.input.InvalidInputException;
import org.assessor.input.Problem;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.definition.KiePackage;
import org.kie.api.KieServices;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.io.ResourceFactory;

/**
 * Finds every {@code .drl} file under a rules folder, compiles them into one rule base at run time, and reports each
 * compile error once as {@code path:line:column: message}.
 */
public final class RuleSetCompiler {
    private static final Pattern PARSER_POSITION = Pattern.compile("\\[ERR \\d+\\] Line (\\d+):(\\d+) (.*)", Pattern.DOTALL);
    private static final String NOISE = "Parser returned a null Package";
    private static final Pattern UNKNOWN_FIELD = Pattern.compile(
            ".*unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\).*", Pattern.DOTALL);

    private static final String MAIN = "MAIN";
    /**
     * Rule sets already compiled in this process, by folder and digest: a second compile of unchanged rules (every
     * test, a resident process) reuses the first. A rule base is safe to share; each evaluation opens its own session.
     */
    private static final Map<String, RuleSet> COMPILED = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RuleSet> eldest) {
                    return size() > 8;
                }
            });
    private static volatile CompiledRulesCache defaultCache;
    private final CompiledRulesCache cache;

    private final boolean remember;

    /**
     * A compiler using the process's default cache (none unless the command line set one) that reuses rule sets
     * already compiled in this process.
     */
    public RuleSetCompiler() {
        this.cache = defaultCache;
        this.remember = true;
    }

    /** A compiler that keeps compiled packages in {@code cache} (null: always compile) and nothing in memory. */
    public RuleSetCompiler(CompiledRulesCache cache) {
        this.cache = cache;
        this.remember = false;
    }

    /** Sets the cache every {@code new RuleSetCompiler()} in this process uses; the command line sets it once. */
    public static void useCacheByDefault(CompiledRulesCache cache) {
        defaultCache = cache;
    }

    /** Compiles the rules folder's default framework, or throws with every problem found. */
    public RuleSet compile(Path rulesDir) throws InvalidInputException {
        return compile(rulesDir, null);
    }

    /**
     * Compiles one framework of the rules folder into its own rule base, or throws with every problem found. The
     * default framework (null, or its id) takes every file outside {@code rules/frameworks/}; a framework in
     * {@code rules/frameworks/<id>/} takes the files of its folder and of the folders its {@code sharedRules} names.
     * Only the files taken are read, compiled and digested, so one framework's rules never fire for another's
     * fixtures, and compiling the default framework never compiles another.
     */
    public RuleSet compile(Path rulesDir, String frameworkId) throws InvalidInputException {
        if (!Files.isDirectory(rulesDir)) {
            throw new InvalidInputException(new Problem(rulesDir.toString(), 0, 0,
                    "no rules folder here; expected a folder of .drl files (pass --rules <folder>)"));
        }
        // The default framework's files are found before its framework file is read, so a folder with no rules at
        // all is named as such; another framework's file says which folders it shares.
        Framework framework = frameworkId == null ? null : Framework.load(rulesDir, frameworkId);
        List<Path> all = framework == null || framework.isDefault()
                ? files(rulesDir, List.of(Framework.FRAMEWORKS), true)
                : files(rulesDir, with(framework.sharedRules(), framework.folder()), false);
        List<Path> drl = all.stream().filter(p -> p.toString().endsWith(".drl")).toList();
        if (drl.isEmpty()) {
            throw new InvalidInputException(new Problem(rulesDir.toString(), 0, 0,
                    "the rules folder has no .drl files; expected the method and evidence rules"));
        }
        // The rule files are parsed from the very bytes digested here (never read a second time), so a file changed
        // while the rules compile cannot leave a compiled entry under the digest of another text.
        Map<Path, byte[]> read = new java.util.HashMap<>();
        String digest = digest(rulesDir, all, read);
        // Compiled packages remember their files' paths (shown in explanations and errors), so the folder as given
        // is part of the entry's name as well as its contents.
        String entry = rulesDir + "\n" + (framework == null || framework.isDefault() ? "" : framework.id() + "\n")
                + digest;
        RuleSet known = remember ? COMPILED.get(entry) : null;
        if (known != null) return known;
        if (framework == null) framework = Framework.load(rulesDir);
        CompiledRulesCache.Entry cached = cache == null ? null : cache.load(entry);
        boolean fresh = cached == null;
        if (fresh) {
            List<RuleInfo> rules = new ArrayList<>();
            Collection<KiePackage> packages = build(drl, rules, read);
            cached = new CompiledRulesCache.Entry(packages, rules);
        }
        List<String> layers = new ArrayList<>(RuleSet.LAYERS);
        cached.rules().stream().map(r -> r.layer() == null ? MAIN : r.layer()).filter(l -> !layers.contains(l))
                .distinct().sorted().forEach(layers::add);
        RuleSet compiled = new RuleSet(rulesDir.toString(), newKieBase(cached.packages()), framework, digest,
                cached.rules(), layers);
        if (fresh) {
            // Every compile is linted; only rules that pass are cached, so a cached entry needs no second look.
            List<Problem> problems = new RuleLinter(compiled).lint();
            if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().distinct().sorted().toList());
            if (cache != null) cache.store(entry, cached);
        }
        if (remember) COMPILED.put(entry, compiled);
        return compiled;
    }

    /**
     * Reads every file into its descriptor tree and checks it against the rule language ({@link RuleFile}); only when
     * every file passes is anything compiled, and then the trees that were checked are compiled (each file is read
     * once). The compiled code is checked again, class by class ({@link RuleCodeVerifier}), before anything runs it.
     */
    private static Collection<KiePackage> build(List<Path> files, List<RuleInfo> rules, Map<Path, byte[]> bytes)
            throws InvalidInputException {
        List<RuleFile> read = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                read.add(RuleFile.read(file, bytes.get(file)));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().distinct().sorted().toList());
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (RuleFile f : read) {
            rules.addAll(f.rules());
            builder.add(ResourceFactory.newDescrResource(f.descriptor()), ResourceType.DESCR);
        }
        for (KnowledgeBuilderResult e : builder.getErrors()) {
            if (e.getMessage() != null && e.getMessage().contains(NOISE)) continue;
            problems.add(unknownField(problem(e)));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().distinct().sorted().toList());
        Collection<KiePackage> packages = builder.getKnowledgePackages();
        problems.addAll(RuleCodeVerifier.verify(packages, rules));
        problems.addAll(JitSafety.check(packages, rules));
        if (!problems.isEmpty()) throw new InvalidInputException(problems.stream().distinct().sorted().toList());
        return packages;
    }

    /**
     * A rule base with Drools' default constraint jitting: a condition is interpreted for its first evaluations and
     * then compiled to bytecode. The conditions jitting cannot run (pluggable operators such as {@code str[startsWith]})
     * are refused when the rules are compiled ({@link JitSafety}).
     */
    private static KieBase newKieBase(Collection<KiePackage> packages) {
        KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration();
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(conf);
        kieBase.addPackages(packages);
        return kieBase;
    }

    /**
     * Every regular file under the folder, in path order: one walk serves the digest, the lint and the compile. The
     * folder given may itself be a link (it is walked where it points, and named as given); a link, a device or a pipe
     * inside it is refused, never silently skipped, since a skipped file would change the rules without a word.
     */
    private static List<String> with(List<String> folders, String one) {
        List<String> out = new ArrayList<>(folders);
        out.add(one);
        return out;
    }

    /**
     * The regular files under the folder ({@link #files(Path)}) that lie in one of the given top folders (relative
     * paths such as "method" or "frameworks/local-authority"), or, with {@code except}, in none of them.
     */
    private static List<Path> files(Path dir, List<String> folders, boolean except) throws InvalidInputException {
        return files(dir).stream().filter(p -> {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            boolean in = folders.stream().anyMatch(f -> rel.startsWith(f + "/"));
            return except != in;
        }).toList();
    }

    private static List<Path> files(Path dir) throws InvalidInputException {
        Path start;
        try {
            start = Files.isSymbolicLink(dir) ? dir.toRealPath() : dir;
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(dir.toString(), 0, 0, "cannot be read: " + e.getMessage()));
        }
        List<Path> found = new ArrayList<>();
        List<Problem> refused = new ArrayList<>();
        try (Stream<Path> s = Files.walk(start)) {
            s.forEach(p -> {
                Path shown = start == dir ? p : dir.resolve(start.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    refused.add(new Problem(shown.toString(), 0, 0, "is a symbolic link; a rules folder may not hold "
                            + "links (a link could bring in files from elsewhere, and skipping it would change the rules "
                            + "silently); copy the files in, or pass the folder itself with --rules"));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(shown);
                } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    refused.add(new Problem(shown.toString(), 0, 0, "is neither a file nor a folder (a pipe or a "
                            + "device?); a rules folder holds only files and folders"));
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(new Problem(dir.toString(), 0, 0, "cannot be read: " + e.getMessage()));
        }
        if (!refused.isEmpty()) throw new InvalidInputException(refused.stream().sorted().toList());
        return found.stream().sorted().toList();
    }

    private static Problem problem(KnowledgeBuilderResult e) {
        String file = e.getResource() == null || e.getResource().getSourcePath() == null
                ? "rules" : e.getResource().getSourcePath();
        String msg = e.getMessage() == null ? "" : e.getMessage().strip();
        Matcher m = PARSER_POSITION.matcher(msg);
        if (m.matches()) {
            Problem at = new Problem(file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) + 1,
                    RuleFile.shorten(RuleFile.oneLine(m.group(3))));
            return RuleFile.unclosedBefore(at);
        }
        int[] lines = e.getLines();
        int line = lines != null && lines.length > 0 ? lines[0] : 0;
        return new Problem(file, line, 1, RuleFile.shorten(RuleFile.oneLine(msg)));
    }

    /**
     * Rewrites Drools' "unable to resolve method using strict-mode: org.assessor.facts.Metric.valeu()" as a plain
     * "unknown field" message that lists the fact's fields, pointing at the column where the name is written.
     */
    private static Problem unknownField(Problem p) {
        Matcher m = UNKNOWN_FIELD.matcher(p.message());
        if (!m.matches()) return p;
        String type = m.group(1);
        String field = m.group(2);
        String fields;
        try {
            Class<?> c = Class.forName(type);
            fields = c.isRecord() ? java.util.Arrays.stream(c.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).toList().toString() : "(see the class)";
        } catch (ClassNotFoundException e) {
            fields = "(unknown type)";
        }
        int column = p.column();
        try {
            List<String> lines = Files.readAllLines(Path.of(p.file()));
            if (p.line() >= 1 && p.line() <= lines.size()) {
                Matcher w = Pattern.compile("\\b" + Pattern.quote(field) + "\\b").matcher(lines.get(p.line() - 1));
                if (w.find()) column = w.start() + 1;
            }
        } catch (IOException | RuntimeException unreadable) {
            // keep the column Drools gave
        }
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return new Problem(p.file(), p.line(), column, "unknown field '" + field + "' on " + simple
                + "; its fields are " + fields);
    }

    /**
     * A SHA-256 over the default framework's files under the rules folder (every file outside
     * {@code rules/frameworks/}: its relative path and bytes), in path order.
     */
    public static String digest(Path dir) throws InvalidInputException {
        return digest(dir, files(dir, List.of(Framework.FRAMEWORKS), true));
    }

    private static String digest(Path dir, List<Path> files) throws InvalidInputException {
        return digest(dir, files, new java.util.HashMap<>());
    }

    /** As above, keeping each file's bytes as digested in {@code read}. */
    private static String digest(Path dir, List<Path> files, Map<Path, byte[]> read) throws InvalidInputException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : files) {
                md.update(dir.relativize(p).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                byte[] bytes = Files.readAllBytes(p);
                read.put(p, bytes);
                md.update(bytes);
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(dir.toString(), 0, 0, "cannot be read: " + e.getMessage()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
