package io.trustregistry.core.model;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user of the registry.
 *
 * @param name           unique login name, compared exactly
 * @param uid            random identity of this account; tokens are bound to it, so a deleted
 *                       and re-created account never inherits old tokens
 * @param admin          administrators hold every permission
 * @param permissions    granted permissions
 * @param passwordHashes PHC-format hashes; any one matching authenticates (the default admin
 *                       has several accepted spellings)
 * @param createdAt      when the account was made
 */
public record UserAccount(String name, String uid, boolean admin, Set<Permission> permissions,
                          List<String> passwordHashes, Instant createdAt) {

    /** Longest user name accepted. */
    public static final int MAX_NAME_LENGTH = 128;

    public UserAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(createdAt, "createdAt");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        passwordHashes = List.copyOf(passwordHashes);
        if (passwordHashes.isEmpty()) {
            throw new IllegalArgumentException("a user needs at least one password hash");
        }
    }

    /** Whether this user may do what {@code permission} guards. */
    public boolean holds(Permission permission) {
        return admin || permissions.contains(permission);
    }

    /** The permissions in effect: all of them for an administrator. */
    public Set<Permission> effectivePermissions() {
        return admin ? EnumSet.allOf(Permission.class) : permissions;
    }
}
