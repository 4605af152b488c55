package io.trustregistry.core.port.out;

import io.trustregistry.core.model.ArtifactId;

/**
 * Mints artifact ids. Ids must be unique with overwhelming probability across processes; the
 * catalog still rejects a duplicate, and callers retry. Ids that sort in creation order make
 * enumeration read in registration order. Thread-safe.
 */
public interface IdGenerator {

    /** A new id, never returned before by this generator. */
    ArtifactId next();
}
