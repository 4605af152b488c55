package io.trustregistry.core.port.in;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Principal;

/** Reads one artifact ({@code GET /artifacts/{type}/{id}}). Needs {@code search}. */
public interface GetArtifactUseCase {

    /**
     * @throws io.trustregistry.core.error.NotFoundException if no artifact of that type has the id
     */
    ArtifactRecord get(Principal caller, ArtifactType type, ArtifactId id);
}
