package io.trustregistry.core.port.in;

import java.util.List;

import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.Principal;

/** Lists every artifact with exactly this name ({@code GET /artifact/byName/{name}}). Needs {@code search}. */
public interface FindArtifactsByNameUseCase {

    /**
     * @throws io.trustregistry.core.error.InvalidRequestException for an empty or reserved name
     * @throws io.trustregistry.core.error.NotFoundException when no artifact has the name
     */
    List<ArtifactMetadata> findByName(Principal caller, String name);
}
