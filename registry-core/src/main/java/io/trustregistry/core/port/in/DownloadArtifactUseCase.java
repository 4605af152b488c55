package io.trustregistry.core.port.in;

import io.trustregistry.core.model.ArtifactDownload;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;

/**
 * The stored bundle of an artifact, for its {@code download_url}. Needs {@code download};
 * records a DOWNLOAD audit entry.
 */
public interface DownloadArtifactUseCase {

    /**
     * @throws io.trustregistry.core.error.NotFoundException if no artifact of that type has the id
     */
    ArtifactDownload download(Principal caller, ArtifactType type, ArtifactId id);
}
