package io.trustregistry.adapter.filesystem;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import io.trustregistry.core.error.DependencyUnavailableException;

/**
 * The registry's directory on local disk, held under an exclusive lock for as long as it is
 * open. Layout:
 * <pre>
 *   .lock                     lock file, holds the owner's process id
 *   artifacts/&lt;id&gt;.json       one document per artifact
 *   users/&lt;sha256(name)&gt;.json one document per user
 *   tokens/&lt;token id&gt;.json    one document per issued token
 *   audit/&lt;id&gt;.jsonl          one append-only file per artifact
 *   blobs/sha256/ab/&lt;digest&gt;  content-addressed blobs
 *   tmp/                      temporary files, emptied at every open
 * </pre>
 */
public final class DataDirectory implements Closeable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final AtomicFiles files;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock, CrashPoint crashPoint) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.files = new AtomicFiles(root.resolve("tmp"), crashPoint);
    }

    /** Opens (creating if needed) and locks the directory. */
    public static DataDirectory open(Path root) {
        return open(root, CrashPoint.NONE);
    }

    /**
     * Opens and locks the directory, using {@code crashPoint} in every atomic write.
     *
     * @throws DataDirectoryLockedException if another process (or another open in this one) holds it
     */
    public static DataDirectory open(Path root, CrashPoint crashPoint) {
        Path absolute = root.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute);
            channel = FileChannel.open(absolute.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String owner = readOwner(channel);
                channel.close();
                throw new DataDirectoryLockedException("the data directory " + absolute + " is in use by another"
                        + " registry process" + owner + "; stop it, or point this one at another directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
                    0);
            channel.force(true);
            DataDirectory directory = new DataDirectory(absolute, channel, lock, crashPoint);
            directory.prepare();
            return directory;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DependencyUnavailableException("cannot open the data directory " + absolute + ": " + e, e);
        }
    }

    private void prepare() throws IOException {
        for (String dir : new String[] {"artifacts", "batches", "transactions", "users", "tokens", "audit",
            "blobs/sha256", "tmp"}) {
            Files.createDirectories(root.resolve(dir));
        }
        // whatever is in tmp/ belongs to writes a crash interrupted: none of it was committed
        try (Stream<Path> leftovers = Files.list(root.resolve("tmp"))) {
            leftovers.forEach(AtomicFiles::deleteRecursively);
        }
    }

    private static String readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int n = channel.read(buffer, 0);
            String pid = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** The directory itself. */
    public Path root() {
        return root;
    }

    /** A subdirectory by its layout name. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** The atomic-write helper bound to this directory's tmp/. */
    public AtomicFiles files() {
        return files;
    }

    /** Whether this instance still holds the lock. */
    public boolean isLocked() {
        return lock.isValid();
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the original error matters more
            }
        }
    }

    /** Wraps an I/O failure as the unavailability of this directory. */
    DependencyUnavailableException failure(String action, IOException e) {
        if (isDiskFull(e)) {
            return new DependencyUnavailableException(diskFullMessage(action), e);
        }
        return new DependencyUnavailableException("local storage failed to " + action + " in " + root + ": " + e, e);
    }

    /** The message of a full disk, for the client and the operator alike. */
    String diskFullMessage(String action) {
        return "the data directory's disk is full (no space left on device under REGISTRY_DATA_DIR " + root
                + " while trying to " + action + "): requests that write there answer 503 until space is freed"
                + " (registrations at once, any call once its token's reserved uses, recorded there, run out), and"
                + " nothing half-written is kept; free space on that disk or enlarge it, and the registry resumes by"
                + " itself";
    }

    /** ENOSPC (or a quota), as the JDK reports it on Linux, macOS and Windows. */
    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.getMessage();
            if (text != null && (text.contains("No space left on device") || text.contains("Disk quota exceeded")
                    || text.contains("not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }
}
