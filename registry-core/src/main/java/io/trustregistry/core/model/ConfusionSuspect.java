package io.trustregistry.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * A model flagged as a possible package-confusion upload.
 *
 * @param artifactId the suspect
 * @param name       its name
 * @param sourceUrl  where it came from
 * @param evidence   why it was flagged: the imitated artifact, similarity, download figures
 */
public record ConfusionSuspect(ArtifactId artifactId, String name, String sourceUrl, Map<String, Object> evidence) {
    public ConfusionSuspect {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        evidence = Map.copyOf(evidence);
    }
}
