package io.trustregistry.adapter.filesystem;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.BlobUpload;

/**
 * Blobs as files named by their SHA-256 under {@code blobs/sha256/<first two hex>/}. An upload
 * streams into a temporary file, is forced to disk, and is renamed into place only on publish:
 * a blob file, once visible, is complete.
 */
public final class FileBlobStore implements BlobStore {

    private final DataDirectory directory;
    private final Path blobs;

    public FileBlobStore(DataDirectory directory) {
        this.directory = directory;
        this.blobs = directory.resolve("blobs/sha256");
    }

    Path fileOf(Digest digest) {
        return blobs.resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    @Override
    public BlobUpload newUpload() {
        Path temp = null;
        try {
            temp = directory.files().newTempFile();
            return new Upload(temp);
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // tmp/ is emptied at every start
                }
            }
            throw directory.failure("start a blob upload", e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        try {
            Path file = fileOf(digest);
            return Optional.of(new BlobInfo(digest, Files.size(file), Files.getLastModifiedTime(file).toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw directory.failure("stat blob " + digest, e);
        }
    }

    @Override
    public InputStream open(Digest digest, long offset) {
        FileChannel channel;
        try {
            channel = FileChannel.open(fileOf(digest), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no blob " + digest);
        } catch (IOException e) {
            throw directory.failure("open blob " + digest, e);
        }
        try {
            long size = channel.size();
            if (offset < 0 || offset > size) {
                channel.close();
                throw new IllegalArgumentException("offset " + offset + " outside 0.." + size);
            }
            channel.position(offset);
            return Channels.newInputStream(channel);
        } catch (IOException e) {
            throw directory.failure("read blob " + digest, e);
        }
    }

    @Override
    public boolean delete(Digest digest) {
        try {
            return directory.files().delete(fileOf(digest));
        } catch (IOException e) {
            throw directory.failure("delete blob " + digest, e);
        }
    }

    @Override
    public Optional<URI> presignedGetUrl(Digest digest, Duration ttl) {
        return Optional.empty();
    }

    @Override
    public void scan(Predicate<BlobInfo> visitor) {
        try (Stream<Path> files = Files.walk(blobs, 2)) {
            Iterator<Path> it = files.filter(Files::isRegularFile).iterator();
            while (it.hasNext()) {
                Path file = it.next();
                String name = AtomicFiles.nameOf(file);
                if (Digest.isWellFormed(name) && !visitor.test(new BlobInfo(new Digest(name), Files.size(file),
                        Files.getLastModifiedTime(file).toInstant()))) {
                    return;
                }
            }
        } catch (IOException e) {
            throw directory.failure("list blobs", e);
        }
    }

    @Override
    public ComponentHealth checkHealth() {
        return FilesystemHealth.probe(directory, "blob-store", "Blob store (local disk)",
                "Artifact bundles, content-addressed by SHA-256, in the data directory", Map.of(), List.of(), HealthStatus.OK,
                Instant.now());
    }

    /**
     * Refreshes the write time of a blob already stored (the same bytes written again: a
     * collection running meanwhile must spare them); false if there is none, or it just went.
     */
    private static boolean refreshed(Path target) throws IOException {
        try {
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException absent) {
            return false;
        }
    }

    /** Bytes staged in a temporary file of the data directory, renamed into place on publish. */
    private final class Upload implements BlobUpload {
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream stream;
        private boolean ended;

        Upload(Path temp) throws IOException {
            this.temp = temp;
            this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public BlobInfo publish(Digest digest) {
            try {
                stream.flush();
                channel.force(true);
                channel.close();
                ended = true;
                long size = Files.size(temp);
                Path target = fileOf(digest);
                if (refreshed(target)) {
                    Files.deleteIfExists(temp);
                } else {
                    directory.files().publish(temp, target);
                }
                return new BlobInfo(digest, size, Files.getLastModifiedTime(target).toInstant());
            } catch (IOException e) {
                ended = false;
                discard();
                throw directory.failure("commit a blob", e);
            }
        }

        @Override
        public void discard() {
            if (ended) {
                return;
            }
            ended = true;
            try {
                channel.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw directory.failure("discard a blob upload", e);
            }
        }
    }
}
