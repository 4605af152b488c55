package io.trustregistry.core.port.in;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;

/** Deletes one artifact ({@code DELETE /artifacts/{type}/{id}}). Needs {@code upload}. */
public interface DeleteArtifactUseCase {

    /**
     * @throws io.trustregistry.core.error.NotFoundException if no artifact of that type has the id
     */
    void delete(Principal caller, ArtifactType type, ArtifactId id);
}
