package io.trustregistry.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One file the source publishes.
 *
 * @param path   path inside the source repository, forward slashes
 * @param size   size in bytes, {@code -1} when the source does not say
 * @param sha256 lower-case hex SHA-256 when the source publishes one (LFS files), else empty
 */
public record SourceFile(String path, long size, Optional<String> sha256) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
