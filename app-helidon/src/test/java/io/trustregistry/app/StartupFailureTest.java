package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad setting stops the registry before it serves, with one line that names the setting and
 * what is wrong: the line {@link Main} prints to the operator, produced here by the same code.
 */
class StartupFailureTest {

    private static final String PREFIX = "The registry could not start: ";

    @TempDir
    Path work;

    static Stream<Arguments> badSettings() {
        return Stream.of(
                // values that do not parse
                bad("REGISTRY_PAGE_SIZE", "ten",
                        "REGISTRY_PAGE_SIZE / registry.page-size must be an integer, not 'ten'"),
                bad("REGISTRY_MAX_BODY_BYTES", "1MB",
                        "REGISTRY_MAX_BODY_BYTES / registry.max-body-bytes must be an integer, not '1MB'"),
                bad("REGISTRY_RATING_GATE", "maybe",
                        "REGISTRY_RATING_GATE / registry.rating.gate must be true or false, not 'maybe'"),
                bad("REGISTRY_RATING_THRESHOLD", "high",
                        "REGISTRY_RATING_THRESHOLD / registry.rating.threshold must be a number, not 'high'"),
                bad("REGISTRY_TOKEN_TTL", "10h",
                        "REGISTRY_TOKEN_TTL / registry.token.ttl must be an ISO-8601 duration such as PT30S, not '10h'"),
                bad("HF_ENDPOINT", "huggingface.co",
                        "HF_ENDPOINT / registry.hub.huggingface.endpoint must be an absolute URL, not 'huggingface.co'"),
                bad("GITHUB_API_URL", "https://bad host/",
                        "GITHUB_API_URL / registry.hub.github.endpoint must be an absolute URL, not 'https://bad host/'"),
                // storage
                bad("REGISTRY_CATALOG", "mysql", "REGISTRY_CATALOG must be filesystem or postgres, not 'mysql'"),
                bad("REGISTRY_BLOBS", "gcs", "REGISTRY_BLOBS must be filesystem or s3, not 'gcs'"),
                bad("REGISTRY_CATALOG", "postgres", "REGISTRY_CATALOG=postgres needs REGISTRY_DB_URL"),
                bad("REGISTRY_BLOBS", "s3", "REGISTRY_BLOBS=s3 needs REGISTRY_S3_BUCKET"),
                bad(Map.of("REGISTRY_DB_URL", "mysql://db/registry"), "the database URL must start with jdbc:postgresql:"),
                bad(Map.of("REGISTRY_DB_URL", "jdbc:postgresql://db/registry", "REGISTRY_DB_SCHEMA", "Registry"),
                        "the schema name must be a lower-case SQL identifier"),
                bad(Map.of("REGISTRY_DB_URL", "jdbc:postgresql://db/registry", "REGISTRY_DB_POOL_SIZE", "0"),
                        "poolSize must be positive"),
                bad(Map.of("REGISTRY_S3_BUCKET", "artifacts", "REGISTRY_S3_PREFIX", "registry"),
                        "a key prefix must end with /"),
                bad(Map.of("REGISTRY_S3_BUCKET", "artifacts", "REGISTRY_S3_ACCESS_KEY", "minio"),
                        "give both an access key and its secret, or neither"),
                // the server's own limits
                bad("REGISTRY_HEADER_TIMEOUT", "PT0S", "REGISTRY_HEADER_TIMEOUT, REGISTRY_BODY_TIMEOUT and"
                        + " REGISTRY_IDLE_TIMEOUT must be positive durations such as PT10S"),
                bad("REGISTRY_MAX_CONNECTIONS", "0", "REGISTRY_MAX_CONNECTIONS must be at least 1, not 0"),
                bad(Map.of("REGISTRY_WRITE_TIMEOUT", "PT60S", "REGISTRY_IDLE_TIMEOUT", "PT75S"),
                        "REGISTRY_WRITE_TIMEOUT (PT1M) must be longer than REGISTRY_IDLE_TIMEOUT (PT1M15S)"),
                // the core's limits
                bad("REGISTRY_PAGE_SIZE", "0", "pageSize must be between 1 and 10000"),
                bad("REGISTRY_REGEX_BUDGET", "PT0S", "regexTimeBudget must be positive"),
                bad("REGISTRY_TOKEN_TTL", "-PT1H", "tokenLifetime must be positive"),
                bad("REGISTRY_TOKEN_MAX_USES", "0", "tokenMaxUses must be positive"),
                bad("REGISTRY_BUNDLE_MAX_FILES", "-1", "bundle and download limits must not be negative"),
                bad("REGISTRY_RATING_THRESHOLD", "1.5", "ratingThreshold must be within [0, 1]"),
                bad("REGISTRY_DOWNLOAD_PRESIGN_TTL", "PT0S", "presignTtl must be positive"),
                bad("REGISTRY_LOGIN_MAX_FAILURES", "0", "loginMaxFailures and loginMaxLockout must be positive"),
                bad("REGISTRY_USER_BURST", "0",
                        "userRequestsPerSecond must not be negative and userRequestBurst must be positive"),
                bad("REGISTRY_BLOB_GC_GRACE", "-PT1H", "blobCollectionGrace must not be negative"),
                // upstream hubs
                bad("REGISTRY_HUB_ATTEMPTS", "0", "maxAttempts must be at least 1"),
                bad("REGISTRY_HUB_MAX_PAGES", "0", "maxCallsPerResolve and maxPages must be at least 1"),
                bad("REGISTRY_HUB_TIMEOUT", "PT0S", "timeouts must be positive"),
                bad("REGISTRY_HUB_ALLOWED_NETWORKS", "10.0.0.0", "not a CIDR range: 10.0.0.0"),
                bad("REGISTRY_HUB_ALLOWED_NETWORKS", "mirror.internal/24",
                        "CIDR ranges need a literal address: mirror.internal/24"),
                bad("REGISTRY_HUB_ALLOWED_NETWORKS", "10.0.0.0/33", "bad prefix length in 10.0.0.0/33"),
                // monitor programs
                bad("REGISTRY_MONITOR_ISOLATION", "docker",
                        "REGISTRY_MONITOR_ISOLATION must be sandbox or permission-model, not 'docker'"),
                bad("REGISTRY_MONITOR_ALLOWED_HOSTS", "audit.example.com,-audit-",
                        "REGISTRY_MONITOR_ALLOWED_HOSTS: '-audit-' is not host, host:port or [ipv6]:port"),
                bad("REGISTRY_MONITOR_ALLOWED_HOSTS", "audit.example.com:70000",
                        "REGISTRY_MONITOR_ALLOWED_HOSTS: port out of range: 70000"),
                bad("REGISTRY_MONITOR_TIMEOUT", "PT0S", "the monitor timeout must be positive"),
                bad("REGISTRY_MONITOR_MEMORY_BYTES", "1048576", "monitors need at least 64 MiB of memory"),
                bad("REGISTRY_MONITOR_CONCURRENCY", "0", "the monitor output cap and concurrency must be positive"),
                // transactions
                bad("REGISTRY_TRANSACTION_LEASE", "PT0S", "REGISTRY_TRANSACTION_LIFETIME, REGISTRY_TRANSACTION_LEASE and"
                        + " REGISTRY_TRANSACTION_MAX_COMMANDS: transaction lifetime and lease must be positive, and at"
                        + " least one command allowed"),
                // read when the storage opens
                bad("REGISTRY_JWT_SECRET", "too-short",
                        "REGISTRY_JWT_SECRET must be at least 32 bytes (for example: openssl rand -hex 32)"));
    }

