package io.trustregistry.core.port.out;

import java.util.List;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.AuditEntry;

/**
 * Append-only history of what users did to artifacts. An entry, once {@link #append}ed,
 * survives crashes and is never altered. Safe for concurrent appends.
 */
public interface AuditLog {

    /** Durably appends one entry. */
    void append(AuditEntry entry);

    /** Every entry about the artifact, oldest first; empty when there is none. */
    List<AuditEntry> entriesFor(ArtifactId artifactId);

    /** Forgets the entries of one artifact (used when the registry is reset). Idempotent. */
    void deleteEntriesFor(ArtifactId artifactId);

    /** Forgets every entry (registry reset). Idempotent. */
    void clear();
}
