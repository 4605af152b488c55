package io.trustregistry.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The registry-wide unique identifier of one registration. Matches {@code ^[a-zA-Z0-9-]+$}
 * (the contract's pattern) and is at most {@value #MAX_LENGTH} characters long, so it is safe
 * in paths, file names and SQL without escaping.
 */
public record ArtifactId(String value) implements Comparable<ArtifactId> {

    /** Longest id accepted; generated ids are 19 characters. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z0-9-]{1," + MAX_LENGTH + "}");

    public ArtifactId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("artifact id must match ^[a-zA-Z0-9-]+$ and be at most "
                    + MAX_LENGTH + " characters");
        }
    }

    /** Whether {@code text} has the shape of an id (it may still be unknown). */
    public static boolean isWellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    @Override
    public int compareTo(ArtifactId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
