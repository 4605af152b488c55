package io.trustregistry.core.model;

import java.util.Objects;

/** A parent-to-child derivation between two registered models. */
public record LineageEdge(ArtifactId from, ArtifactId to, String relationship) {
    public LineageEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(relationship, "relationship");
    }
}
