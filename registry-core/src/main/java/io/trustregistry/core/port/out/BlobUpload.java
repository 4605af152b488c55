package io.trustregistry.core.port.out;

import java.io.OutputStream;

import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.Digest;

/**
 * Bytes a {@link BlobStore} is staging, not yet visible (CNCF Distribution's {@code FileWriter}
 * without its bookkeeping). The core's {@link io.trustregistry.core.content.ContentStore} drives
 * it: it computes the SHA-256 and the size, refuses a wrong digest and keeps the writer's state,
 * so a driver only stages bytes and names them. One upload, one thread; the content store calls
 * {@link #publish} or {@link #discard} once, and may call {@code discard} again after a failure.
 */
public interface BlobUpload {

    /**
     * Where the staged bytes go. The content store never closes it; the driver releases it in
     * {@code publish} or {@code discard}.
     */
    OutputStream stream();

    /**
     * Makes the staged bytes visible under {@code digest}, which the caller computed from them.
     * If a blob with that digest exists already the store keeps one copy and refreshes its
     * {@link BlobInfo#lastWritten()} to now, so a garbage collection running meanwhile spares it.
     * A blob key only ever holds complete bytes: a failure, or a crash at any point, leaves the
     * old state (no blob, or the blob as it was).
     *
     * @return the digest, size and write time of the blob
     * @throws io.trustregistry.core.error.DependencyUnavailableException if the backend failed;
     *         nothing was published and the staged bytes are discarded
     */
    BlobInfo publish(Digest digest);

    /** Drops the staged bytes and what holds them. Idempotent; a no-op after {@code publish}. */
    void discard();
}
