package io.trustregistry.core.service;

import io.trustregistry.core.bundle.BundleIngester;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.StoredBundle;
import io.trustregistry.core.content.BlobCollector;

/**
 * The steps register and update share, in order: resolve the source (done by the caller,
 * which knows the URL), rate a model, apply the rating gate, store the files. Nothing is
 * committed here: the caller inserts or conditionally updates the record, then calls
 * {@link #committed} or, if that failed, {@link #abandon}, so a failed update leaves the
 * previous version exactly as it was. Until then the new bundle's blobs are pinned against the
 * {@link BlobCollector}; an abandoned bundle's blobs are collected later like any garbage.
 */
final class IngestPipeline {

    private final RatingService ratings;
    private final BundleIngester bundles;
    private final BlobCollector collector;

    IngestPipeline(RatingService ratings, BundleIngester bundles, BlobCollector collector) {
        this.ratings = ratings;
        this.bundles = bundles;
        this.collector = collector;
    }

    /**
     * Rates (models only), gates and stores {@code prepared}; the result carries its rating and
     * bundle and is ready to commit.
     *
     * @throws io.trustregistry.core.error.RatingRejectedException when the gate refuses the model,
     *         before any file is fetched
     */
    ArtifactRecord rateGateAndStore(ArtifactRecord prepared) {
        ArtifactRecord record = prepared;
        if (record.type() == ArtifactType.MODEL) {
            ModelRating rating = ratings.rate(record);
            ratings.enforceGate(rating, ratings.hasRegisteredParents(record));
            record = record.withRating(rating);
        }
        StoredBundle bundle = bundles.ingest(record.type(), record.evidence());
        collector.pin(bundle);
        return record.withBundle(bundle);
    }

    /** The record holding the bundle is stored: its blobs are referenced now. */
    void committed(ArtifactRecord stored) {
        stored.bundle().ifPresent(collector::unpin);
    }

    /** The record was never stored: its blobs are garbage, for the collector to take. */
    void abandon(ArtifactRecord uncommitted) {
        uncommitted.bundle().ifPresent(collector::unpin);
    }
}
