package io.trustregistry.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A model's trust rating, computed once at ingest and stored with the artifact.
 *
 * @param name                 the model's name
 * @param category             what kind of model it is (for example the hub's pipeline tag)
 * @param netScore             the weighted summary
 * @param rampUpTime           ease of getting started
 * @param busFactor            spread of maintainer knowledge
 * @param performanceClaims    evidence behind claimed results
 * @param license              clarity and LGPL-2.1 compatibility of the license
 * @param sizeScore            fit for four device classes
 * @param datasetAndCodeScore  training data and example code documented
 * @param datasetQuality       quality of the linked dataset
 * @param codeQuality          quality of the linked code
 * @param reproducibility      whether the card's demo code runs (0, 0.5, 1)
 * @param reviewedness         share of code merged through reviewed pull requests, -1 without a repository
 * @param treeScore            mean net score of registered lineage parents
 * @param computedAt           when it was computed
 * @param notes                why any metric was degraded (failed upstream calls, missing inputs)
 */
public record ModelRating(
        String name,
        String category,
        Score netScore,
        Score rampUpTime,
        Score busFactor,
        Score performanceClaims,
        Score license,
        SizeScore sizeScore,
        Score datasetAndCodeScore,
        Score datasetQuality,
        Score codeQuality,
        Score reproducibility,
        Score reviewedness,
        Score treeScore,
        Instant computedAt,
        List<String> notes) {

    public ModelRating {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(netScore, "netScore");
        Objects.requireNonNull(rampUpTime, "rampUpTime");
        Objects.requireNonNull(busFactor, "busFactor");
        Objects.requireNonNull(performanceClaims, "performanceClaims");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(sizeScore, "sizeScore");
        Objects.requireNonNull(datasetAndCodeScore, "datasetAndCodeScore");
        Objects.requireNonNull(datasetQuality, "datasetQuality");
        Objects.requireNonNull(codeQuality, "codeQuality");
        Objects.requireNonNull(reproducibility, "reproducibility");
        Objects.requireNonNull(reviewedness, "reviewedness");
        Objects.requireNonNull(treeScore, "treeScore");
        Objects.requireNonNull(computedAt, "computedAt");
        notes = List.copyOf(notes);
    }
}
