package io.trustregistry.core.service;

import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.DeleteArtifactUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.content.BlobCollector;

/**
 * Deletes an artifact's catalog record. Its audit trail is kept (append-only history), but is
 * no longer reachable through the artifact. Its blobs stay until the {@link BlobCollector}
 * finds them unreferenced (off the request path), and models that depended on it are re-rated.
 */
public final class DeleteArtifactService implements DeleteArtifactUseCase {

    private final ArtifactCatalog catalog;
    private final RatingService ratings;

    public DeleteArtifactService(ArtifactCatalog catalog, RatingService ratings) {
        this.catalog = catalog;
        this.ratings = ratings;
    }

    @Override
    public void delete(Principal caller, ArtifactType type, ArtifactId id) {
        AccessGuard.require(caller, Permission.UPLOAD);
        ArtifactRecord deleted = ArtifactLookup.require(catalog, type, id);
        if (!catalog.delete(id)) {
            throw new NotFoundException("no " + type.wireName() + " artifact has id " + id);
        }
        ratings.refreshDependentsOf(deleted);
    }
}
