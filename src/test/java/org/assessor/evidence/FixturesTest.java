package org.assessor.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A folder of a batch that cannot be read is one fixture that fails with its reason, and the walk goes on (these
 * tests run as any user, so the refusal a folder's permissions would give is handed to the walk directly); a link
 * that loops back still stops the walk.
 */
class FixturesTest {
    @Test
    void anUnreadableFolderIsCollectedAsAFixtureThatWillFailAndTheWalkGoesOn() throws Exception {
        var finder = new Fixtures.Finder();
        Path locked = Path.of("batch/locked");
        assertThat(finder.visitFileFailed(locked, new AccessDeniedException(locked.toString())))
                .isEqualTo(FileVisitResult.CONTINUE);
        assertThat(finder.found).containsExactly(locked);
    }

    @Test
    void aLinkThatLoopsBackStillStopsTheWalk() {
        var finder = new Fixtures.Finder();
        assertThatThrownBy(() -> finder.visitFileFailed(Path.of("batch/loop"), new FileSystemLoopException("batch/loop")))
                .hasMessageContaining("a link here leads back to a folder above it");
    }
}
