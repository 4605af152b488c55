package io.trustregistry.core.memory;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.trustregistry.core.port.out.SecretStore;
import io.trustregistry.core.port.out.SecretNames;

/** Secrets held in this process's memory: for tests and embedded uses that restart with new tokens. */
public final class InMemorySecretStore implements SecretStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

    @Override
    public byte[] getOrCreate(String name, int bytes) {
        SecretNames.check(name, bytes);
        return secrets.computeIfAbsent(name, n -> {
            byte[] secret = new byte[bytes];
            RANDOM.nextBytes(secret);
            return secret;
        }).clone();
    }
}
