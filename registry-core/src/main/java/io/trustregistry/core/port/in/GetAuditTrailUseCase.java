package io.trustregistry.core.port.in;

import java.util.List;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.Principal;

/**
 * Reads an artifact's audit trail ({@code GET /artifact/{type}/{id}/audit}), recording the read
 * itself as an AUDIT entry. Needs {@code search}.
 */
public interface GetAuditTrailUseCase {

    /**
     * @return entries oldest first, ending with this call's AUDIT entry
     * @throws io.trustregistry.core.error.NotFoundException if no artifact of that type has the id
     */
    List<AuditEntry> auditTrail(Principal caller, ArtifactType type, ArtifactId id);
}
