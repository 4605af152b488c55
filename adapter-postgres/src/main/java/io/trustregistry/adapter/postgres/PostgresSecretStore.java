package io.trustregistry.adapter.postgres;

import java.security.SecureRandom;
import java.util.Base64;

import io.trustregistry.core.port.out.SecretNames;
import io.trustregistry.core.port.out.SecretStore;

/**
 * Secrets in the registry's schema ({@code registry_settings}, Base64): a new one is inserted
 * with {@code ON CONFLICT DO NOTHING} and then read back, so concurrent first calls from any
 * number of servers agree on whichever insert won.
 */
public final class PostgresSecretStore implements SecretStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;

    PostgresSecretStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public byte[] getOrCreate(String name, int bytes) {
        SecretNames.check(name, bytes);
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        sql.dml("INSERT INTO registry_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", name,
                Base64.getEncoder().encodeToString(random));
        String stored = sql.get("SELECT value FROM registry_settings WHERE key = ?", name).orElseThrow()
                .column("value").get(String.class);
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("the secret '" + name + "' in registry_settings is damaged (not Base64)",
                    notBase64);
        }
        if (secret.length < SecretNames.MIN_BYTES) {
            throw new IllegalStateException("the secret '" + name + "' in registry_settings is shorter than "
                    + SecretNames.MIN_BYTES + " bytes");
        }
        return secret;
    }
}
