package io.trustregistry.core.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller of a use case.
 *
 * @param userName    who is calling
 * @param admin       whether the caller is an administrator
 * @param permissions what the caller may do
 */
public record Principal(String userName, boolean admin, Set<Permission> permissions) {

    public Principal {
        Objects.requireNonNull(userName, "userName");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** The principal acting for {@code user}. */
    public static Principal of(UserAccount user) {
        return new Principal(user.name(), user.admin(), user.effectivePermissions());
    }

    /** Whether the caller may do what {@code permission} guards. */
    public boolean holds(Permission permission) {
        return admin || permissions.contains(permission);
    }
}
