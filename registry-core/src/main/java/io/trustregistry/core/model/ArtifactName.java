package io.trustregistry.core.model;

import java.util.Objects;

/**
 * An artifact's human-facing name. Names are compared exactly and case-sensitively; several
 * artifacts may share one. The name {@code *} is reserved for "every artifact" in queries.
 */
public record ArtifactName(String value) {

    /** Longest name accepted, in characters. */
    public static final int MAX_LENGTH = 256;

    /** The reserved wildcard. */
    public static final String WILDCARD = "*";

    public ArtifactName {
        Objects.requireNonNull(value, "value");
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Explains why {@code text} cannot be a name, or returns {@code null} when it can. */
    public static String problemWith(String text) {
        if (text == null || text.isBlank()) {
            return "artifact name must not be empty";
        }
        if (text.length() > MAX_LENGTH) {
            return "artifact name must be at most " + MAX_LENGTH + " characters";
        }
        if (WILDCARD.equals(text)) {
            return "artifact name '*' is reserved";
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return "artifact name must not contain control characters";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
