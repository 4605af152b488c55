package io.trustregistry.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;

import io.trustregistry.adapter.hub.HubSettings;
import io.trustregistry.adapter.hub.KaggleSettings;
import io.trustregistry.adapter.postgres.PostgresSettings;
import io.trustregistry.adapter.s3.S3Settings;
import io.trustregistry.core.service.RegistrySettings;

/**
 * Everything the server can be told, read once at start-up. Each setting comes from, in order:
 * its environment variable, its key in {@code application.yaml} (or any Helidon config
 * source), its default. With nothing set the registry serves on port 8080 and keeps its data
 * under {@code ./registry-data}. The README's configuration table lists every entry.
 */
public record AppSettings(
        String host,
        int port,
        Storage storage,
        Path dataDirectory,
        Optional<URI> publicUrl,
        long maxBodyBytes,
        Optional<String> jwtSecret,
        boolean downloadRedirect,
        long downloadRedirectMinBytes,
        Argon2Parameters argon2,
        RegistrySettings core,
        HubSettings hub,
        KaggleSettings kaggle,
        Duration emfInterval) {

    /**
     * Which adapters keep what, and how to reach them.
     *
     * @param catalog  {@code filesystem} or {@code postgres}: catalog, users, tokens and audit
     * @param blobs    {@code filesystem} or {@code s3}
     * @param postgres connection settings when the catalog is {@code postgres}
     * @param s3       bucket settings when the blobs are in {@code s3}
     */
    public record Storage(String catalog, String blobs, Optional<PostgresSettings> postgres, Optional<S3Settings> s3) {
        public Storage {
            if (!catalog.equals("filesystem") && !catalog.equals("postgres")) {
                throw new IllegalArgumentException("REGISTRY_CATALOG must be filesystem or postgres, not '" + catalog
                        + "'");
            }
            if (!blobs.equals("filesystem") && !blobs.equals("s3")) {
                throw new IllegalArgumentException("REGISTRY_BLOBS must be filesystem or s3, not '" + blobs + "'");
            }
            if (catalog.equals("postgres") && postgres.isEmpty()) {
                throw new IllegalArgumentException("REGISTRY_CATALOG=postgres needs REGISTRY_DB_URL");
            }
            if (blobs.equals("s3") && s3.isEmpty()) {
                throw new IllegalArgumentException("REGISTRY_BLOBS=s3 needs REGISTRY_S3_BUCKET");
            }
        }

        /** Whether anything is kept in the local data directory. */
        public boolean usesDataDirectory() {
            return catalog.equals("filesystem") || blobs.equals("filesystem");
        }
    }

    /** Argon2id cost parameters (OWASP's defaults unless configured). */
    public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {
        public static final Argon2Parameters OWASP = new Argon2Parameters(19_456, 2, 1);
    }

    /** A setting: its environment variable, its config key, what it is for. */
    public record Setting(String env, String key, String defaultValue, String meaning) {
    }

    /** Every setting, for documentation and validation. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("PORT", "server.port", "8080", "HTTP port"),
            new Setting("HOST", "server.host", "0.0.0.0", "interface to listen on"),
            new Setting("REGISTRY_CATALOG", "registry.storage.catalog", "filesystem",
                    "where catalog, users, tokens and audit live: filesystem or postgres"),
            new Setting("REGISTRY_BLOBS", "registry.storage.blobs", "filesystem",
                    "where artifact files live: filesystem or s3"),
            new Setting("REGISTRY_DB_URL", "registry.db.url", "(none)",
                    "JDBC URL of PostgreSQL, e.g. jdbc:postgresql://db:5432/registry"),
            new Setting("REGISTRY_DB_USER", "registry.db.user", "registry", "database user"),
            new Setting("REGISTRY_DB_PASSWORD", "registry.db.password", "(none)",
                    "database password (ECS injects it from Secrets Manager)"),
            new Setting("REGISTRY_DB_SCHEMA", "registry.db.schema", "registry", "schema holding the tables"),
            new Setting("REGISTRY_DB_POOL_SIZE", "registry.db.pool-size", "10", "connections per server"),
            new Setting("REGISTRY_S3_BUCKET", "registry.s3.bucket", "(none)", "bucket for artifact files"),
            new Setting("REGISTRY_S3_REGION", "registry.s3.region", "AWS_REGION, else us-east-1", "the bucket's region"),
            new Setting("REGISTRY_S3_ENDPOINT", "registry.s3.endpoint", "(AWS)",
                    "endpoint of an S3-compatible server such as MinIO"),
            new Setting("REGISTRY_S3_PATH_STYLE", "registry.s3.path-style", "true with an endpoint",
                    "path-style addressing (MinIO needs it)"),
            new Setting("REGISTRY_S3_ACCESS_KEY", "registry.s3.access-key", "(default AWS chain)",
                    "static access key (MinIO); on AWS leave unset and use the task role"),
            new Setting("REGISTRY_S3_SECRET_KEY", "registry.s3.secret-key", "(default AWS chain)", "its secret"),
            new Setting("REGISTRY_S3_PREFIX", "registry.s3.prefix", "(none)", "key prefix inside the bucket, ending in /"),
            new Setting("REGISTRY_DATA_DIR", "registry.data-dir", "./registry-data",
                    "directory for the filesystem storage (catalog, users, tokens, audit, blobs)"),
            new Setting("REGISTRY_PUBLIC_URL", "registry.public-url", "(from the request's Host)",
                    "base URL used in download_url, e.g. https://registry.example.com"),
            new Setting("REGISTRY_MAX_BODY_BYTES", "registry.max-body-bytes", "1048576",
                    "largest request body accepted; larger ones get 413"),
            new Setting("REGISTRY_JWT_SECRET", "registry.jwt.secret", "(generated, kept in the data directory)",
                    "HS256 signing secret, at least 32 bytes; set it when several servers share storage"),
            new Setting("REGISTRY_TOKEN_TTL", "registry.token.ttl", "PT10H", "token lifetime (ISO-8601 duration)"),
            new Setting("REGISTRY_TOKEN_MAX_USES", "registry.token.max-uses", "1000", "API calls one token authorises"),
            new Setting("REGISTRY_PAGE_SIZE", "registry.page-size", "100", "artifacts per enumeration page"),
            new Setting("REGISTRY_REGEX_BUDGET", "registry.regex.time-budget", "PT1S",
                    "longest a regex search may scan before answering 400"),
            new Setting("REGISTRY_RATING_GATE", "registry.rating.gate", "false",
                    "refuse (424) models whose metrics fall below the threshold"),
            new Setting("REGISTRY_RATING_THRESHOLD", "registry.rating.threshold", "0.5",
                    "least score each gated metric must reach"),
            new Setting("REGISTRY_BUNDLE_MAX_BYTES", "registry.bundle.max-bytes", "2147483648",
                    "sources larger than this keep only their small files (the full size still counts for cost)"),
            new Setting("REGISTRY_BUNDLE_SMALL_FILE_BYTES", "registry.bundle.small-file-bytes", "10485760",
                    "files up to this size are stored even from sources over the cap"),
            new Setting("REGISTRY_DOWNLOAD_REDIRECT", "registry.download.redirect", "false",
                    "answer single-file downloads with a 302 to a presigned URL when the blob store can issue one"),
            new Setting("REGISTRY_DOWNLOAD_REDIRECT_MIN_BYTES", "registry.download.redirect-min-bytes", "1048576",
                    "smaller files are served directly even with redirects on (READMEs, configs)"),
            new Setting("REGISTRY_EMF_INTERVAL", "registry.metrics.emf-interval", "PT0S (off)",
                    "how often to print CloudWatch Embedded Metric Format lines to stdout, e.g. PT60S on ECS"),
            new Setting("REGISTRY_ARGON2_MEMORY_KIB", "registry.argon2.memory-kib", "19456", "Argon2id memory cost"),
            new Setting("REGISTRY_ARGON2_ITERATIONS", "registry.argon2.iterations", "2", "Argon2id time cost"),
            new Setting("HF_ENDPOINT", "registry.hub.huggingface.endpoint", "https://huggingface.co",
                    "Hugging Face Hub base URL"),
            new Setting("HF_TOKEN", "registry.hub.huggingface.token", "(none)", "Hugging Face token for gated repos"),
            new Setting("GITHUB_API_URL", "registry.hub.github.endpoint", "https://api.github.com",
                    "GitHub REST API base URL"),
            new Setting("GITHUB_TOKEN", "registry.hub.github.token", "(none)", "GitHub token (higher rate limit)"),
            new Setting("KAGGLE_API_URL", "registry.hub.kaggle.endpoint", "https://www.kaggle.com/api/v1",
                    "Kaggle public API v1 base URL"),
            new Setting("KAGGLE_USERNAME", "registry.hub.kaggle.username", "(none)",
                    "Kaggle user name; without it and KAGGLE_KEY, Kaggle datasets register with their URL only"),
            new Setting("KAGGLE_KEY", "registry.hub.kaggle.key", "(none)", "Kaggle API key (HTTP basic credentials)"),
            new Setting("REGISTRY_HUB_ALLOWED_NETWORKS", "registry.hub.allowed-networks", "(none)",
                    "comma-separated CIDR ranges ingest may fetch although internal, e.g. 10.0.0.0/8"),
            new Setting("REGISTRY_HUB_TIMEOUT", "registry.hub.timeout", "PT30S", "timeout of one upstream request"),
            new Setting("REGISTRY_HUB_ATTEMPTS", "registry.hub.attempts", "3",
                    "attempts per upstream request (retries on 429, 5xx, network errors)"),
            new Setting("REGISTRY_HUB_RESOLVE_DEADLINE", "registry.hub.resolve-deadline", "PT60S",
                    "longest the metadata phase of one registration may take upstream, retries included"),
            new Setting("REGISTRY_HUB_MAX_CALLS", "registry.hub.max-calls", "150",
                    "most upstream requests the metadata phase of one registration may make"),
            new Setting("REGISTRY_HUB_RATE_LIMIT_WAIT", "registry.hub.rate-limit-wait", "PT10S",
                    "longest a registration waits for an upstream rate limit to reset before answering 503"),
            new Setting("REGISTRY_HUB_MIN_RATE", "registry.hub.min-transfer-rate", "8192",
                    "bytes per second a file transfer must keep up (over windows of REGISTRY_HUB_TIMEOUT)"),
            new Setting("REGISTRY_HUB_MAX_PAGES", "registry.hub.max-pages", "10",
                    "most pages followed in one paginated upstream listing (contributors, commits)"),
            new Setting("REGISTRY_BUNDLE_MAX_FILES", "registry.bundle.max-files", "200",
                    "most files one registration fetches and stores; the rest are listed with their sizes"));

    /** Reads the settings from Helidon config and the process environment. */
    public static AppSettings load(Config config) {
        return load(config, System.getenv());
    }

    /** Reads the settings from Helidon config and {@code env}. */
    public static AppSettings load(Config config, Map<String, String> env) {
        Reader r = new Reader(config, env);
        RegistrySettings defaults = RegistrySettings.defaults();
        RegistrySettings core = new RegistrySettings(
                r.integer("REGISTRY_PAGE_SIZE", "registry.page-size", defaults.pageSize()),
                defaults.maxQueries(),
                defaults.maxRegexLength(),
                r.duration("REGISTRY_REGEX_BUDGET", "registry.regex.time-budget", defaults.regexTimeBudget()),
                r.duration("REGISTRY_TOKEN_TTL", "registry.token.ttl", defaults.tokenLifetime()),
                r.integer("REGISTRY_TOKEN_MAX_USES", "registry.token.max-uses", (int) defaults.tokenMaxUses()),
                defaults.minPasswordLength(),
                defaults.maxUrlLength(),
                r.bool("REGISTRY_RATING_GATE", "registry.rating.gate", false),
                r.decimal("REGISTRY_RATING_THRESHOLD", "registry.rating.threshold", defaults.ratingThreshold()),
                r.longValue("REGISTRY_BUNDLE_MAX_BYTES", "registry.bundle.max-bytes", defaults.maxBundleBytes()),
                r.longValue("REGISTRY_BUNDLE_SMALL_FILE_BYTES", "registry.bundle.small-file-bytes",
                        defaults.smallFileBytes()),
                r.integer("REGISTRY_BUNDLE_MAX_FILES", "registry.bundle.max-files", defaults.maxBundleFiles()));
        HubSettings hubDefaults = HubSettings.defaults();
        Duration hubTimeout = r.duration("REGISTRY_HUB_TIMEOUT", "registry.hub.timeout",
                hubDefaults.requestTimeout());
        HubSettings hub = new HubSettings(
                r.uri("HF_ENDPOINT", "registry.hub.huggingface.endpoint", hubDefaults.huggingFaceEndpoint()),
                r.text("HF_TOKEN", "registry.hub.huggingface.token"),
                r.uri("GITHUB_API_URL", "registry.hub.github.endpoint", hubDefaults.gitHubApiUrl()),
                r.text("GITHUB_TOKEN", "registry.hub.github.token"),
                hubDefaults.connectTimeout(),
                hubTimeout,
                r.integer("REGISTRY_HUB_ATTEMPTS", "registry.hub.attempts", hubDefaults.maxAttempts()),
                hubDefaults.initialBackoff(),
                r.text("REGISTRY_HUB_ALLOWED_NETWORKS", "registry.hub.allowed-networks")
                        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                        .orElse(List.of()),
                hubDefaults.maxReadmeBytes(),
                hubDefaults.maxJsonBytes(),
                r.duration("REGISTRY_HUB_RESOLVE_DEADLINE", "registry.hub.resolve-deadline",
                        hubDefaults.resolveDeadline()),
                r.integer("REGISTRY_HUB_MAX_CALLS", "registry.hub.max-calls", hubDefaults.maxCallsPerResolve()),
                r.duration("REGISTRY_HUB_RATE_LIMIT_WAIT", "registry.hub.rate-limit-wait",
                        hubDefaults.maxRateLimitWait()),
                r.longValue("REGISTRY_HUB_MIN_RATE", "registry.hub.min-transfer-rate", hubDefaults.minTransferRate()),
                r.integer("REGISTRY_HUB_MAX_PAGES", "registry.hub.max-pages", hubDefaults.maxPages()));
        return new AppSettings(
                r.text("HOST", "server.host").orElse("0.0.0.0"),
                r.integer("PORT", "server.port", 8080),
                storage(r),
                Path.of(r.text("REGISTRY_DATA_DIR", "registry.data-dir").orElse("./registry-data")),
                r.text("REGISTRY_PUBLIC_URL", "registry.public-url").map(URI::create),
                r.integer("REGISTRY_MAX_BODY_BYTES", "registry.max-body-bytes", 1024 * 1024),
                r.text("REGISTRY_JWT_SECRET", "registry.jwt.secret"),
                r.bool("REGISTRY_DOWNLOAD_REDIRECT", "registry.download.redirect", false),
                r.longValue("REGISTRY_DOWNLOAD_REDIRECT_MIN_BYTES", "registry.download.redirect-min-bytes", 1L << 20),
                new Argon2Parameters(
                        r.integer("REGISTRY_ARGON2_MEMORY_KIB", "registry.argon2.memory-kib",
                                Argon2Parameters.OWASP.memoryKib()),
                        r.integer("REGISTRY_ARGON2_ITERATIONS", "registry.argon2.iterations",
                                Argon2Parameters.OWASP.iterations()),
                        Argon2Parameters.OWASP.parallelism()),
                core,
                hub,
                new KaggleSettings(r.uri("KAGGLE_API_URL", "registry.hub.kaggle.endpoint", KaggleSettings.PUBLIC_API),
                        r.text("KAGGLE_USERNAME", "registry.hub.kaggle.username"),
                        r.text("KAGGLE_KEY", "registry.hub.kaggle.key")),
                r.duration("REGISTRY_EMF_INTERVAL", "registry.metrics.emf-interval", Duration.ZERO));
    }

    private static Storage storage(Reader r) {
        Optional<PostgresSettings> postgres = r.text("REGISTRY_DB_URL", "registry.db.url").map(url -> {
            PostgresSettings base = PostgresSettings.of(url, r.text("REGISTRY_DB_USER", "registry.db.user")
                    .orElse("registry"), r.text("REGISTRY_DB_PASSWORD", "registry.db.password"));
            return new PostgresSettings(base.jdbcUrl(), base.user(), base.password(),
                    r.text("REGISTRY_DB_SCHEMA", "registry.db.schema").orElse("registry"),
                    r.integer("REGISTRY_DB_POOL_SIZE", "registry.db.pool-size", 10), base.connectTimeout());
        });
        Optional<S3Settings> s3 = r.text("REGISTRY_S3_BUCKET", "registry.s3.bucket").map(bucket -> {
            Optional<URI> endpoint = r.text("REGISTRY_S3_ENDPOINT", "registry.s3.endpoint").map(URI::create);
            String region = r.text("REGISTRY_S3_REGION", "registry.s3.region")
                    .or(() -> r.text("AWS_REGION", "registry.s3.aws-region")).orElse("us-east-1");
            return new S3Settings(bucket, region, endpoint,
                    r.bool("REGISTRY_S3_PATH_STYLE", "registry.s3.path-style", endpoint.isPresent()),
                    r.text("REGISTRY_S3_ACCESS_KEY", "registry.s3.access-key"),
                    r.text("REGISTRY_S3_SECRET_KEY", "registry.s3.secret-key"),
                    r.text("REGISTRY_S3_PREFIX", "registry.s3.prefix").orElse(""), 8 * 1024 * 1024,
                    Duration.ofSeconds(1));
        });
        return new Storage(r.text("REGISTRY_CATALOG", "registry.storage.catalog").orElse("filesystem"),
                r.text("REGISTRY_BLOBS", "registry.storage.blobs").orElse("filesystem"), postgres, s3);
    }

    /** Looks a setting up in the environment, then in config. */
    private record Reader(Config config, Map<String, String> env) {

        Optional<String> text(String envName, String key) {
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(fromEnv.strip());
            }
            return config.get(key).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
        }

        int integer(String envName, String key, int defaultValue) {
            Optional<String> value = text(envName, key);
            try {
                return value.map(Integer::parseInt).orElse(defaultValue);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(envName + " / " + key + " must be an integer, not '"
                        + value.get() + "'");
            }
        }

        long longValue(String envName, String key, long defaultValue) {
            Optional<String> value = text(envName, key);
            try {
                return value.map(Long::parseLong).orElse(defaultValue);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(envName + " / " + key + " must be an integer, not '"
                        + value.get() + "'");
            }
        }

        boolean bool(String envName, String key, boolean defaultValue) {
            Optional<String> value = text(envName, key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException(envName + " / " + key + " must be true or false, not '"
                        + value.get() + "'");
            };
        }

        double decimal(String envName, String key, double defaultValue) {
            Optional<String> value = text(envName, key);
            try {
                return value.map(Double::parseDouble).orElse(defaultValue);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(envName + " / " + key + " must be a number, not '" + value.get()
                        + "'");
            }
        }

        Duration duration(String envName, String key, Duration defaultValue) {
            Optional<String> value = text(envName, key);
            try {
                return value.map(Duration::parse).orElse(defaultValue);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(envName + " / " + key
                        + " must be an ISO-8601 duration such as PT30S, not '" + value.get() + "'");
            }
        }

        URI uri(String envName, String key, URI defaultValue) {
            Optional<String> value = text(envName, key);
            URI uri = value.map(URI::create).orElse(defaultValue);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException(envName + " / " + key + " must be an absolute URL, not '"
                        + uri + "'");
            }
            return uri;
        }
    }
}
