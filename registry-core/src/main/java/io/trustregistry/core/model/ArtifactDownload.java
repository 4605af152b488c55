package io.trustregistry.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * What a download of an artifact consists of: stored files, each with its size, CRC-32 and a
 * way to stream it from any offset. The inbound adapter packages them (a zip over HTTP).
 *
 * @param artifact the artifact downloaded
 * @param aspect   which part of it
 * @param entries  the files, in order
 * @param etag     a strong validator: equal for byte-identical downloads
 */
public record ArtifactDownload(ArtifactRecord artifact, DownloadAspect aspect, List<Entry> entries, String etag) {

    public ArtifactDownload {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(aspect, "aspect");
        Objects.requireNonNull(etag, "etag");
        entries = List.copyOf(entries);
    }

    /** Opens an entry's bytes from an offset; each call gives a fresh stream the caller closes. */
    @FunctionalInterface
    public interface Content {
        InputStream open(long offset) throws IOException;
    }

    /**
     * One file of the download.
     *
     * @param path    path inside the download
     * @param size    its size in bytes
     * @param crc32   its CRC-32
     * @param digest  the blob holding it
     * @param content its bytes
     */
    public record Entry(String path, long size, long crc32, Digest digest, Content content) {
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(content, "content");
        }
    }
}
