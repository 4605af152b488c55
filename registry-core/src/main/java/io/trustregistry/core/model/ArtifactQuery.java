package io.trustregistry.core.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One query of an enumeration request.
 *
 * @param name  the exact name to match, or empty for every name (the {@code *} wildcard)
 * @param types the types to include; empty means all types
 */
public record ArtifactQuery(Optional<String> name, Set<ArtifactType> types) {

    public ArtifactQuery {
        Objects.requireNonNull(name, "name");
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    }

    /** Every artifact of every type. */
    public static ArtifactQuery everything() {
        return new ArtifactQuery(Optional.empty(), Set.of());
    }

    /** Whether {@code metadata} satisfies this query. */
    public boolean matches(ArtifactMetadata metadata) {
        return (types.isEmpty() || types.contains(metadata.type()))
                && name.map(n -> n.equals(metadata.name().value())).orElse(true);
    }

    /** The types this query admits, all of them when none were named. */
    public Set<ArtifactType> effectiveTypes() {
        return types.isEmpty() ? EnumSet.allOf(ArtifactType.class) : types;
    }
}
