package org.assessor.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds fixtures: the folders holding an {@code evidence.json}. */
public final class Fixtures {
    private Fixtures() {}

    /** Every fixture folder under {@code root} (or {@code root} itself if it is one), in path order. */
    public static List<Path> under(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve(EvidenceLoader.EVIDENCE_FILE))) return List.of(root);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals(EvidenceLoader.EVIDENCE_FILE))
                    .map(Path::getParent).sorted().toList();
        }
    }
}
