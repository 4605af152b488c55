package io.trustregistry.core.port.out;

/**
 * Secrets the registry generates for itself and keeps with its storage, so that every server
 * sharing that storage uses the same one (the token signing key). Not for secrets an operator
 * provides: those come from configuration.
 *
 * <p>Safe for concurrent use, also by several servers on the same storage: concurrent first
 * calls for one name agree on a single value (the first stored wins). A stored secret never
 * changes. Values are stored where only the registry can read them (owner-only file
 * permissions, the registry's database schema).
 *
 * <p>An unreachable backend raises {@link io.trustregistry.core.error.DependencyUnavailableException}.
 */
public interface SecretStore {

    /**
     * The secret stored under {@code name}, or a new random one of {@code bytes} bytes stored
     * now. Idempotent: every later call, from any server on the same storage, returns the same
     * bytes.
     *
     * @param name  lower-case letters, digits and dashes
     * @param bytes the length of a new secret (at least 32)
     * @throws IllegalArgumentException for a malformed name or a length below 32
     * @throws IllegalStateException if the stored secret is shorter than 32 bytes (damaged storage)
     */
    byte[] getOrCreate(String name, int bytes);
}
