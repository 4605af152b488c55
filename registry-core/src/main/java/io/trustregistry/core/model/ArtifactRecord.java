package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One registered artifact as the catalog stores it.
 *
 * @param metadata  name, id and type
 * @param sourceUrl the URL the client registered, verbatim
 * @param evidence  what the source told us at the last ingest
 * @param createdBy name of the user who registered it
 * @param createdAt when it was registered
 * @param updatedAt when it was last registered or updated
 * @param revision  starts at 1 and grows by one with each update; used for optimistic locking
 */
public record ArtifactRecord(
        ArtifactMetadata metadata,
        String sourceUrl,
        SourceEvidence evidence,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long revision) {

    public ArtifactRecord {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1");
        }
    }

    public ArtifactId id() {
        return metadata.id();
    }

    public ArtifactName name() {
        return metadata.name();
    }

    public ArtifactType type() {
        return metadata.type();
    }

    /** This record after a re-ingest: new name, URL and evidence, next revision. */
    public ArtifactRecord updatedWith(ArtifactName newName, String newUrl, SourceEvidence newEvidence, Instant at) {
        return new ArtifactRecord(new ArtifactMetadata(newName, id(), type()), newUrl, newEvidence,
                createdBy, createdAt, at, revision + 1);
    }
}
