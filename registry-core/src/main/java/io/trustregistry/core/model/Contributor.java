package io.trustregistry.core.model;

import java.util.Objects;

/**
 * Someone who changed a repository, and how much.
 *
 * @param name          login or author name
 * @param contributions commits (or another count of changes) attributed to them
 */
public record Contributor(String name, long contributions) {
    public Contributor {
        Objects.requireNonNull(name, "name");
        if (contributions < 0) {
            throw new IllegalArgumentException("contributions must not be negative");
        }
    }
}
