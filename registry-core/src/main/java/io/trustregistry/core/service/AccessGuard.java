package io.trustregistry.core.service;

import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;

/** Checks a caller's permission at the top of each use case. */
final class AccessGuard {

    private AccessGuard() {
    }

    static void require(Principal caller, Permission permission) {
        if (caller == null || !caller.holds(permission)) {
            throw new PermissionDeniedException("this operation needs the '" + permission.wireName()
                    + "' permission, which " + (caller == null ? "the caller" : "user '" + caller.userName() + "'")
                    + " does not hold");
        }
    }
}
