package io.trustregistry.adapter.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Crash-safe file primitives. A write goes to a temporary file in the same file system, is
 * forced to disk, renamed atomically over the target, and the directory is forced too: after
 * a crash at any point the target holds either its old content or its new content, never a
 * mixture, and a committed write is never lost.
 */
public final class AtomicFiles {

    private final Path tempDirectory;
    private final CrashPoint crashPoint;

    /**
     * @param tempDirectory where temporary files live; must be on the same file system as the
     *                      targets so renames are atomic
     * @param crashPoint    test hook; {@link CrashPoint#NONE} in production
     */
    public AtomicFiles(Path tempDirectory, CrashPoint crashPoint) {
        this.tempDirectory = tempDirectory;
        this.crashPoint = crashPoint;
    }

    /** Replaces {@code target}'s content with {@code content}, atomically and durably. */
    public void write(Path target, byte[] content) throws IOException {
        Path temp = newTempFile();
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                crashPoint.reached(CrashPoint.Step.TEMP_WRITTEN);
                channel.force(true);
            }
            crashPoint.reached(CrashPoint.Step.TEMP_SYNCED);
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Atomically moves a finished, synced temporary file over {@code target} and syncs the directory. */
    public void publish(Path temp, Path target) throws IOException {
        Files.createDirectories(parentOf(target));
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically; the data directory must be on a local"
                    + " POSIX file system", e);
        }
        crashPoint.reached(CrashPoint.Step.RENAMED);
        syncDirectory(parentOf(target));
        crashPoint.reached(CrashPoint.Step.DIRECTORY_SYNCED);
    }

    /** Deletes {@code target} if present and syncs its directory. Returns whether it existed. */
    public boolean delete(Path target) throws IOException {
        boolean existed = Files.deleteIfExists(target);
        if (existed) {
            syncDirectory(parentOf(target));
        }
        return existed;
    }

    /** A new empty file in the temporary directory. */
    public Path newTempFile() throws IOException {
        return Files.createFile(tempDirectory.resolve("tmp-" + UUID.randomUUID()));
    }

    /** Forces a directory's entries (creations, renames, deletions) to stable storage. */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse to open directories; their renames are then as durable as they get
            if (!(e instanceof NoSuchFileException) && !System.getProperty("os.name").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /**
     * Empties {@code directory} atomically from a reader's point of view: it is renamed away in
     * one step, an empty one takes its place, and the old content is deleted afterwards.
     */
    public void replaceWithEmpty(Path directory) throws IOException {
        Path trash = tempDirectory.resolve("trash-" + UUID.randomUUID());
        if (Files.exists(directory)) {
            Files.move(directory, trash, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.createDirectories(directory);
        syncDirectory(parentOf(directory));
        deleteRecursively(trash);
    }

    /** Deletes a file tree; missing paths are fine. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    /** The directory holding {@code path}, resolved against the working directory if relative. */
    static Path parentOf(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("a file system root has no directory to publish into: " + path);
        }
        return parent;
    }

    /** The last element of {@code path}, e.g. the file name; empty for a root. */
    static String nameOf(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }
}
