package io.trustregistry.core.service;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.RateModelUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;

/**
 * Serves the rating stored with a model: a read, so any number of concurrent calls get the
 * same snapshot. A model stored before ratings existed is rated once, on its first request,
 * and the result stored.
 */
public final class RateModelService implements RateModelUseCase {

    private final ArtifactCatalog catalog;
    private final RatingService ratings;
    private final Auditor auditor;

    public RateModelService(ArtifactCatalog catalog, RatingService ratings, Auditor auditor) {
        this.catalog = catalog;
        this.ratings = ratings;
        this.auditor = auditor;
    }

    @Override
    public ModelRating rate(Principal caller, ArtifactId modelId) {
        AccessGuard.require(caller, Permission.SEARCH);
        ArtifactRecord model = ArtifactLookup.require(catalog, ArtifactType.MODEL, modelId);
        ModelRating rating = model.rating().orElseGet(() -> rateLegacy(model));
        auditor.record(caller, model.metadata(), AuditAction.RATE);
        return rating;
    }

    private ModelRating rateLegacy(ArtifactRecord model) {
        ModelRating rating = ratings.rate(model);
        try {
            catalog.update(model.withRating(rating).nextRevision(), model.revision());
        } catch (ConflictException raced) {
            // another request stored one meanwhile; this answer is equally valid
        }
        return rating;
    }
}
