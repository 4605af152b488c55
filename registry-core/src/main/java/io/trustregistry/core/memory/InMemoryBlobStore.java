package io.trustregistry.core.memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.BlobUpload;

/**
 * Blobs held in this process's heap: for tests and small embedded uses. Unlike the durable
 * stores it necessarily keeps whole blobs in memory. Cannot presign.
 */
public final class InMemoryBlobStore implements BlobStore {

    private final Map<String, byte[]> blobs = new ConcurrentSkipListMap<>();
    private final Map<String, Instant> written = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.time.InstantSource clock;

    /** A store on the system clock. */
    public InMemoryBlobStore() {
        this(java.time.InstantSource.system());
    }

    /** A store whose write times come from {@code clock}. */
    public InMemoryBlobStore(java.time.InstantSource clock) {
        this.clock = clock;
    }

    private BlobInfo info(String hex, byte[] bytes) {
        return new BlobInfo(new Digest(hex), bytes.length, written.getOrDefault(hex, Instant.EPOCH));
    }

    @Override
    public BlobUpload newUpload() {
        return new Upload();
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        byte[] bytes = blobs.get(digest.hex());
        return bytes == null ? Optional.empty() : Optional.of(info(digest.hex(), bytes));
    }

    @Override
    public InputStream open(Digest digest, long offset) {
        byte[] bytes = blobs.get(digest.hex());
        if (bytes == null) {
            throw new NotFoundException("no blob " + digest);
        }
        if (offset < 0 || offset > bytes.length) {
            throw new IllegalArgumentException("offset " + offset + " outside 0.." + bytes.length);
        }
        return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
    }

    @Override
    public boolean delete(Digest digest) {
        written.remove(digest.hex());
        return blobs.remove(digest.hex()) != null;
    }

    @Override
    public Optional<URI> presignedGetUrl(Digest digest, Duration ttl) {
        return Optional.empty();
    }

    @Override
    public void scan(Predicate<BlobInfo> visitor) {
        for (Map.Entry<String, byte[]> entry : blobs.entrySet()) {
            if (!visitor.test(info(entry.getKey(), entry.getValue()))) {
                return;
            }
        }
    }

    @Override
    public ComponentHealth checkHealth() {
        long bytes = blobs.values().stream().mapToLong(b -> b.length).sum();
        return new ComponentHealth("blob-store", "Blob store (memory)", "Artifact bundles, held in this process's memory",
                HealthStatus.OK, Instant.now(), Map.of("blobs", blobs.size(), "bytes", bytes, "backend", "memory"),
                List.of());
    }

    private final class Upload implements BlobUpload {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public OutputStream stream() {
            return buffer;
        }

        @Override
        public BlobInfo publish(Digest digest) {
            byte[] bytes = buffer.toByteArray();
            // content-addressed: a blob already stored under this digest holds these very bytes
            written.put(digest.hex(), clock.instant());
            blobs.computeIfAbsent(digest.hex(), key -> bytes);
            return info(digest.hex(), bytes);
        }

        @Override
        public void discard() {
            buffer.reset();
        }
    }
}
