package io.trustregistry.core.service;

import java.util.List;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.FindArtifactsByNameUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;

/** Exact, case-sensitive name lookup. */
public final class FindArtifactsByNameService implements FindArtifactsByNameUseCase {

    private final ArtifactCatalog catalog;

    public FindArtifactsByNameService(ArtifactCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<ArtifactMetadata> findByName(Principal caller, String name) {
        AccessGuard.require(caller, Permission.SEARCH);
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("the artifact name must not be empty");
        }
        if (ArtifactName.WILDCARD.equals(name)) {
            throw new InvalidRequestException("'*' is reserved; enumerate with POST /artifacts");
        }
        if (name.length() > ArtifactName.MAX_LENGTH) {
            throw new InvalidRequestException("artifact names are at most " + ArtifactName.MAX_LENGTH + " characters");
        }
        List<ArtifactMetadata> found = catalog.findByName(name).stream().map(ArtifactRecord::metadata).toList();
        if (found.isEmpty()) {
            throw new NotFoundException("no artifact is named '" + name + "'");
        }
        return found;
    }
}