    private static Arguments bad(String env, String value, String message) {
        return bad(Map.of(env, value), message);
    }

    private static Arguments bad(Map<String, String> env, String message) {
        return Arguments.of(env, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingStopsTheStartWithItsReason(Map<String, String> setting, String message) {
        Main.StartupFailure failure = assertThrows(Main.StartupFailure.class, () -> start(setting).close());
        assertEquals(PREFIX + message, failure.getMessage());
    }

    /** Two servers on one data directory would corrupt it; the second is told who holds it. */
    @Test
    void aDataDirectoryInUseStopsTheSecondServer() throws Exception {
        try (RegistryServer first = start(Map.of())) {
            Main.StartupFailure failure = assertThrows(Main.StartupFailure.class, () -> start(Map.of()).close());
            String expected = PREFIX + "the data directory " + work.resolve("data").toAbsolutePath()
                    + " is in use by another registry process (pid " + ProcessHandle.current().pid()
                    + "); stop it, or point this one at another directory";
            assertEquals(expected, failure.getMessage());
            assertEquals(200, new Api(first.baseUrl()).get("/health", null).status());
        }
    }

    /** Storage it cannot reach stops the start with one line too, not a stack trace. */
    @Test
    void anUnreachableDatabaseStopsTheStart() {
        String url = "jdbc:postgresql://127.0.0.1:1/registry";
        Main.StartupFailure failure = assertThrows(Main.StartupFailure.class,
                () -> start(Map.of("REGISTRY_CATALOG", "postgres", "REGISTRY_DB_URL", url)).close());
        assertTrue(failure.getMessage().startsWith(PREFIX + "cannot reach PostgreSQL at " + url + ": "),
                failure.getMessage());
    }

    /** A data directory that cannot be one (a file is in its place) stops the start, naming it. */
    @Test
    void aDataDirectoryThatCannotBeOpenedStopsTheStart() throws Exception {
        java.nio.file.Files.writeString(work.resolve("data"), "not a directory");
        Main.StartupFailure failure = assertThrows(Main.StartupFailure.class, () -> start(Map.of()).close());
        assertTrue(failure.getMessage().startsWith(PREFIX + "cannot open the data directory "
                + work.resolve("data").toAbsolutePath() + ": "), failure.getMessage());
    }

    private RegistryServer start(Map<String, String> setting) throws Main.StartupFailure {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "HOST", "127.0.0.1",
                "REGISTRY_DATA_DIR", work.resolve("data").toString(),
                "REGISTRY_ARGON2_MEMORY_KIB", "1024", "REGISTRY_ARGON2_ITERATIONS", "1"));
        env.putAll(setting);
        return Main.start(Config.just(ConfigSources.classpath("application.yaml")), env);
    }
}
