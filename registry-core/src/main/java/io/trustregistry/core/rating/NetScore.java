package io.trustregistry.core.rating;

import java.util.Map;

import io.trustregistry.core.model.MetricId;

/**
 * The weighted summary; the weights are {@link MetricId#weight()} (they sum to 1). Size counts
 * through its best device: a model that fits a server is deployable. A reviewedness of -1 (no
 * repository) is left out and the other weights are rescaled.
 */
public final class NetScore {

    private NetScore() {
    }

    /**
     * The net score of {@code scores} (size as its best device), weighted as the
     * {@link MetricId} catalogue says. Metrics absent from {@code scores}, and a reviewedness of
     * -1, are left out and the remaining weights rescaled.
     */
    public static double of(Map<MetricId, Double> scores) {
        double weighted = 0;
        double weights = 0;
        for (MetricId metric : MetricId.values()) {
            Double value = scores.get(metric);
            if (metric.weight() == 0 || value == null || value < 0) {
                continue;
            }
            weighted += metric.weight() * value;
            weights += metric.weight();
        }
        return weights == 0 ? 0 : Metric.clamp(Math.round(weighted / weights * 10_000) / 10_000.0);
    }
}
