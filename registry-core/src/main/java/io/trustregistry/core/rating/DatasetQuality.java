package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.license.LicenseFamily;
import io.trustregistry.core.license.SpdxLicenses;
import io.trustregistry.core.model.ArtifactRecord;

/**
 * Quality of the best registered dataset the model links to:
 * <pre>
 *   0.35 × documentation   min(1, README words / 500), minus template placeholders
 * + 0.35 × adoption        log10(downloads + 1) / 6 (a million downloads scores 1)
 * + 0.15 × appreciation    log10(likes + 1) / 3
 * + 0.15 × a known license
 * </pre>
 * Without a registered linked dataset the score is 0.
 */
public final class DatasetQuality implements Metric {

    @Override
    public MetricId id() {
        return MetricId.DATASET_QUALITY;
    }

    @Override
    public double score(RatingInputs inputs) {
        return inputs.datasets().stream().mapToDouble(DatasetQuality::quality).max().orElse(0);
    }

    static double quality(ArtifactRecord dataset) {
        ReadmeFacts readme = ReadmeFacts.of(dataset.evidence().readme());
        double docs = Metric.clamp(readme.words() / 500.0 - 0.05 * readme.placeholders());
        double adoption = Metric.logScale(dataset.evidence().popularity().downloads(), 6);
        double appreciation = Metric.logScale(dataset.evidence().popularity().likes(), 3);
        double license = SpdxLicenses.classify(dataset.evidence().license()).family() == LicenseFamily.UNKNOWN ? 0 : 1;
        return Metric.clamp(0.35 * docs + 0.35 * adoption + 0.15 * appreciation + 0.15 * license);
    }
}
