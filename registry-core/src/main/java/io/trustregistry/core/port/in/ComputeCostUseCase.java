package io.trustregistry.core.port.in;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.CostReport;
import io.trustregistry.core.model.Principal;

/**
 * Download cost in MB ({@code GET /artifact/{type}/{id}/cost}), optionally with the dependency
 * closure: lineage parents and linked datasets and code that are registered. Needs {@code search}.
 */
public interface ComputeCostUseCase {

    /**
     * @throws io.trustregistry.core.error.NotFoundException if no artifact of that type has the id
     */
    CostReport cost(Principal caller, ArtifactType type, ArtifactId id, boolean withDependencies);
}
