package io.trustregistry.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of rating metrics: each one's wire name (in {@code /rate}, storage and the
 * OpenAPI document), its weight in the net score, how the optional ingest gate judges it, and
 * what it measures. Everything that lists metrics (the rater, the gate, storage, the HTTP shape)
 * walks this enum, so adding a metric means adding it here and writing its formula.
 */
public enum MetricId {
    NET_SCORE("net_score", 0, Gate.ALWAYS, "the weighted summary of the other metrics"),
    RAMP_UP_TIME("ramp_up_time", 0.13, Gate.ALWAYS, "how easily a new engineer starts using the model"),
    BUS_FACTOR("bus_factor", 0.09, Gate.ALWAYS, "spread of knowledge among maintainers; higher is safer"),
    PERFORMANCE_CLAIMS("performance_claims", 0.09, Gate.ALWAYS, "evidence behind claimed results"),
    LICENSE("license", 0.16, Gate.ALWAYS, "clarity of the license and its compatibility with LGPL-2.1"),
    SIZE_SCORE("size_score", 0.16, Gate.BEST_DEVICE,
            "fit for four device classes; counts through the best one"),
    DATASET_AND_CODE_SCORE("dataset_and_code_score", 0.09, Gate.ALWAYS,
            "training data and example code documented"),
    DATASET_QUALITY("dataset_quality", 0.07, Gate.ALWAYS, "quality of the linked dataset"),
    CODE_QUALITY("code_quality", 0.07, Gate.ALWAYS, "quality of the linked code"),
    REPRODUCIBILITY("reproducibility", 0.05, Gate.ALWAYS, "whether the card's demo code runs (0, 0.5, 1)"),
    REVIEWEDNESS("reviewedness", 0.05, Gate.WHEN_APPLICABLE,
            "share of the linked repository's code merged through reviewed pull requests; -1 without one"),
    TREE_SCORE("tree_score", 0.04, Gate.WITH_REGISTERED_PARENTS,
            "mean net score of the model's registered lineage parents");

    /** How the ingest gate judges a metric. */
    public enum Gate {
        /** Always judged. */
        ALWAYS,
        /** Judged through its best device. */
        BEST_DEVICE,
        /** Not judged when -1 (not applicable). */
        WHEN_APPLICABLE,
        /** Judged only for a model with registered parents. */
        WITH_REGISTERED_PARENTS
    }

    private final String wireName;
    private final double weight;
    private final Gate gate;
    private final String description;

    MetricId(String wireName, double weight, Gate gate, String description) {
        this.wireName = wireName;
        this.weight = weight;
        this.gate = gate;
        this.description = description;
    }

    /** The name in {@code ModelRating}'s JSON; {@code <name>_latency} holds its latency. */
    public String wireName() {
        return wireName;
    }

    /** Its weight in the net score (the weights of all but net_score sum to 1). */
    public double weight() {
        return weight;
    }

    /** How the ingest gate judges it. */
    public Gate gate() {
        return gate;
    }

    /** What it measures, in a sentence. */
    public String description() {
        return description;
    }

    /** The metric with this wire name. */
    public static Optional<MetricId> ofWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
