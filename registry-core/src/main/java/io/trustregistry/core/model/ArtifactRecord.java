package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
 * @param rating    the trust rating computed at ingest (models only)
 * @param bundle    the files stored at ingest, if any were
 * @param sensitivity present when the model is sensitive: its downloads pass its monitor first
 */
public record ArtifactRecord(
        ArtifactMetadata metadata,
        String sourceUrl,
        SourceEvidence evidence,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long revision,
        Optional<ModelRating> rating,
        Optional<StoredBundle> bundle,
        Optional<Sensitivity> sensitivity) {

    public ArtifactRecord {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(sensitivity, "sensitivity");
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

    /** A new, unrated registration. */
    public static ArtifactRecord registered(ArtifactMetadata metadata, String sourceUrl, SourceEvidence evidence,
                                            String createdBy, Instant at) {
        return new ArtifactRecord(metadata, sourceUrl, evidence, createdBy, at, at, 1, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * This record after a re-ingest: new name, URL and evidence, next revision; rating and bundle to
     * be redone. A sensitive model stays sensitive, with its monitor.
     */
    public ArtifactRecord updatedWith(ArtifactName newName, String newUrl, SourceEvidence newEvidence, Instant at) {
        return new ArtifactRecord(new ArtifactMetadata(newName, id(), type()), newUrl, newEvidence,
                createdBy, createdAt, at, revision + 1, Optional.empty(), Optional.empty(), sensitivity);
    }

    /** This record with {@code newBundle}, same revision. */
    public ArtifactRecord withBundle(StoredBundle newBundle) {
        return new ArtifactRecord(metadata, sourceUrl, evidence, createdBy, createdAt, updatedAt, revision, rating,
                Optional.of(newBundle), sensitivity);
    }

    /** This record with {@code newRating}, same revision (the caller decides whether to bump it). */
    public ArtifactRecord withRating(ModelRating newRating) {
        return new ArtifactRecord(metadata, sourceUrl, evidence, createdBy, createdAt, updatedAt, revision,
                Optional.of(newRating), bundle, sensitivity);
    }

    /** The next revision of this record, otherwise unchanged. */
    public ArtifactRecord nextRevision() {
        return new ArtifactRecord(metadata, sourceUrl, evidence, createdBy, createdAt, updatedAt, revision + 1, rating,
                bundle, sensitivity);
    }

    /** The next revision of this record with {@code newSensitivity} (empty: not sensitive). */
    public ArtifactRecord withSensitivity(Optional<Sensitivity> newSensitivity) {
        return new ArtifactRecord(metadata, sourceUrl, evidence, createdBy, createdAt, updatedAt, revision + 1, rating,
                bundle, newSensitivity);
    }
}
