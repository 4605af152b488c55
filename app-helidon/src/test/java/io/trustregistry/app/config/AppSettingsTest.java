package io.trustregistry.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.trustregistry.adapter.postgres.PostgresSettings;
import io.trustregistry.adapter.s3.S3Settings;

/**
 * The environment as an operator writes it: a value that cannot be read, or a combination that
 * cannot work, stops start-up with a message naming the variable and what it must be (README,
 * "Configuration"); the storage settings are read into the adapters' settings as documented.
 */
class AppSettingsTest {

    private static final Config CONFIG = Config.just(ConfigSources.classpath("application.yaml"));

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "REGISTRY_PAGE_SIZE | ten | REGISTRY_PAGE_SIZE / registry.page-size must be an integer, not 'ten'",
            "REGISTRY_BUNDLE_MAX_BYTES | 2GB | REGISTRY_BUNDLE_MAX_BYTES / registry.bundle.max-bytes must be an integer",
            "REGISTRY_RATING_GATE | maybe | REGISTRY_RATING_GATE / registry.rating.gate must be true or false, not 'maybe'",
            "REGISTRY_RATING_THRESHOLD | half | REGISTRY_RATING_THRESHOLD / registry.rating.threshold must be a number",
            "REGISTRY_TOKEN_TTL | 10h | REGISTRY_TOKEN_TTL / registry.token.ttl must be an ISO-8601 duration such as PT30S",
            "HF_ENDPOINT | huggingface.co | HF_ENDPOINT / registry.hub.huggingface.endpoint must be an absolute URL",
            "GITHUB_API_URL | http://[bad | GITHUB_API_URL / registry.hub.github.endpoint must be an absolute URL",
            "REGISTRY_MAX_CONNECTIONS | 0 | REGISTRY_MAX_CONNECTIONS must be at least 1, not 0",
            "REGISTRY_HEADER_TIMEOUT | PT0S | REGISTRY_HEADER_TIMEOUT, REGISTRY_BODY_TIMEOUT and REGISTRY_IDLE_TIMEOUT must be",
            "REGISTRY_CATALOG | mysql | REGISTRY_CATALOG must be filesystem or postgres, not 'mysql'",
            "REGISTRY_BLOBS | gcs | REGISTRY_BLOBS must be filesystem or s3, not 'gcs'",
            "REGISTRY_CATALOG | postgres | REGISTRY_CATALOG=postgres needs REGISTRY_DB_URL",
            "REGISTRY_BLOBS | s3 | REGISTRY_BLOBS=s3 needs REGISTRY_S3_BUCKET",
            "REGISTRY_MONITOR_ISOLATION | chroot | REGISTRY_MONITOR_ISOLATION must be sandbox or permission-model, not 'chroot'",
            "REGISTRY_MONITOR_ALLOWED_HOSTS | audit.example,-audit.example | REGISTRY_MONITOR_ALLOWED_HOSTS: '-audit.example'",
    })
    void anUnusableValueStopsStartUpNamingTheVariable(String variable, String value, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.load(CONFIG, Map.of(variable, value)));
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }

    @Test
    void postgresSettingsComeFromTheDatabaseVariables() {
        AppSettings settings = AppSettings.load(CONFIG, Map.of("REGISTRY_CATALOG", "postgres",
                "REGISTRY_DB_URL", "jdbc:postgresql://db.internal:5432/registry", "REGISTRY_DB_USER", "reg",
                "REGISTRY_DB_PASSWORD", "pw", "REGISTRY_DB_SCHEMA", "tenant_a", "REGISTRY_DB_POOL_SIZE", "4"));
        PostgresSettings postgres = settings.storage().postgres().orElseThrow();
        assertEquals("jdbc:postgresql://db.internal:5432/registry", postgres.jdbcUrl());
        assertEquals("reg", postgres.user());
        assertEquals(Optional.of("pw"), postgres.password());
        assertEquals("tenant_a", postgres.schema());
        assertEquals(4, postgres.poolSize());
        assertEquals("postgres", settings.storage().catalog());
        assertTrue(settings.storage().usesDataDirectory(), "the blobs stay on disk");
    }

    @Test
    void anS3EndpointMeansPathStyleUnlessSaidOtherwiseAndTheRegionFallsBackToAwsRegion() {
        AppSettings compatible = AppSettings.load(CONFIG, Map.of("REGISTRY_BLOBS", "s3", "REGISTRY_S3_BUCKET", "models",
                "REGISTRY_S3_ENDPOINT", "http://127.0.0.1:9000", "REGISTRY_S3_ACCESS_KEY", "key",
                "REGISTRY_S3_SECRET_KEY", "secret", "REGISTRY_S3_PREFIX", "registry/"));
        S3Settings s3 = compatible.storage().s3().orElseThrow();
        assertEquals("models", s3.bucket());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), s3.endpoint());
        assertTrue(s3.pathStyle(), "an S3-compatible server at an endpoint is addressed path-style");
        assertEquals("us-east-1", s3.region());
        assertEquals(Optional.of("key"), s3.accessKey());
        assertEquals("registry/", s3.prefix());

        AppSettings aws = AppSettings.load(CONFIG, Map.of("REGISTRY_BLOBS", "s3", "REGISTRY_S3_BUCKET", "models",
                "AWS_REGION", "eu-west-1", "REGISTRY_DATA_DIR", "/tmp/unused"));
        S3Settings onAws = aws.storage().s3().orElseThrow();
        assertEquals("eu-west-1", onAws.region());
        assertEquals(false, onAws.pathStyle(), "AWS itself: virtual-hosted style");
        assertEquals(Optional.empty(), onAws.endpoint());

        AppSettings explicit = AppSettings.load(CONFIG, Map.of("REGISTRY_BLOBS", "s3", "REGISTRY_S3_BUCKET", "models",
                "REGISTRY_S3_ENDPOINT", "https://s3.example", "REGISTRY_S3_PATH_STYLE", "false",
                "REGISTRY_S3_REGION", "ap-south-1"));
        assertEquals(false, explicit.storage().s3().orElseThrow().pathStyle());
        assertEquals("ap-south-1", explicit.storage().s3().orElseThrow().region());
    }
}
