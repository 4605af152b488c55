package io.trustregistry.adapter.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach PostgreSQL. In production the URL, user and password come from environment
 * variables that ECS fills from Secrets Manager.
 *
 * @param jdbcUrl        {@code jdbc:postgresql://host:5432/database}
 * @param user           database user
 * @param password       its password, if the server asks for one
 * @param schema         the schema to keep the registry's tables in (created if missing)
 * @param poolSize       most connections held open
 * @param connectTimeout how long one attempt to get a connection may take (a request waits up to 1.5 s for a pooled one)
 */
public record PostgresSettings(String jdbcUrl, String user, Optional<String> password, String schema,
                               int poolSize, Duration connectTimeout) {

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql:");
        }
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("the schema name must be a lower-case SQL identifier");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive");
        }
    }

    /** Defaults around a URL: schema {@code registry}, ten connections, half a second to open one. */
    public static PostgresSettings of(String jdbcUrl, String user, Optional<String> password) {
        return new PostgresSettings(jdbcUrl, user, password, "registry", 10, Duration.ofMillis(500));
    }

    /** A copy using another schema. */
    public PostgresSettings inSchema(String other) {
        return new PostgresSettings(jdbcUrl, user, password, other, poolSize, connectTimeout);
    }

    /**
     * The server part of {@link #jdbcUrl()} ({@code host:port}, or several for a multi-host URL),
     * for messages: never the database name's parameters, which may carry credentials.
     */
    public String address() {
        String rest = jdbcUrl.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            return "localhost:5432";
        }
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int at = rest.indexOf(c, 2);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String hosts = rest.substring(2, end);
        return hosts.isEmpty() ? "localhost:5432" : hosts.contains(":") ? hosts : hosts + ":5432";
    }
}
