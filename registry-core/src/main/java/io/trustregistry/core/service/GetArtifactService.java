package io.trustregistry.core.service;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.GetArtifactUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;

/** Reads one artifact. */
public final class GetArtifactService implements GetArtifactUseCase {

    private final ArtifactCatalog catalog;

    public GetArtifactService(ArtifactCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public ArtifactRecord get(Principal caller, ArtifactType type, ArtifactId id) {
        AccessGuard.require(caller, Permission.SEARCH);
        return ArtifactLookup.require(catalog, type, id);
    }
}
