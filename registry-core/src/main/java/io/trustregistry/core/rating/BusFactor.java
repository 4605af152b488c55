package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
import java.util.LinkedHashMap;
import java.util.Map;

import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.Contributor;

/**
 * How concentrated the knowledge of the model and its code is. For each repository (the
 * model's, and each registered linked code repository) the contribution shares give its
 * effective number of maintainers {@code n = (Σc)² / Σc²} (inverse Simpson index: 1 for a
 * single author, k for k equal authors). Repositories are kept alive by their own groups, so
 * their effective maintainers add up (commit counts from different hosts are never mixed).
 * The score is {@code 1 − (2/3)^n}: 0.33 for one maintainer, 0.80 for four equal ones, above
 * 0.95 from about seven. No known contributor scores 0.
 */
public final class BusFactor implements Metric {

    @Override
    public MetricId id() {
        return MetricId.BUS_FACTOR;
    }

    @Override
    public double score(RatingInputs inputs) {
        double maintainers = effectiveMaintainers(contributions(inputs.model()));
        for (ArtifactRecord code : inputs.code()) {
            maintainers += effectiveMaintainers(contributions(code));
        }
        return Metric.clamp(1 - Math.pow(2.0 / 3.0, maintainers));
    }

    /** The inverse Simpson index of the contribution counts. */
    static double effectiveMaintainers(Map<String, Long> contributions) {
        double total = 0;
        double squares = 0;
        for (long c : contributions.values()) {
            total += c;
            squares += (double) c * c;
        }
        return squares == 0 ? 0 : total * total / squares;
    }

    private static Map<String, Long> contributions(ArtifactRecord artifact) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Contributor c : artifact.evidence().contributors()) {
            counts.merge(c.name().toLowerCase(java.util.Locale.ROOT), Math.max(1, c.contributions()), Long::sum);
        }
        return counts;
    }
}
