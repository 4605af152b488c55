package io.trustregistry.core.port.in;

import java.util.Optional;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.DownloadAspect;
import io.trustregistry.core.model.Principal;

/**
 * The stored bundle of an artifact, for its {@code download_url}. Needs {@code download};
 * records a DOWNLOAD audit entry.
 */
public interface DownloadArtifactUseCase {

    /**
     * What the download of {@code aspect} (or, with {@code file}, of that one file of it)
     * answers: a zip of the aspect's stored files, the one file raw, or, for a file of at least
     * {@code RegistrySettings.downloadRedirectMinBytes} when redirects are on and the blob store
     * can presign, a redirect to a URL valid for {@code RegistrySettings.presignTtl}.
     *
     * @throws io.trustregistry.core.error.NotFoundException if no artifact of that type has the
     *         id, or the aspect holds no such file
     * @throws io.trustregistry.core.error.DependencyUnavailableException if the blob store cannot
     *         be read (checked before anything is answered)
     */
    DownloadPlan download(Principal caller, ArtifactType type, ArtifactId id, DownloadAspect aspect,
                          Optional<String> file);
}
