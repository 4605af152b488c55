package io.trustregistry.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identifies one transaction; the same shape as an {@link ArtifactId}, safe in paths, file names and SQL. */
public record TransactionId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z0-9-]{1," + ArtifactId.MAX_LENGTH + "}");

    public TransactionId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("transaction id must match ^[a-zA-Z0-9-]+$ and be at most "
                    + ArtifactId.MAX_LENGTH + " characters");
        }
    }

    /** Whether {@code text} has the shape of a transaction id (it may still be unknown). */
    public static boolean isWellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
