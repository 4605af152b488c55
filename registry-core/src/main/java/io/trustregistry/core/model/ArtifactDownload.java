package io.trustregistry.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * What a download of an artifact consists of: named entries, each with its size and a way to
 * stream its bytes. The inbound adapter packages them (as a zip, over HTTP).
 *
 * @param artifact the artifact downloaded
 * @param entries  the bundle's files, in order
 */
public record ArtifactDownload(ArtifactRecord artifact, List<Entry> entries) {

    public ArtifactDownload {
        Objects.requireNonNull(artifact, "artifact");
        entries = List.copyOf(entries);
    }

    /** Opens an entry's bytes; each call gives a fresh stream the caller closes. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * One file of the bundle.
     *
     * @param path    path inside the bundle
     * @param size    its size in bytes
     * @param content its bytes
     */
    public record Entry(String path, long size, Content content) {
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }
}
