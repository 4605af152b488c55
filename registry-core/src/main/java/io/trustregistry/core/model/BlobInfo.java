package io.trustregistry.core.model;

import java.util.Objects;

/** A stored blob: its content address and size in bytes. */
public record BlobInfo(Digest digest, long size) {
    public BlobInfo {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
