package io.trustregistry.core.port.in;

import io.trustregistry.core.model.Principal;

/**
 * Returns the registry to its initial state ({@code DELETE /reset}): no artifacts, blobs or
 * audit entries, and only the default administrator. Needs {@code admin}.
 */
public interface ResetRegistryUseCase {

    /** Idempotent. The default administrator's existing tokens stay valid. */
    void reset(Principal caller);
}
