package io.trustregistry.core.content;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.port.out.BlobUpload;

/**
 * An in-progress blob upload (after CNCF Distribution's {@code FileWriter}): bytes go to
 * {@link #stream()}, and nothing becomes visible in the store until {@link #commit} succeeds.
 * The SHA-256, the byte count and the writer's state are kept here, once for every driver.
 * Not thread-safe: one writer, one thread.
 */
public final class BlobWriter implements Closeable {

    private enum State { OPEN, COMMITTED, CANCELLED }

    private final BlobUpload upload;
    private final MessageDigest sha256 = Digest.newSha256();
    private final Tally stream;
    private State state = State.OPEN;

    BlobWriter(BlobUpload upload) {
        this.upload = upload;
        this.stream = new Tally(upload.stream());
    }

    /** Where the blob's bytes are written. Closing this stream does not commit. */
    public OutputStream stream() {
        return stream;
    }

    /** Bytes written so far. */
    public long written() {
        return stream.count;
    }

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
    public BlobInfo commit() {
        return publish(null);
    }

    /**
     * As {@link #commit()}, but refuses to publish bytes whose digest is not {@code expected}.
     *
     * @throws InvalidRequestException on a mismatch; nothing is published and the writer is
     *         cancelled
     */
    public BlobInfo commit(Digest expected) {
        return publish(java.util.Objects.requireNonNull(expected, "expected"));
    }

    private BlobInfo publish(Digest expected) {
        ensureOpen();
        Digest actual = Digest.finish(sha256);
        if (expected != null && !expected.equals(actual)) {
            cancel();
            throw new InvalidRequestException("content digest " + actual + " does not match expected " + expected);
        }
        state = State.COMMITTED;
        try {
            return upload.publish(actual);
        } catch (RuntimeException | Error e) {
            upload.discard();
            throw e;
        }
    }

    /** Discards everything written. Idempotent; a no-op after {@code commit}. */
    public void cancel() {
        if (state == State.OPEN) {
            state = State.CANCELLED;
            upload.discard();
        }
    }

    /** Cancels unless committed. */
    @Override
    public void close() {
        cancel();
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("blob writer already " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Digests and counts what passes; refuses bytes once the writer is finished. */
    private final class Tally extends FilterOutputStream {
        private long count;

        Tally(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            out.write(b);
            sha256.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureOpen();
            out.write(b, off, len);
            sha256.update(b, off, len);
            count += len;
        }

        /** The caller closing its stream must not end the upload before commit: only flush. */
        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
