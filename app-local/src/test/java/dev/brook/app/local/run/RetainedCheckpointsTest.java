package dev.brook.app.local.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetainedCheckpointsTest {

    @TempDir
    Path checkpoints;

    @Test
    void theLatestIsTheNewestCheckpointWhoseMetadataWasWritten() throws IOException {
        Path older = completed("job-a", "chk-7", 1_000_000L);
        Path newer = completed("job-b", "chk-3", 2_000_000L);
        Files.createDirectories(checkpoints.resolve("job-b").resolve("chk-4"));

        assertThat(new RetainedCheckpoints(checkpoints).latest()).contains(newer.toUri().toString());
        assertThat(older).exists();
    }

    @Test
    void noDirectoryMeansNoCheckpointAndNothingToDiscard() throws IOException {
        RetainedCheckpoints none = new RetainedCheckpoints(checkpoints.resolve("absent"));

        assertThat(none.latest()).isEmpty();
        none.discard();
        assertThat(checkpoints.resolve("absent")).doesNotExist();
    }

    @Test
    void discardingEmptiesTheDirectoryAndKeepsIt() throws IOException {
        completed("job-a", "chk-1", 1_000_000L);
        completed("job-a", "chk-2", 2_000_000L);
        Files.createDirectories(checkpoints.resolve("job-a").resolve("shared"));

        new RetainedCheckpoints(checkpoints).discard();

        assertThat(checkpoints).isEmptyDirectory();
        assertThat(new RetainedCheckpoints(checkpoints).latest()).isEmpty();
    }

    @Test
    void whatFlinkRemovesDuringTheWalkIsSkippedNotAFailure() throws IOException {
        Path vanished = checkpoints.resolve("job-a").resolve("chk-18");
        var visitor = new RetainedCheckpoints.DeletingVisitor(checkpoints);

        assertThat(visitor.visitFileFailed(vanished, new NoSuchFileException(vanished.toString())))
                .isEqualTo(FileVisitResult.CONTINUE);
        assertThat(visitor.postVisitDirectory(vanished, new NoSuchFileException(vanished.toString())))
                .isEqualTo(FileVisitResult.CONTINUE);
        assertThat(visitor.postVisitDirectory(vanished, null)).isEqualTo(FileVisitResult.CONTINUE);
        assertThat(visitor.visitFile(vanished.resolve("_metadata"), null)).isEqualTo(FileVisitResult.CONTINUE);
    }

    @Test
    void anyOtherFailureDuringTheWalkIsReported() {
        Path locked = checkpoints.resolve("job-a");
        var visitor = new RetainedCheckpoints.DeletingVisitor(checkpoints);

        assertThatThrownBy(() -> visitor.visitFileFailed(locked, new AccessDeniedException(locked.toString())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> visitor.postVisitDirectory(locked, new AccessDeniedException(locked.toString())))
                .isInstanceOf(AccessDeniedException.class);
    }

    private Path completed(String job, String checkpoint, long modifiedMillis) throws IOException {
        Path directory = Files.createDirectories(checkpoints.resolve(job).resolve(checkpoint));
        Path metadata = Files.writeString(directory.resolve("_metadata"), "state");
        assertThat(metadata.toFile().setLastModified(modifiedMillis)).isTrue();
        return directory;
    }
}
