package org.assessor.ruleset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.definition.KiePackage;

/**
 * Compiled rule packages kept on disk so a run whose rules have not changed skips the compile (most of a cold
 * start). An entry is named by a SHA-256 over the rules folder as given and its digest (every file's path and bytes), the fact
 * classes the rules are compiled against, the Drools version and the Java version: editing any rule file, or
 * rebuilding Assessor with different fact classes, gives a new name, so a stale entry is never read. An entry that
 * cannot be read is ignored and the rules are compiled again. Writes go to a temporary file moved into place, so a
 * run that is killed leaves no half-written entry. Uses Drools' own package serialization (internal API).
 */
public final class CompiledRulesCache {
    /** Entries kept; older ones are removed when a new one is written. */
    static final int KEEP = 20;
    private static final String PREFIX = "rules-";
    private static final String SUFFIX = ".bin";

    private final Path dir;

    public CompiledRulesCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The cache the command line uses: {@code $ASSESSOR_CACHE_DIR}, else {@code $XDG_CACHE_HOME/assessor}, else
     * {@code ~/.cache/assessor}; none when {@code ASSESSOR_CACHE=off}.
     */
    public static CompiledRulesCache fromEnvironment() {
        if ("off".equalsIgnoreCase(System.getenv("ASSESSOR_CACHE"))) return null;
        String explicit = System.getenv("ASSESSOR_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) return new CompiledRulesCache(Path.of(explicit));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new CompiledRulesCache(base.resolve("assessor"));
    }

    /** The entry's file for a rules digest. */
    Path entry(String rules) {
        return dir.resolve(PREFIX + key(rules) + SUFFIX);
    }

    /** What an entry holds: the compiled packages and the metadata of every rule in them. */
    public record Entry(Collection<KiePackage> packages, List<RuleInfo> rules) {}

    /** The entry for rules with this digest, or null if there is none (or it cannot be read). */
    @SuppressWarnings("unchecked")
    public Entry load(String rules) {
        Path file = entry(rules);
        if (!Files.isRegularFile(file)) return null;
        try (InputStream raw = Files.newInputStream(file);
             var in = new DroolsObjectInputStream(new BufferedInputStream(raw, 1 << 16), getClass().getClassLoader())) {
            Object read = in.readObject();
            if (!(read instanceof Object[] parts) || parts.length != 2) return null;
            if (!(parts[0] instanceof List<?> packages) || !(parts[1] instanceof List<?> infos)) return null;
            return new Entry((List<KiePackage>) packages, (List<RuleInfo>) infos);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError unreadable) {
            return null; // compiled again below, and the entry rewritten
        }
    }

    /** Keeps the packages for this digest; a cache that cannot be written is not an error (the run goes on). */
    public void store(String rules, Entry entry) {
        Path file = entry(rules);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".writing-", ".tmp");
            try (ObjectOutputStream out = new DroolsObjectOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeObject(new Object[] {new ArrayList<>(entry.packages()), new ArrayList<>(entry.rules())});
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            prune();
        } catch (IOException | RuntimeException unwritable) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do: a stray temporary file is never read as an entry
                }
            }
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted(
                    Comparator.comparing(CompiledRulesCache::modified).reversed()).toList();
        }
        for (Path old : entries.subList(Math.min(KEEP, entries.size()), entries.size())) Files.deleteIfExists(old);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String key(String rules) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(rules.getBytes(StandardCharsets.UTF_8));
            md.update(FactClasses.DIGEST.getBytes(StandardCharsets.UTF_8));
            md.update(System.getProperty("java.version").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** A digest of the classes compiled rules depend on: Assessor's fact classes and the Drools version. */
    private static final class FactClasses {
        static final String DIGEST = compute();

        private static String compute() {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                var source = org.assessor.facts.Fact.class.getProtectionDomain().getCodeSource().getLocation();
                Path where = Path.of(source.toURI());
                if (Files.isDirectory(where)) {
                    try (Stream<Path> s = Files.walk(where.resolve("org/assessor/facts"))) {
                        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                            md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                            md.update(Files.readAllBytes(p));
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(where.toFile())) {
                        for (var e : jar.stream().filter(e -> e.getName().startsWith("org/assessor/facts/"))
                                .sorted(Comparator.comparing(java.util.jar.JarEntry::getName)).toList()) {
                            md.update(e.getName().getBytes(StandardCharsets.UTF_8));
                            try (InputStream in = jar.getInputStream(e)) {
                                md.update(in.readAllBytes());
                            }
                        }
                    }
                }
                try (InputStream v = CompiledRulesCache.class.getResourceAsStream(
                        "/META-INF/maven/org.drools/drools-base/pom.properties")) {
                    if (v != null) md.update(v.readAllBytes());
                }
                md.update(org.drools.base.definitions.impl.KnowledgePackageImpl.class.getName()
                        .getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(md.digest());
            } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
                // Without a way to name the classes, never match an entry written by another build.
                return "unknown-" + System.nanoTime();
            }
        }
    }
}
