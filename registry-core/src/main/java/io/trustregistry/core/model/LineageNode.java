package io.trustregistry.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * A registered artifact in a lineage graph.
 *
 * @param artifactId the artifact
 * @param name       its name
 * @param source     how the node was discovered: {@code queried} for the artifact asked about,
 *                   else the origin of the edge that reached it ({@code card_data}, {@code tags},
 *                   {@code config_json})
 * @param metadata   small facts about the node (repository URL, hub id); never null
 */
public record LineageNode(ArtifactId artifactId, String name, String source, Map<String, String> metadata) {
    public LineageNode {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        metadata = Map.copyOf(metadata);
    }
}
