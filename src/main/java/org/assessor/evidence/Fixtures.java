package org.assessor.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Finds fixtures: the folders holding an {@code evidence.json}. */
public final class Fixtures {
    private Fixtures() {}

    /**
     * Every fixture folder under {@code root} (or {@code root} itself if it is one), in path order. Links are followed,
     * so a linked fixture is found rather than silently skipped; a link that loops back is refused with its path.
     */
    public static List<Path> under(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve(EvidenceLoader.EVIDENCE_FILE))) return List.of(root);
        Finder finder = new Finder();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, finder);
        return finder.found.stream().sorted().toList();
    }

    /**
     * Collects fixture folders. A folder that cannot be read is collected too, as a fixture that fails with its
     * reason, so one unreadable folder is one failed item and the rest of a batch goes on; only a link looping back is
     * refused outright, since the walk could not end.
     */
    static final class Finder extends SimpleFileVisitor<Path> {
        final List<Path> found = new ArrayList<>();

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (file.getFileName().toString().equals(EvidenceLoader.EVIDENCE_FILE)) found.add(file.getParent());
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            // A folder named evidence.json is a fixture gone wrong: reported by the reader, never skipped.
            if (dir.getFileName() != null && dir.getFileName().toString().equals(EvidenceLoader.EVIDENCE_FILE)) {
                found.add(dir.getParent());
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
                throw new UncheckedIOException(file + ": a link here leads back to a folder above it, so the folder "
                        + "would be walked for ever; remove the link or point it elsewhere", e);
            }
            found.add(file);
            return FileVisitResult.CONTINUE;
        }
    }
}
