package io.trustregistry.core.model;

import java.util.Objects;

/**
 * One step of a batch the catalog applies all or nothing
 * ({@link io.trustregistry.core.port.out.ArtifactCatalog#apply}). Each step carries its
 * precondition, so a batch prepared from what was read fails whole when anything it read has
 * changed since.
 */
public sealed interface CatalogChange {

    /** The artifact the step touches. */
    ArtifactId id();

    /** Store a new artifact; its id must be free. */
    record Insert(ArtifactRecord record) implements CatalogChange {
        public Insert {
            Objects.requireNonNull(record, "record");
        }

        @Override
        public ArtifactId id() {
            return record.id();
        }
    }

    /** Replace an artifact whose stored revision is {@code expectedRevision}. */
    record Replace(ArtifactRecord record, long expectedRevision) implements CatalogChange {
        public Replace {
            Objects.requireNonNull(record, "record");
        }

        @Override
        public ArtifactId id() {
            return record.id();
        }
    }

    /** Delete an artifact whose stored revision is {@code expectedRevision}. */
    record Remove(ArtifactId id, long expectedRevision) implements CatalogChange {
        public Remove {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Change nothing, but fail the batch unless the artifact is still at {@code expectedRevision}. */
    record Unchanged(ArtifactId id, long expectedRevision) implements CatalogChange {
        public Unchanged {
            Objects.requireNonNull(id, "id");
        }
    }
}
