package io.trustregistry.core.model;

import java.util.Objects;

/** The triple every listing returns: name, id and type of one artifact. */
public record ArtifactMetadata(ArtifactName name, ArtifactId id, ArtifactType type) {
    public ArtifactMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}
