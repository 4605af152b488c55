package io.trustregistry.core.port.out;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.Digest;

/**
 * The driver for immutable, content-addressed bytes (MLflow's "artifact repository", CNCF
 * Distribution's storage driver narrowed to what a registry needs). A blob's name is the SHA-256
 * of its content, so writing the same bytes twice stores them once and a blob never changes.
 * A driver only stages, names, reads and deletes bytes: computing and checking digests and the
 * writer's state live once above every driver, in the core's
 * {@link io.trustregistry.core.content.ContentStore}, which is how the core writes.
 *
 * <p><b>Streaming.</b> Writes and reads are streams; no implementation holds a whole blob in
 * memory.
 *
 * <p><b>Thread-safety.</b> Safe for concurrent use; concurrent writers of the same content
 * both succeed and leave one blob. A reader that opened a blob keeps reading consistent bytes
 * even if the blob is deleted meanwhile, or fails with an I/O error; it never sees other data.
 *
 * <p><b>Deletion.</b> Nothing on a request's path deletes a blob: the core's garbage
 * collector ({@code BlobCollector}) deletes blobs no artifact references once they are older
 * than its grace window. So {@link BlobInfo#lastWritten()} must be the time of the last commit
 * of those bytes, including a commit of bytes already stored, which refreshes it.
 *
 * <p><b>Failures.</b> An unreachable backend raises
 * {@link io.trustregistry.core.error.DependencyUnavailableException}.
 */
public interface BlobStore {

    /**
     * Starts staging a new blob. The caller must {@link BlobUpload#publish} or
     * {@link BlobUpload#discard} it. A driver may make callers wait for a bounded resource (S3's
     * part buffers) and then fail.
     *
     * @throws io.trustregistry.core.error.DependencyUnavailableException if no upload can start
     */
    BlobUpload newUpload();

    /** Size of the blob, or empty when it does not exist. */
    Optional<BlobInfo> stat(Digest digest);

    /**
     * Opens the blob for reading from byte {@code offset}.
     *
     * @param offset 0 for the whole blob; must not exceed its size (equal gives an empty stream)
     * @throws io.trustregistry.core.error.NotFoundException if the blob does not exist
     * @throws IllegalArgumentException if {@code offset} is negative or beyond the end
     */
    InputStream open(Digest digest, long offset);

    /**
     * Deletes the blob. Idempotent.
     *
     * @return whether it existed
     */
    boolean delete(Digest digest);

    /**
     * A URL from which anyone holding it may GET the blob until {@code ttl} passes, when the
     * backend can issue one (S3); empty when it cannot (local disk, memory). Does not check
     * that the blob exists.
     */
    Optional<URI> presignedGetUrl(Digest digest, Duration ttl);

    /** Visits every stored blob until {@code visitor} returns {@code false}. */
    void scan(Predicate<BlobInfo> visitor);

    /** Checks that the backend answers, and how fast. Never throws. */
    ComponentHealth checkHealth();
}
