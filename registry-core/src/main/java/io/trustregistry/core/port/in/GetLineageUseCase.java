package io.trustregistry.core.port.in;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.LineageGraph;
import io.trustregistry.core.model.Principal;

/**
 * The lineage graph of a model ({@code GET /artifact/model/{id}/lineage}): registered ancestors
 * and descendants found through structured metadata, the model itself included. Needs {@code search}.
 */
public interface GetLineageUseCase {

    /**
     * @throws io.trustregistry.core.error.NotFoundException if no model has the id
     */
    LineageGraph lineage(Principal caller, ArtifactId modelId);
}
