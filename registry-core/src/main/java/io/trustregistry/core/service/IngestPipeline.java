package io.trustregistry.core.service;

import io.trustregistry.core.bundle.BundleIngester;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.StoredBundle;

/**
 * The steps register and update share, in order: resolve the source (done by the caller,
 * which knows the URL), rate a model, apply the rating gate, store the files. Nothing is
 * committed here: the caller inserts or conditionally updates the record, and releases the
 * new bundle with {@link #abandon} if that fails, so a failed update leaves the previous
 * version exactly as it was.
 */
final class IngestPipeline {

    private final RatingService ratings;
    private final BundleIngester bundles;
    private final BlobJanitor janitor;

    IngestPipeline(RatingService ratings, BundleIngester bundles, BlobJanitor janitor) {
        this.ratings = ratings;
        this.bundles = bundles;
        this.janitor = janitor;
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
        return record.withBundle(bundle);
    }

    /** Releases the files of a record that was never committed. */
    void abandon(ArtifactRecord uncommitted) {
        uncommitted.bundle().ifPresent(janitor::release);
    }
}
