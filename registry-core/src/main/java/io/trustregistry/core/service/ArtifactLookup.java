package io.trustregistry.core.service;

import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.port.out.ArtifactCatalog;

/** Finds an artifact by type and id or reports it missing; a known id under another type is missing too. */
final class ArtifactLookup {

    private ArtifactLookup() {
    }

    static ArtifactRecord require(ArtifactCatalog catalog, ArtifactType type, ArtifactId id) {
        return catalog.find(id)
                .filter(record -> record.type() == type)
                .orElseThrow(() -> new NotFoundException("no " + type.wireName() + " artifact has id " + id));
    }
}
