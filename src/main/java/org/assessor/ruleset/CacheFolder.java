package org.assessor.ruleset;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The compiled-rules cache's folder and its key: the folder, the key file and each entry are used only when this user
 * owns them, none is a link, and no one else can write to them; no one else may read the key either. The key (32
 * random bytes in a file only its owner can read) authenticates every entry, so someone who can put a file in the
 * folder still cannot make one that will be used.
 */
final class CacheFolder {
    static final String KEY = "key";
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> OTHERS_ANY = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;
    private final String me = System.getProperty("user.name");

    CacheFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Why the folder cannot be used ("it is a symbolic link", "it is owned by …", "others can write to it"), or null;
     * with {@code create}, a missing folder is made, readable and writable by this user only.
     */
    String folderRefusal(boolean create) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (!create) return "it does not exist yet";
                if (dir.getParent() != null) Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return refusal(dir, "it", true, OTHERS_WRITE);
        } catch (FileAlreadyExistsException raced) {
            try {
                return refusal(dir, "it", true, OTHERS_WRITE);
            } catch (IOException | UnsupportedOperationException e) {
                return "its owner and permissions cannot be checked (" + e.getMessage() + ")";
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "its owner and permissions cannot be checked (" + e.getMessage() + ")";
        }
    }

    /** Why an entry of the folder cannot be trusted (a link, someone else's, writable by others), or null. */
    String fileRefusal(Path file) {
        try {
            return refusal(file, "its entry " + file.getFileName(), false, OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return "its owner and permissions cannot be checked (" + e.getMessage() + ")";
        }
    }

    /**
     * The key, or null when there is none (and {@code create} is false) or it cannot be trusted; {@code problem}
     * receives why. A new key is written under a name of its own and linked into place, so two runs starting at
     * once never replace each other's key.
     */
    byte[] key(boolean create, StringBuilder problem) {
        Path key = dir.resolve(KEY);
        try {
            if (!Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
                if (!create) return null;
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                Path tmp = Files.createTempFile(dir, ".key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.write(tmp, fresh);
                    Files.createLink(key, tmp);
                } catch (FileAlreadyExistsException raced) {
                    // another run made the key first: use theirs, checked below
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            String why = refusal(key, "its key file", false, OTHERS_ANY);
            if (why != null) {
                problem.append(why);
                return null;
            }
            byte[] bytes = Files.readAllBytes(key);
            if (bytes.length != KEY_BYTES) {
                problem.append("its key file is not a key (").append(bytes.length).append(" bytes)");
                return null;
            }
            return bytes;
        } catch (IOException | UnsupportedOperationException e) {
            problem.append("its key cannot be read or made (").append(e.getMessage()).append(')');
            return null;
        }
    }

    /** Why {@code p} cannot be trusted, as a clause about {@code what} ("it", "its key file"), or null. */
    private String refusal(Path p, String what, boolean folder, Set<PosixFilePermission> refused) throws IOException {
        if (Files.isSymbolicLink(p)) return what + " is a symbolic link";
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (folder ? !a.isDirectory() : !a.isRegularFile()) {
            return what + (folder ? " is not a folder" : " is not a regular file");
        }
        if (!a.owner().getName().equals(me)) return what + " is owned by " + a.owner().getName() + ", not " + me;
        for (PosixFilePermission perm : a.permissions()) {
            if (refused.contains(perm)) {
                return refused == OTHERS_ANY ? "others can read or write " + what + " (expected rw-------)"
                        : "others can write to " + what;
            }
        }
        return null;
    }
}
