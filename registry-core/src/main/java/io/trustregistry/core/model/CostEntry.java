package io.trustregistry.core.model;

import java.util.Objects;

/**
 * The download cost of one artifact in a cost report, in MB (bytes / 1024²).
 *
 * @param artifactId     the artifact
 * @param standaloneCost its own size
 * @param totalCost      its size plus the sizes of everything in its dependency closure
 */
public record CostEntry(ArtifactId artifactId, double standaloneCost, double totalCost) {
    public CostEntry {
        Objects.requireNonNull(artifactId, "artifactId");
    }
}
