package io.trustregistry.core.port.in;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.trustregistry.core.model.ArtifactDownload;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.DownloadAspect;
import io.trustregistry.core.model.Principal;

/**
 * The stored bundle of an artifact, for its {@code download_url}. Needs {@code download};
 * records a DOWNLOAD audit entry.
 */
public interface DownloadArtifactUseCase {

    /**
     * @throws io.trustregistry.core.error.NotFoundException if no artifact of that type has the id
     */
    ArtifactDownload download(Principal caller, ArtifactType type, ArtifactId id, DownloadAspect aspect);

    /**
     * A URL from which the blob can be fetched directly (S3 presigned), if the blob store can
     * issue one; callers use it to redirect instead of proxying bytes.
     */
    Optional<URI> directUrl(Digest digest, Duration ttl);
}
