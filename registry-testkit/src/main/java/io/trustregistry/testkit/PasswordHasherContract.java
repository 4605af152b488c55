package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.port.out.PasswordHasher;

/** What every {@link PasswordHasher} must do. */
public abstract class PasswordHasherContract {

    /** The hasher under test (cheap parameters are fine). */
    protected abstract PasswordHasher hasher();

    private static final String SQLISH = "correcthorsebatterystaple123(!__+@**(A'\"`;DROP TABLE packages;";

    @Test
    void theRightPasswordVerifies() {
        String hash = hasher().hash(SQLISH);
        assertTrue(hasher().verify(SQLISH, hash));
    }

    @Test
    void aWrongPasswordDoesNot() {
        String hash = hasher().hash(SQLISH);
        assertFalse(hasher().verify(SQLISH + " ", hash));
        assertFalse(hasher().verify("", hash));
    }

    @Test
    void hashesAreSaltedAndNeverThePassword() {
        String first = hasher().hash(SQLISH);
        String second = hasher().hash(SQLISH);
        assertNotEquals(first, second);
        assertFalse(first.contains(SQLISH));
    }

    @Test
    void unreadableHashesNeverVerify() {
        assertFalse(hasher().verify("x", "not a hash"));
        assertFalse(hasher().verify("x", ""));
        assertFalse(hasher().verify("x", "$argon2id$v=19$garbage"));
    }
}
