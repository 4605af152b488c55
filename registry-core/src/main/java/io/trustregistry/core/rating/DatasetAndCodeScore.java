package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
/**
 * Whether the model's training data and example code are documented and available: half for
 * data, half for code. A registered linked dataset (or code repository) earns its half in
 * full; one only named in the card (or linked from the README) earns 0.2 of it, because the
 * registry cannot vouch for what it does not hold.
 */
public final class DatasetAndCodeScore implements Metric {

    @Override
    public MetricId id() {
        return MetricId.DATASET_AND_CODE_SCORE;
    }

    @Override
    public double score(RatingInputs inputs) {
        var evidence = inputs.model().evidence();
        double data = !inputs.datasets().isEmpty() ? 0.5 : evidence.datasetReferences().isEmpty() ? 0 : 0.2;
        double code = !inputs.code().isEmpty() ? 0.5 : evidence.codeReferences().isEmpty() ? 0 : 0.2;
        return Metric.clamp(data + code);
    }
}
