package io.trustregistry.core.port.in;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.Principal;

/** Serves a model's stored rating ({@code GET /artifact/model/{id}/rate}). Needs {@code search}. */
public interface RateModelUseCase {

    /**
     * @throws io.trustregistry.core.error.NotFoundException if no model has the id
     * @throws io.trustregistry.core.error.RatingUnavailableException if no rating exists for it
     */
    ModelRating rate(Principal caller, ArtifactId modelId);
}
