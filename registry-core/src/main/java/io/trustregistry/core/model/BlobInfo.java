package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored blob: its content address, size in bytes, and when it was last written (a commit
 * of bytes already stored counts as a write: the garbage collector's grace window runs from it).
 */
public record BlobInfo(Digest digest, long size, Instant lastWritten) {
    public BlobInfo {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(lastWritten, "lastWritten");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
