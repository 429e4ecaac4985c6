package org.assessor.ruleset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * rebuilding Assessor with different fact classes, gives a new name, so a stale entry is never read. An entry holds
 * code, so it is used only when it is authentic and nobody else could have changed it: it carries an HMAC-SHA256 made
 * with the cache's own key ({@link CacheFolder}: a file only its owner can read), checked before anything in it is
 * deserialized; the folder, the key and the entry must be this user's own, not links, and not writable by others;
 * and the compiled code in it is checked again ({@link RuleCodeVerifier}, {@link JitSafety}) before it is used. An
 * entry that fails any of these is not used (with a warning when someone else could have put it there) and the rules
 * are compiled. Writes go to a temporary file moved into place, so a run that is killed leaves no half-written
 * entry. Uses Drools' own package serialization (internal API).
 */
public final class CompiledRulesCache {
    /** Entries kept; older ones are removed when a new one is written. */
    static final int KEEP = 20;
    private static final String PREFIX = "rules-";
    private static final String SUFFIX = ".bin";
    private static final String MAC = "HmacSHA256";

    private final CacheFolder folder;

    public CompiledRulesCache(Path dir) {
        this.folder = new CacheFolder(dir);
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
        return folder.dir().resolve(PREFIX + key(rules) + SUFFIX);
    }

    /** What an entry holds: the compiled packages and the metadata of every rule in them. */
    public record Entry(Collection<KiePackage> packages, List<RuleInfo> rules) {}

    /**
     * The entry for rules with this digest, or null if there is none, or it cannot be trusted or read. An entry starts
     * with the name it was written for (the rules folder and digest) and an HMAC of its name and contents made with
     * the cache's key; both are checked before anything in it is deserialized, so an entry of other rules copied over
     * this one, a damaged one, or one made by anyone without the key is never used. Deserialization then admits only
     * the classes compiled rules are made of, and the compiled code is checked again as a fresh compile is.
     */
    @SuppressWarnings("unchecked")
    public Entry load(String rules) {
        Path file = entry(rules);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return null;
        if (!usable(false)) return null;
        String entryProblem = folder.fileRefusal(file);
        if (entryProblem != null) return refuse(entryProblem);
        StringBuilder keyProblem = new StringBuilder();
        byte[] key = folder.key(false, keyProblem);
        if (key == null) return keyProblem.isEmpty() ? null : refuse(keyProblem.toString());
        byte[] payload;
        try (var data = new java.io.DataInputStream(new BufferedInputStream(Files.newInputStream(file,
                LinkOption.NOFOLLOW_LINKS), 1 << 16))) {
            if (!MAGIC.equals(data.readUTF()) || !rules.equals(data.readUTF())) return null;
            byte[] mac = HexFormat.of().parseHex(data.readUTF());
            payload = data.readAllBytes();
            if (!MessageDigest.isEqual(mac, mac(key, rules, payload))) {
                return refuse("its entry " + file.getFileName() + " was not made with this cache's key");
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        Entry entry;
        try (var in = new DroolsObjectInputStream(new java.io.ByteArrayInputStream(payload), getClass().getClassLoader())) {
            in.setObjectInputFilter(CompiledRulesCache::admits);
            Object read = in.readObject();
            if (!(read instanceof Object[] parts) || parts.length != 2) return null;
            if (!(parts[0] instanceof List<?> packages) || !(parts[1] instanceof List<?> infos)) return null;
            entry = new Entry((List<KiePackage>) packages, (List<RuleInfo>) infos);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError unreadable) {
            return null; // compiled again below, and the entry rewritten
        }
        // The code is checked again, as a fresh compile's is: an entry is code from disk.
        List<org.assessor.input.Problem> problems = new ArrayList<>(RuleCodeVerifier.verify(entry.packages(), entry.rules()));
        problems.addAll(JitSafety.check(entry.packages(), entry.rules()));
        if (!problems.isEmpty()) return refuse("its entry " + file.getFileName() + " holds code the checks refuse ("
                + problems.get(0).message() + ")");
        return entry;
    }

    /** Keeps the packages for this digest; a cache that cannot be written is not an error (the run goes on). */
    public void store(String rules, Entry entry) {
        Path file = entry(rules);
        if (!usable(true)) return;
        StringBuilder keyProblem = new StringBuilder();
        byte[] key = folder.key(true, keyProblem);
        if (key == null) {
            refuse(keyProblem.toString());
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(folder.dir(), ".writing-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            var bytes = new java.io.ByteArrayOutputStream();
            try (ObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
                out.writeObject(new Object[] {new ArrayList<>(entry.packages()), new ArrayList<>(entry.rules())});
            }
            byte[] payload = bytes.toByteArray();
            try (var data = new java.io.DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                data.writeUTF(MAGIC);
                data.writeUTF(rules);
                data.writeUTF(HexFormat.of().formatHex(mac(key, rules, payload)));
                data.write(payload);
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

    /** Raised whenever the checks a compile makes change, so no entry made before a check skips it. */
    private static final String MAGIC = "assessor compiled rules 7";
    /** The packages a compiled rule set's objects come from; anything else in an entry is refused. */
    private static final List<String> ADMITTED = List.of("java.", "[", "org.drools.", "org.kie.", "org.mvel2.",
            "org.assessor.", "org.antlr.");

    private static java.io.ObjectInputFilter.Status admits(java.io.ObjectInputFilter.FilterInfo info) {
        Class<?> c = info.serialClass();
        if (c == null) return java.io.ObjectInputFilter.Status.UNDECIDED;
        while (c.isArray()) c = c.getComponentType();
        if (c.isPrimitive()) return java.io.ObjectInputFilter.Status.ALLOWED;
        String name = c.getName();
        return ADMITTED.stream().anyMatch(name::startsWith) ? java.io.ObjectInputFilter.Status.ALLOWED
                : java.io.ObjectInputFilter.Status.REJECTED;
    }

    /** The HMAC of an entry: its format, the name it was written for and its contents, with the cache's key. */
    private static byte[] mac(byte[] key, String rules, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key, MAC));
            mac.update(MAGIC.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(rules.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            throw new IllegalStateException(MAC + " is missing from this Java runtime", e);
        }
    }

    /** Whether the folder can be used (made, with {@code create}); warns once when it cannot. */
    private boolean usable(boolean create) {
        String why = folder.folderRefusal(create);
        if (why == null) return true;
        if (!why.equals("it does not exist yet")) refuse(why);
        return false;
    }

    private <T> T refuse(String why) {
        if (!warned) {
            warned = true;
            System.err.println("assessor: not using the compiled-rules cache " + folder.dir() + ": " + why
                    + "; compiling the rules instead");
        }
        return null;
    }

    private volatile boolean warned;

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(folder.dir())) {
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
