package io.trustregistry.core.port.in;

import java.util.List;

import io.trustregistry.core.model.ConfusionSuspect;
import io.trustregistry.core.model.Principal;

/**
 * Flags models that look like imitations of more popular ones
 * ({@code POST /artifacts/PackageConfusionAudit}). Needs {@code search}.
 */
public interface AuditPackageConfusionUseCase {

    /** Suspects, most suspicious first; empty when none. */
    List<ConfusionSuspect> suspects(Principal caller);
}
