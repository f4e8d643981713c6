package dev.sieve.repr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One process's exclusive claim on one run of a study folder, so several processes can train one study at
 * once: an operating-system lock on a lock file ({@code runs/SCHEME/seed-S.lock}), held while the run trains.
 * The lock ends when the claim closes or its process dies, so a killed process leaves no stale claim. The
 * file is removed only once its run is complete ({@link #closeComplete}): a process that opened it just before
 * may still lock the removed file, and must then find the run complete. A claim held elsewhere in the same JVM
 * counts as held.
 */
public final class RunClaim implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunClaim(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims {@code file} (created with its folders if missing), or nothing when another process or claim holds it. */
    public static Optional<RunClaim> tryClaim(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new RunClaim(file, channel, lock));
        } catch (OverlappingFileLockException e) {
            channel.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Releases the claim of a run that is complete: removes the lock file, then releases the lock. */
    public void closeComplete() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            close();
        }
    }

    /** Releases the claim; the lock file stays (its run may be incomplete). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
