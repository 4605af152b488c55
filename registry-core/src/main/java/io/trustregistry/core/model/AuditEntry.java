package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an artifact's audit trail.
 *
 * @param userName    who acted
 * @param userIsAdmin whether that user was an administrator at the time
 * @param date        when, UTC
 * @param artifact    the artifact as it was named at the time
 * @param action      what happened
 */
public record AuditEntry(String userName, boolean userIsAdmin, Instant date, ArtifactMetadata artifact,
                         AuditAction action) {
    public AuditEntry {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(action, "action");
    }
}
