package io.trustregistry.adapter.postgres;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.port.out.AuditLog;
import io.trustregistry.json.StoredDocuments;

/** The audit log in PostgreSQL: an append-only table ordered by a sequence. */
public final class PostgresAuditLog implements AuditLog {

    private final Sql sql;

    PostgresAuditLog(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(AuditEntry entry) {
        sql.dml("INSERT INTO audit_entries (artifact_id, document) VALUES (?, ?)", entry.artifact().id().value(),
                new String(StoredDocuments.encodeAuditEntry(entry), StandardCharsets.UTF_8));
    }

    @Override
    public List<AuditEntry> entriesFor(ArtifactId artifactId) {
        return sql.query("SELECT document FROM audit_entries WHERE artifact_id = ? ORDER BY seq", artifactId.value())
                .stream().map(row -> StoredDocuments.decodeAuditEntry(row.column("document").get(String.class)
                        .getBytes(StandardCharsets.UTF_8))).toList();
    }

    @Override
    public void deleteEntriesFor(ArtifactId artifactId) {
        sql.dml("DELETE FROM audit_entries WHERE artifact_id = ?", artifactId.value());
    }

    @Override
    public void clear() {
        sql.dml("DELETE FROM audit_entries");
    }
}
