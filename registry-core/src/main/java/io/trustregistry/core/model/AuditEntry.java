package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an artifact's audit trail.
 *
 * @param userName    who acted
 * @param userIsAdmin whether that user was an administrator at the time
 * @param date        when, UTC
 * @param artifact    the artifact as it was named at the time
 * @param action      what happened
 * @param note        what changed, in words, where the action alone does not say (marking a
 *                    model sensitive is an {@code UPDATE} with the note "marked sensitive")
 * @param check       for a download of a sensitive model, what its monitor decided
 */
public record AuditEntry(String userName, boolean userIsAdmin, Instant date, ArtifactMetadata artifact,
                         AuditAction action, Optional<String> note, Optional<DownloadCheck> check) {
    public AuditEntry {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(check, "check");
    }

    /** An entry the action explains by itself. */
    public AuditEntry(String userName, boolean userIsAdmin, Instant date, ArtifactMetadata artifact, AuditAction action) {
        this(userName, userIsAdmin, date, artifact, action, Optional.empty(), Optional.empty());
    }
}
