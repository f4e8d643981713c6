package dev.sieve.image.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file in the target's folder, which is then moved over the target in one atomic step. On any
 * failure, and when the JVM is stopped (SIGINT, SIGTERM) while writing, the temporary file is
 * removed and the target is left as it was. Only regular files are replaced: an existing folder,
 * device node, pipe or symbolic link as the target is refused, never renamed over.
 */
public final class AtomicFiles {
    /** Temporary files being written now; a shutdown hook removes those left when the JVM stops. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::removeInFlight, "sieve-temp-cleanup"));
    }

    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} to {@code target} atomically. */
    public static void write(Path target, Content content) throws IOException {
        checkTarget(target);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
        } catch (FileSystemException e) {
            throw new IOException(target + ": cannot write in folder " + dir + " (" + reason(e) + ")", e);
        }
        IN_FLIGHT.add(tmp);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            setPermissions(tmp, abs);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            IN_FLIGHT.remove(tmp);
        }
    }

    /**
     * Fails unless {@code target} can be written by {@link #write}: its folder exists and is
     * writable, and it is either absent or a regular file (not a folder, device node, pipe or
     * symbolic link). Commands call it before their work, so a bad output fails in a second.
     */
    public static void checkTarget(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + ": is a folder; give a file name");
            }
            if (!Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + ": exists and is not a regular file (a device, pipe or symbolic link);"
                        + " refusing to replace it");
            }
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(target + ": folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(target + ": folder " + dir + " is not writable");
        }
    }

    /**
     * {@link #checkTarget} and {@link #requireNotAnInput}: the check of an output before the work
     * that will write it.
     */
    public static void checkOutput(Path output, Path... inputs) throws IOException {
        checkTarget(output);
        requireNotAnInput(output, inputs);
    }

    private static void removeInFlight() {
        for (Path tmp : IN_FLIGHT) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // the JVM is stopping; nothing else can be done with this file
            }
        }
    }

    private static String reason(FileSystemException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    /** Gives the new file the permissions of the file it replaces, or rw-r--r-- (temp files start private). */
    private static void setPermissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            return;
        }
        Files.setPosixFilePermissions(tmp, Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Fails when {@code output} names the same file as any of {@code inputs} (or as another output
     * of the same command): Sieve never overwrites what it reads.
     */
    public static void requireNotAnInput(Path output, Path... inputs) throws IOException {
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            boolean same = Files.exists(output) && Files.exists(in)
                    ? Files.isSameFile(output, in)
                    : output.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize());
            if (same) {
                throw new IOException(output + ": refusing to overwrite an input file or another output of the same command");
            }
        }
    }
}
