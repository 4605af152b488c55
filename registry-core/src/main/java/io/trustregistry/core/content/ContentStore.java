package io.trustregistry.core.content;

import java.util.Objects;

import io.trustregistry.core.port.out.BlobStore;

/**
 * How the core writes blobs: above any {@link BlobStore} driver, it computes each blob's SHA-256
 * while the bytes stream through, refuses bytes whose digest is not the one a source published,
 * and keeps each writer's state, so no driver re-implements any of it (as CNCF Distribution keeps
 * digests above its storage drivers). Reads go to the driver directly: it names blobs by digest.
 * Thread-safe; each writer belongs to one thread.
 */
public final class ContentStore {

    private final BlobStore driver;

    public ContentStore(BlobStore driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    /**
     * Starts a new upload. The caller must {@code commit} or {@code close} the writer.
     *
     * @throws io.trustregistry.core.error.DependencyUnavailableException if the driver cannot
     *         start one
     */
    public BlobWriter newWriter() {
        return new BlobWriter(driver.newUpload());
    }

    /** The driver underneath, for reads, stats and the collector. */
    public BlobStore driver() {
        return driver;
    }
}
