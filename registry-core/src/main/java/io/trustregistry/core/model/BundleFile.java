package io.trustregistry.core.model;

import java.util.Objects;

/**
 * One file of a stored bundle.
 *
 * @param path   path inside the bundle (the source's own path)
 * @param digest the blob holding its bytes
 * @param size   its size in bytes
 * @param crc32  its CRC-32, so downloads can be packaged without reading it twice
 * @param role   what it is
 */
public record BundleFile(String path, Digest digest, long size, long crc32, FileRole role) {
    public BundleFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(role, "role");
        if (size < 0 || crc32 < 0 || crc32 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("bad size or CRC-32");
        }
    }
}
