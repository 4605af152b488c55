package io.trustregistry.core.model;

import java.util.Locale;
import java.util.Optional;

/** The three kinds of artifact the registry holds; {@link #wireName()} is the REST spelling. */
public enum ArtifactType {
    MODEL,
    DATASET,
    CODE;

    /** The lower-case name used in paths and JSON ({@code model}, {@code dataset}, {@code code}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the REST spelling exactly (lower case); anything else is empty. */
    public static Optional<ArtifactType> fromWireName(String text) {
        for (ArtifactType type : values()) {
            if (type.wireName().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
