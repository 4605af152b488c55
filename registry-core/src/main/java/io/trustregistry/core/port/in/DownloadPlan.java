package io.trustregistry.core.port.in;

import java.net.URI;
import java.util.Objects;

import io.trustregistry.core.content.StoredZip;
import io.trustregistry.core.model.ArtifactDownload;

/**
 * What a download answers, decided by the core and only written out by an inbound adapter:
 * one stored file as it is, a zip of stored entries, or a redirect to a URL the blob store
 * signed (checked: only for a file the caller may download, at least the configured size).
 */
public sealed interface DownloadPlan {

    /** A strong validator: equal for byte-identical answers. */
    String etag();

    /**
     * One file, served raw.
     *
     * @param entry    the file and its bytes
     * @param fileName the name to save it under
     */
    record RawFile(ArtifactDownload.Entry entry, String fileName, String etag) implements DownloadPlan {
        public RawFile {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(etag, "etag");
        }
    }

    /**
     * A zip of stored (uncompressed) entries, whose length is known before a byte is written.
     *
     * @param zip      the archive, writable from any offset
     * @param fileName the name to save it under
     */
    record Zip(StoredZip zip, String fileName, String etag) implements DownloadPlan {
        public Zip {
            Objects.requireNonNull(zip, "zip");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(etag, "etag");
        }
    }

    /**
     * Fetch the bytes from {@code location} instead (a presigned blob store URL, short-lived).
     */
    record Redirect(URI location, String etag) implements DownloadPlan {
        public Redirect {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(etag, "etag");
        }
    }
}
