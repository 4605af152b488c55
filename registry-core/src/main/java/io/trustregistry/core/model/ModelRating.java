package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's trust rating, computed once at ingest and stored with the artifact.
 *
 * @param name       the model's name
 * @param category   what kind of model it is (for example the hub's pipeline tag)
 * @param scores     every metric of the {@link MetricId} catalogue but {@code size_score}, with
 *                   its latency
 * @param sizeScore  fit for four device classes, with its latency
 * @param computedAt when it was computed
 * @param notes      why any metric was degraded (failed upstream calls, missing inputs)
 */
public record ModelRating(
        String name,
        String category,
        Map<MetricId, Score> scores,
        SizeScore sizeScore,
        Instant computedAt,
        List<String> notes) {

    public ModelRating {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(sizeScore, "sizeScore");
        Objects.requireNonNull(computedAt, "computedAt");
        EnumMap<MetricId, Score> copy = new EnumMap<>(MetricId.class);
        copy.putAll(scores);
        for (MetricId id : MetricId.values()) {
            if (id != MetricId.SIZE_SCORE && copy.get(id) == null) {
                throw new IllegalArgumentException("a rating needs every metric; " + id.wireName() + " is missing");
            }
        }
        copy.remove(MetricId.SIZE_SCORE);
        scores = Collections.unmodifiableMap(copy);
        notes = List.copyOf(notes);
    }

    /** The score of {@code metric}; for {@code size_score}, its best device. */
    public Score score(MetricId metric) {
        if (metric == MetricId.SIZE_SCORE) {
            return new Score(sizeScore.best(), sizeScore.latencySeconds());
        }
        return scores.get(metric);
    }

    /** The value of {@code metric}, as the net score and the gate read it. */
    public double value(MetricId metric) {
        return score(metric).value();
    }
}
