package io.trustregistry.adapter.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import io.trustregistry.core.port.out.PasswordHasher;

/**
 * Argon2id (password4j) with a 16-byte random salt per hash, stored as PHC strings
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}). Verification reads the parameters from
 * the stored hash, so raising the cost later keeps old hashes valid.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    private static final int HASH_BYTES = 32;

    private final Argon2Function function;
    /**
     * Hashes computed at once: each takes a core and its memory cost for ~100 ms, so a burst of
     * logins must queue rather than starve every other request (or the heap).
     */
    private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(
            Math.max(1, Runtime.getRuntime().availableProcessors()));

    /**
     * Argon2id cost parameters.
     *
     * @param memoryKib   memory cost in KiB
     * @param iterations  time cost
     * @param parallelism lanes
     */
    public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {
        /** OWASP's recommendation (Password Storage Cheat Sheet): 19 MiB, 2 iterations, 1 lane. */
        public static final Argon2Parameters OWASP = new Argon2Parameters(19_456, 2, 1);

        public Argon2Parameters {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Argon2 needs memory >= 8 KiB per lane, 1+ iterations, 1+ lanes");
            }
        }
    }

    public Argon2PasswordHasher(Argon2Parameters parameters) {
        this.function = Argon2Function.getInstance(parameters.memoryKib(), parameters.iterations(),
                parameters.parallelism(), HASH_BYTES, Argon2.ID);
    }

    @Override
    public String hash(String password) {
        acquire();
        try {
            return Password.hash(password).addRandomSalt(16).with(function).getResult();
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        try {
            if (!slots.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new io.trustregistry.core.error.DependencyUnavailableException("the server is busy checking"
                        + " passwords; retry in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.trustregistry.core.error.DependencyUnavailableException("interrupted while waiting to check"
                    + " a password", e);
        }
    }

    @Override
    public boolean verify(String password, String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return false;
        }
        acquire();
        try {
            return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
        } catch (RuntimeException unreadable) {
            return false;
        } finally {
            slots.release();
        }
    }
}
