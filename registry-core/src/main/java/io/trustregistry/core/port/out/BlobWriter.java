package io.trustregistry.core.port.out;

import java.io.Closeable;
import java.io.OutputStream;

import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.Digest;

/**
 * An in-progress blob upload (after CNCF Distribution's {@code FileWriter}): bytes go to
 * {@link #stream()}, and nothing becomes visible in the store until {@link #commit} succeeds.
 * Not thread-safe: one writer, one thread.
 */
public interface BlobWriter extends Closeable {

    /** Where the blob's bytes are written. Closing this stream does not commit. */
    OutputStream stream();

    /** Bytes written so far. */
    long written();

    /**
     * Publishes the written bytes under their SHA-256. If a blob with that digest exists
     * already the store keeps one copy (content addressing makes that idempotent) and refreshes
     * its {@link BlobInfo#lastWritten()}, so a collection running meanwhile spares it.
     *
     * @return the digest and size of the blob
     * @throws IllegalStateException if the writer was already committed or cancelled
     * @throws io.trustregistry.core.error.DependencyUnavailableException if the store failed;
     *         nothing was published
     */
    BlobInfo commit();

    /**
     * As {@link #commit()}, but refuses to publish bytes whose digest is not {@code expected}.
     *
     * @throws io.trustregistry.core.error.InvalidRequestException on a mismatch; nothing is
     *         published and the writer is cancelled
     */
    BlobInfo commit(Digest expected);

    /** Discards everything written. Idempotent; a no-op after {@code commit}. */
    void cancel();

    /** Cancels unless committed. */
    @Override
    void close();
}
