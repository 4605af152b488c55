package io.trustregistry.core.service;

import io.trustregistry.core.error.RatingUnavailableException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.RateModelUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;

/**
 * Serves the rating stored with a model. Until the rating pipeline computes ratings at ingest,
 * there is none to serve, and the answer says so instead of inventing numbers.
 */
public final class RateModelService implements RateModelUseCase {

    private final ArtifactCatalog catalog;

    public RateModelService(ArtifactCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public ModelRating rate(Principal caller, ArtifactId modelId) {
        AccessGuard.require(caller, Permission.SEARCH);
        ArtifactLookup.require(catalog, ArtifactType.MODEL, modelId);
        throw new RatingUnavailableException("no rating has been computed for model " + modelId
                + ": this registry does not rate models yet");
    }
}
