package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;

/**
 * One scalar trust metric: a pure, deterministic function of {@link RatingInputs} into [0, 1]
 * (reviewedness alone may answer -1, "not applicable"). Implementations hold no state.
 */
public interface Metric {

    /** Which metric of the catalogue this computes. */
    MetricId id();

    /** The score for {@code inputs}. */
    double score(RatingInputs inputs);

    /** Clamps {@code value} into [0, 1]. */
    static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    /** log10(count + 1) / decades, clamped: 10^decades and more score 1. */
    static double logScale(long count, double decades) {
        return count <= 0 ? 0 : clamp(Math.log10(count + 1.0) / decades);
    }
}
