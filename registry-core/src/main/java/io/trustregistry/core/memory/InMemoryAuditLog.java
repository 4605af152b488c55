package io.trustregistry.core.memory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.port.out.AuditLog;

/** Audit entries held in memory, per artifact, in append order. */
public final class InMemoryAuditLog implements AuditLog {

    private final Map<ArtifactId, List<AuditEntry>> entries = new ConcurrentHashMap<>();

    @Override
    public void append(AuditEntry entry) {
        entries.computeIfAbsent(entry.artifact().id(), id -> new CopyOnWriteArrayList<>()).add(entry);
    }

    @Override
    public List<AuditEntry> entriesFor(ArtifactId artifactId) {
        return List.copyOf(entries.getOrDefault(artifactId, List.of()));
    }

    @Override
    public void deleteEntriesFor(ArtifactId artifactId) {
        entries.remove(artifactId);
    }

    @Override
    public void clear() {
        entries.clear();
    }
}
