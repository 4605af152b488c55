package io.trustregistry.core.port.out;

/**
 * One-way password hashing with a per-hash random salt. Hashes are self-describing strings
 * (PHC format or similar), so parameters can change without invalidating stored hashes.
 * Thread-safe.
 */
public interface PasswordHasher {

    /** Hashes {@code password} with a fresh salt. */
    String hash(String password);

    /**
     * Whether {@code password} matches {@code storedHash}. Takes time independent of where the
     * password differs; returns {@code false} (never throws) for a hash it cannot read.
     */
    boolean verify(String password, String storedHash);
}
