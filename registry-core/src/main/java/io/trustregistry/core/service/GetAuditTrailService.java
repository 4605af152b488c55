package io.trustregistry.core.service;

import java.util.List;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.GetAuditTrailUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.AuditLog;

/** Reads an artifact's audit trail and records the read. */
public final class GetAuditTrailService implements GetAuditTrailUseCase {

    private final ArtifactCatalog catalog;
    private final AuditLog log;
    private final Auditor auditor;

    public GetAuditTrailService(ArtifactCatalog catalog, AuditLog log, Auditor auditor) {
        this.catalog = catalog;
        this.log = log;
        this.auditor = auditor;
    }

    @Override
    public List<AuditEntry> auditTrail(Principal caller, ArtifactType type, ArtifactId id) {
        AccessGuard.require(caller, Permission.SEARCH);
        ArtifactRecord record = ArtifactLookup.require(catalog, type, id);
        auditor.record(caller, record.metadata(), AuditAction.AUDIT);
        return log.entriesFor(id);
    }
}
