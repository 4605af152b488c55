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
        return Password.hash(password).addRandomSalt(16).with(function).getResult();
    }

    @Override
    public boolean verify(String password, String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return false;
        }
        try {
            return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
