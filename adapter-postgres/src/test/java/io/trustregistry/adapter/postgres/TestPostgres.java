package io.trustregistry.adapter.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for tests, found in this order: the one named by
 * {@code REGISTRY_TEST_POSTGRES_URL} (with {@code REGISTRY_TEST_POSTGRES_USER} and
 * {@code REGISTRY_TEST_POSTGRES_PASSWORD}; {@code .ci/run} points it at the machine's
 * server), one started by Testcontainers where Docker runs, or an embedded PostgreSQL
 * (zonky). One server per JVM; each caller gets its own schema, so tests never share tables.
 */
public final class TestPostgres {

    private static Server server;

    /** Where the server is and how it was found. */
    public record Server(String jdbcUrl, String user, Optional<String> password, String origin) {
    }

    private TestPostgres() {
    }

    /** The server, started on first use. */
    public static synchronized Server server() {
        if (server == null) {
            server = find();
        }
        return server;
    }

    /** Settings for a fresh, uniquely named schema on the server. */
    public static PostgresSettings freshSchema() {
        Server s = server();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        return PostgresSettings.of(s.jdbcUrl(), s.user(), s.password()).inSchema(schema);
    }

    private static Server find() {
        String url = System.getenv("REGISTRY_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url, Optional.ofNullable(System.getenv("REGISTRY_TEST_POSTGRES_USER")).orElse("postgres"),
                    Optional.ofNullable(System.getenv("REGISTRY_TEST_POSTGRES_PASSWORD")), "REGISTRY_TEST_POSTGRES_URL");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Server(container.getJdbcUrl(), container.getUsername(), Optional.of(container.getPassword()),
                    "Testcontainers");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
            return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", Optional.empty(),
                    "embedded PostgreSQL");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL for tests: set REGISTRY_TEST_POSTGRES_URL, run Docker, or"
                    + " allow the embedded server to start", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
