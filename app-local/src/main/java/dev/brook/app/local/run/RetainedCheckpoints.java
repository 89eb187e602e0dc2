package dev.brook.app.local.run;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;

/**
 * The checkpoints a local job retains under the data dir (job id / chk-n / _metadata): a run that dies
 * resumes from the newest; a run that stops with a savepoint discards them all.
 */
public final class RetainedCheckpoints {

    private final Path directory;

    public RetainedCheckpoints(Path directory) {
        this.directory = directory;
    }

    /** The newest completed checkpoint, if any: one whose {@code _metadata} was written. */
    public Optional<String> latest() throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (var found = Files.find(directory, 3, (path, attributes) ->
                path.getFileName().toString().equals("_metadata") && path.getParent().getFileName().toString().startsWith("chk-"))) {
            return found.max(Comparator.comparingLong(path -> path.toFile().lastModified()))
                    .map(metadata -> metadata.getParent().toUri().toString());
        }
    }

    /**
     * Deletes every retained checkpoint once a savepoint supersedes them, so that any checkpoint found at the
     * next start belongs to a run that died after this one. Flink may still be removing a subsumed or aborted
     * checkpoint on its own threads when the job has ended, so what vanishes during the walk is skipped.
     */
    public void discard() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        Files.walkFileTree(directory, new DeletingVisitor(directory));
    }

    /** Deletes depth first and keeps the root; a file or directory already gone is not an error. */
    static final class DeletingVisitor extends SimpleFileVisitor<Path> {

        private final Path root;

        DeletingVisitor(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
            if (failure instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw failure;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
            if (failure != null && !(failure instanceof NoSuchFileException)) {
                throw failure;
            }
            if (!directory.equals(root)) {
                Files.deleteIfExists(directory);
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
