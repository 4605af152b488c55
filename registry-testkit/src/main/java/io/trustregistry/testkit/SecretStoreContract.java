package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.port.out.SecretStore;

/** What every {@link SecretStore} must do: one value per name, kept, agreed on by all. */
public abstract class SecretStoreContract {

    /** A store on fresh, empty storage. */
    protected abstract SecretStore newStore();

    /** A second store on the same storage as the last {@link #newStore()} (another server). */
    protected abstract SecretStore sameStorage();

    @Test
    void aNewSecretIsRandomOfTheAskedLengthAndKept() {
        SecretStore store = newStore();
        byte[] first = store.getOrCreate("jwt-secret", 32);
        assertEquals(32, first.length);
        assertFalse(Arrays.equals(new byte[32], first), "not all zero");
        assertArrayEquals(first, store.getOrCreate("jwt-secret", 32));
        assertFalse(Arrays.equals(first, store.getOrCreate("other-secret", 32)), "names are independent");
    }

    @Test
    void anotherServerOnTheSameStorageGetsTheSameSecret() {
        byte[] first = newStore().getOrCreate("shared", 48);
        assertArrayEquals(first, sameStorage().getOrCreate("shared", 48));
    }

    @Test
    void concurrentFirstCallsAgreeOnOneValue() throws Exception {
        SecretStore store = newStore();
        SecretStore other = sameStorage();
        List<byte[]> values = Concurrently.run(8, () -> (Math.random() < 0.5 ? store : other)
                .getOrCreate("raced", 32));
        for (byte[] value : values) {
            assertArrayEquals(values.get(0), value);
        }
    }

    @Test
    void malformedNamesAndShortSecretsAreRefused() {
        SecretStore store = newStore();
        assertThrows(IllegalArgumentException.class, () -> store.getOrCreate("../escape", 32));
        assertThrows(IllegalArgumentException.class, () -> store.getOrCreate("UPPER", 32));
        assertThrows(IllegalArgumentException.class, () -> store.getOrCreate("short", 16));
    }
}
