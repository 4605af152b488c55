package io.trustregistry.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;

import io.trustregistry.adapter.auth.Argon2PasswordHasher;
import io.trustregistry.adapter.hub.HubSettings;
import io.trustregistry.adapter.hub.KaggleSettings;
import io.trustregistry.adapter.node.NodeMonitorSettings;
import io.trustregistry.adapter.postgres.PostgresSettings;
import io.trustregistry.adapter.s3.S3Settings;
import io.trustregistry.core.RegistrySettings;
import io.trustregistry.core.model.TransactionSettings;

/**
 * Everything the server can be told, read once at start-up. Each setting comes from, in order:
 * its environment variable, its key in {@code application.yaml} (or any Helidon config
 * source), its default. With nothing set the registry serves on port 8080 and keeps its data
 * under {@code ./registry-data}.
 *
 * <p>Each setting is described once, as a {@link Setting} constant below (environment name,
 * config key, default, meaning); loading reads through those constants, {@link #SETTINGS}
 * lists them all, and a test holds the list against the README's configuration table. A
 * default written there is the one that applies, and equals the default of the settings
 * record it feeds (a test checks that too).
 */
public record AppSettings(
        String host,
        int port,
        Storage storage,
        Path dataDirectory,
        Optional<URI> publicUrl,
        long maxBodyBytes,
        Optional<String> jwtSecret,
        Argon2PasswordHasher.Argon2Parameters argon2,
        RegistrySettings core,
        HubSettings hub,
        KaggleSettings kaggle,
        Duration blobCollectionInterval,
        Duration emfInterval,
        String emfService,
        Duration headerTimeout,
        Duration bodyTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        int maxConnections,
        NodeMonitorSettings monitors,
        TransactionSettings transactions) {

    public AppSettings {
        if (!headerTimeout.isPositive() || !bodyTimeout.isPositive() || !idleTimeout.isPositive()) {
            throw new IllegalArgumentException("REGISTRY_HEADER_TIMEOUT, REGISTRY_BODY_TIMEOUT and REGISTRY_IDLE_TIMEOUT"
                    + " must be positive durations such as PT10S");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("REGISTRY_MAX_CONNECTIONS must be at least 1, not " + maxConnections);
        }
        if (writeTimeout.compareTo(idleTimeout) <= 0) {
            // a write clock left running after an answer must never close a connection before the idle sweep would
            throw new IllegalArgumentException("REGISTRY_WRITE_TIMEOUT (" + writeTimeout + ") must be longer than"
                    + " REGISTRY_IDLE_TIMEOUT (" + idleTimeout + ")");
        }
    }


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

    /**
     * A setting.
     *
     * @param env          its environment variable
     * @param key          its config key
     * @param defaultValue the value that applies when it is unset, or {@code null} when there is
     *                     none or it is derived (see {@code meaning})
     * @param meaning      what it is for
     */
    public record Setting(String env, String key, String defaultValue, String meaning) {
    }

    private static final List<Setting> ALL = new ArrayList<>();

    private static Setting setting(String env, String key, String defaultValue, String meaning) {
        Setting setting = new Setting(env, key, defaultValue, meaning);
        ALL.add(setting);
        return setting;
    }

    // ---- server
    static final Setting PORT = setting("PORT", "server.port", "8080", "HTTP port");
    static final Setting HOST = setting("HOST", "server.host", "0.0.0.0", "interface to listen on");
    // ---- storage
    static final Setting CATALOG = setting("REGISTRY_CATALOG", "registry.storage.catalog", "filesystem",
            "where catalog, users, tokens and audit live: filesystem or postgres");
    static final Setting BLOBS = setting("REGISTRY_BLOBS", "registry.storage.blobs", "filesystem",
            "where artifact files live: filesystem or s3");
    static final Setting DB_URL = setting("REGISTRY_DB_URL", "registry.db.url", null,
            "JDBC URL of PostgreSQL, e.g. jdbc:postgresql://db:5432/registry");
    static final Setting DB_USER = setting("REGISTRY_DB_USER", "registry.db.user", "registry", "database user");
    static final Setting DB_PASSWORD = setting("REGISTRY_DB_PASSWORD", "registry.db.password", null,
            "database password (ECS injects it from Secrets Manager)");
    static final Setting DB_SCHEMA = setting("REGISTRY_DB_SCHEMA", "registry.db.schema", "registry",
            "schema holding the tables");
    static final Setting DB_POOL_SIZE = setting("REGISTRY_DB_POOL_SIZE", "registry.db.pool-size", "10",
            "connections per server");
    static final Setting S3_BUCKET = setting("REGISTRY_S3_BUCKET", "registry.s3.bucket", null,
            "bucket for artifact files");
    static final Setting S3_REGION = setting("REGISTRY_S3_REGION", "registry.s3.region", null,
            "the bucket's region; unset: AWS_REGION, else us-east-1");
    static final Setting S3_ENDPOINT = setting("REGISTRY_S3_ENDPOINT", "registry.s3.endpoint", null,
            "endpoint of an S3-compatible server such as MinIO; unset: AWS");
    static final Setting S3_PATH_STYLE = setting("REGISTRY_S3_PATH_STYLE", "registry.s3.path-style", null,
            "path-style addressing (MinIO needs it); unset: true with an endpoint");
    static final Setting S3_ACCESS_KEY = setting("REGISTRY_S3_ACCESS_KEY", "registry.s3.access-key", null,
            "static access key (MinIO); on AWS leave unset and use the task role");
    static final Setting S3_SECRET_KEY = setting("REGISTRY_S3_SECRET_KEY", "registry.s3.secret-key", null,
            "its secret");
    static final Setting S3_PREFIX = setting("REGISTRY_S3_PREFIX", "registry.s3.prefix", null,
            "key prefix inside the bucket, ending in /");
    static final Setting DATA_DIR = setting("REGISTRY_DATA_DIR", "registry.data-dir", "./registry-data",
            "directory for the filesystem storage (catalog, users, tokens, audit, blobs)");
    // ---- API
    static final Setting PUBLIC_URL = setting("REGISTRY_PUBLIC_URL", "registry.public-url", null,
            "base URL used in download_url, e.g. https://registry.example.com; unset: from the request's Host");
    static final Setting HEADER_TIMEOUT = setting("REGISTRY_HEADER_TIMEOUT", "registry.server.header-timeout", "PT10S",
            "a request's line and headers must arrive within this, or the connection is closed (slowloris)");
    static final Setting BODY_TIMEOUT = setting("REGISTRY_BODY_TIMEOUT", "registry.server.body-timeout", "PT30S",
            "a request's body must arrive within this after its headers, or the connection is closed");
    static final Setting WRITE_TIMEOUT = setting("REGISTRY_WRITE_TIMEOUT", "registry.server.write-timeout", "PT90S",
            "a client must take each chunk of an answer within this, or the connection is closed; above the idle timeout");
    static final Setting IDLE_TIMEOUT = setting("REGISTRY_IDLE_TIMEOUT", "registry.server.idle-timeout", "PT75S",
            "a connection silent this long between requests is closed; keep it above a load balancer's (the ALB's 60 s)");
    static final Setting MAX_CONNECTIONS = setting("REGISTRY_MAX_CONNECTIONS", "registry.server.max-connections",
            "4096", "open client connections at most; further ones wait to be accepted");
    static final Setting MAX_BODY_BYTES = setting("REGISTRY_MAX_BODY_BYTES", "registry.max-body-bytes", "1048576",
            "largest request body accepted; larger ones get 413");
    static final Setting JWT_SECRET = setting("REGISTRY_JWT_SECRET", "registry.jwt.secret", null,
            "HS256 signing secret, at least 32 bytes; unset: generated once and kept with the storage");
    static final Setting TOKEN_TTL = setting("REGISTRY_TOKEN_TTL", "registry.token.ttl", "PT10H",
            "token lifetime (ISO-8601 duration)");
    static final Setting TOKEN_MAX_USES = setting("REGISTRY_TOKEN_MAX_USES", "registry.token.max-uses", "1000",
            "API calls one token authorises");
    static final Setting LOGIN_MAX_FAILURES = setting("REGISTRY_LOGIN_MAX_FAILURES", "registry.login.max-failures",
            "10", "failed logins for one user, or from one address, before further attempts answer 429 for a while");
    static final Setting LOGIN_MAX_LOCKOUT = setting("REGISTRY_LOGIN_MAX_LOCKOUT", "registry.login.max-lockout",
            "PT15M", "the longest such a refusal lasts (it doubles with each further failure)");
    static final Setting USER_RATE = setting("REGISTRY_USER_RATE", "registry.user.requests-per-second", "100",
            "calls one user may make per second, sustained, before 429 (0: no limit)");
    static final Setting USER_BURST = setting("REGISTRY_USER_BURST", "registry.user.request-burst", "500",
            "calls one user may make at once beyond that rate");
    static final Setting PAGE_SIZE = setting("REGISTRY_PAGE_SIZE", "registry.page-size", "100",
            "artifacts per enumeration page");
    static final Setting REGEX_BUDGET = setting("REGISTRY_REGEX_BUDGET", "registry.regex.time-budget", "PT1S",
            "longest a regex search may scan before answering 400");
    static final Setting RATING_GATE = setting("REGISTRY_RATING_GATE", "registry.rating.gate", "false",
            "refuse (424) models whose metrics fall below the threshold");
    static final Setting RATING_THRESHOLD = setting("REGISTRY_RATING_THRESHOLD", "registry.rating.threshold", "0.5",
            "least score each gated metric must reach");
    static final Setting BUNDLE_MAX_BYTES = setting("REGISTRY_BUNDLE_MAX_BYTES", "registry.bundle.max-bytes",
            "2147483648", "sources larger than this keep only their small files (the full size still counts for"
                    + " cost)");
    static final Setting BUNDLE_SMALL_FILE_BYTES = setting("REGISTRY_BUNDLE_SMALL_FILE_BYTES",
            "registry.bundle.small-file-bytes", "10485760",
            "files up to this size are stored even from sources over the cap");
    static final Setting BUNDLE_MAX_FILES = setting("REGISTRY_BUNDLE_MAX_FILES", "registry.bundle.max-files", "200",
            "most files one registration fetches and stores; the rest are listed with their sizes");
    static final Setting DOWNLOAD_REDIRECT = setting("REGISTRY_DOWNLOAD_REDIRECT", "registry.download.redirect",
            "false", "answer single-file downloads with a 302 to a presigned URL when the blob store can issue one");
    static final Setting DOWNLOAD_REDIRECT_MIN_BYTES = setting("REGISTRY_DOWNLOAD_REDIRECT_MIN_BYTES",
            "registry.download.redirect-min-bytes", "1048576",
            "smaller files are served directly even with redirects on (READMEs, configs)");
    static final Setting DOWNLOAD_PRESIGN_TTL = setting("REGISTRY_DOWNLOAD_PRESIGN_TTL",
            "registry.download.presign-ttl", "PT15M", "how long a presigned download URL stays valid");
    static final Setting BLOB_GC_INTERVAL = setting("REGISTRY_BLOB_GC_INTERVAL", "registry.blobs.gc-interval",
            "PT1H", "how often unreferenced blobs are collected (deleted artifacts, failed ingests); PT0S: never");
    static final Setting BLOB_GC_GRACE = setting("REGISTRY_BLOB_GC_GRACE", "registry.blobs.gc-grace", "PT6H",
            "blobs written less than this long ago are never collected; must exceed the longest ingest");
    static final Setting EMF_INTERVAL = setting("REGISTRY_EMF_INTERVAL", "registry.metrics.emf-interval", "PT0S",
            "how often to print CloudWatch Embedded Metric Format lines to stdout (PT0S: never), e.g. PT60S on ECS");
    static final Setting EMF_SERVICE = setting("REGISTRY_EMF_SERVICE", "registry.metrics.emf-service", "trust-registry",
            "the Service dimension of those metrics: one per deployment, so that two in one account do not mix");
    static final Setting ARGON2_MEMORY_KIB = setting("REGISTRY_ARGON2_MEMORY_KIB", "registry.argon2.memory-kib",
            "19456", "Argon2id memory cost");
    static final Setting ARGON2_ITERATIONS = setting("REGISTRY_ARGON2_ITERATIONS", "registry.argon2.iterations", "2",
            "Argon2id time cost");
    // ---- upstream hubs
    static final Setting HF_ENDPOINT = setting("HF_ENDPOINT", "registry.hub.huggingface.endpoint",
            "https://huggingface.co", "Hugging Face Hub base URL");
    static final Setting HF_TOKEN = setting("HF_TOKEN", "registry.hub.huggingface.token", null,
            "Hugging Face token for gated repos");
    static final Setting GITHUB_API_URL = setting("GITHUB_API_URL", "registry.hub.github.endpoint",
            "https://api.github.com", "GitHub REST API base URL");
    static final Setting GITHUB_TOKEN = setting("GITHUB_TOKEN", "registry.hub.github.token", null,
            "GitHub token (higher rate limit)");
    static final Setting KAGGLE_API_URL = setting("KAGGLE_API_URL", "registry.hub.kaggle.endpoint",
            "https://www.kaggle.com/api/v1", "Kaggle public API v1 base URL");
    static final Setting KAGGLE_USERNAME = setting("KAGGLE_USERNAME", "registry.hub.kaggle.username", null,
            "Kaggle user name; without it and KAGGLE_KEY, Kaggle datasets register with their URL only");
    static final Setting KAGGLE_KEY = setting("KAGGLE_KEY", "registry.hub.kaggle.key", null,
            "Kaggle API key (HTTP basic credentials)");
    static final Setting HUB_ALLOWED_NETWORKS = setting("REGISTRY_HUB_ALLOWED_NETWORKS",
            "registry.hub.allowed-networks", null,
            "comma-separated CIDR ranges ingest may fetch although internal, e.g. 10.0.0.0/8");
    static final Setting HUB_TIMEOUT = setting("REGISTRY_HUB_TIMEOUT", "registry.hub.timeout", "PT30S",
            "longest one metadata request may take, headers and body; for a file transfer, the longest it may go"
                    + " without data");
    static final Setting HUB_ATTEMPTS = setting("REGISTRY_HUB_ATTEMPTS", "registry.hub.attempts", "3",
            "attempts per upstream request (retries on 429, 5xx, network errors)");
    static final Setting HUB_RESOLVE_DEADLINE = setting("REGISTRY_HUB_RESOLVE_DEADLINE",
            "registry.hub.resolve-deadline", "PT60S",
            "longest the metadata phase of one registration may take upstream, retries included");
    static final Setting HUB_MAX_CALLS = setting("REGISTRY_HUB_MAX_CALLS", "registry.hub.max-calls", "150",
            "most upstream requests the metadata phase of one registration may make");
    static final Setting HUB_RATE_LIMIT_WAIT = setting("REGISTRY_HUB_RATE_LIMIT_WAIT", "registry.hub.rate-limit-wait",
            "PT10S", "longest a registration waits for an upstream rate limit to reset before answering 503");
    static final Setting HUB_MIN_RATE = setting("REGISTRY_HUB_MIN_RATE", "registry.hub.min-transfer-rate", "8192",
            "bytes per second a file transfer must keep up (over windows of REGISTRY_HUB_TIMEOUT)");
    static final Setting HUB_MAX_PAGES = setting("REGISTRY_HUB_MAX_PAGES", "registry.hub.max-pages", "10",
            "most pages followed in one paginated upstream listing (contributors, commits)");


    // ---- monitor programs of sensitive models
    static final Setting MONITOR_NODE = setting("REGISTRY_MONITOR_NODE", "registry.monitor.node", "node",
            "the Node.js 24 executable that runs monitor programs: a path, or a name looked up on PATH");
    static final Setting MONITOR_WORK_DIR = setting("REGISTRY_MONITOR_WORK_DIR", "registry.monitor.work-dir", null,
            "where each monitor run gets a private directory for its program and zip, deleted afterwards"
                    + " (default: registry-monitors under the system temporary directory)");
    static final Setting MONITOR_TIMEOUT = setting("REGISTRY_MONITOR_TIMEOUT", "registry.monitor.timeout", "PT10S",
            "wall-clock limit of one monitor run (it is killed and the download rejected); also the longest a"
                    + " download waits for a free monitor slot");
    static final Setting MONITOR_MEMORY_BYTES = setting("REGISTRY_MONITOR_MEMORY_BYTES", "registry.monitor.memory-bytes",
            "268435456", "resident memory one monitor run may use before it is killed (half is its V8 heap limit)");
    static final Setting MONITOR_OUTPUT_BYTES = setting("REGISTRY_MONITOR_OUTPUT_BYTES", "registry.monitor.output-bytes",
            "16384", "bytes of a monitor's standard output (and, apart, its error) kept for the error message");
    static final Setting MONITOR_CONCURRENCY = setting("REGISTRY_MONITOR_CONCURRENCY", "registry.monitor.concurrency",
            "2", "monitor programs running at once; more downloads wait for a slot");
    static final Setting MONITOR_ISOLATION = setting("REGISTRY_MONITOR_ISOLATION", "registry.monitor.isolation",
            "sandbox", "sandbox (bubblewrap: namespaces, read-only view of the runtime and the run only, no network"
                    + " but a relay to the allowed hosts) or permission-model (Node's permission model and an in-process"
                    + " guard only, weaker, for hosts that cannot make namespaces such as ECS Fargate)");
    static final Setting MONITOR_ALLOWED_HOSTS = setting("REGISTRY_MONITOR_ALLOWED_HOSTS",
            "registry.monitor.allowed-hosts", null,
            "comma-separated host or host:port a monitor may connect to (the organisation's audit servers);"
                    + " none by default");
    static final Setting TRANSACTION_LIFETIME = setting("REGISTRY_TRANSACTION_LIFETIME", "registry.transaction.lifetime",
            "PT1H", "how long a transaction lives: open, before it is abandoned; executed, before its outcome is"
                    + " forgotten");
    static final Setting TRANSACTION_LEASE = setting("REGISTRY_TRANSACTION_LEASE", "registry.transaction.lease", "PT15M",
            "how long one step of a transaction's execution may take before the execution counts as stalled (its server"
                    + " stopped) and is settled from the catalog by the next reader");
    static final Setting TRANSACTION_MAX_COMMANDS = setting("REGISTRY_TRANSACTION_MAX_COMMANDS",
            "registry.transaction.max-commands", "100", "the most commands one transaction holds");

    /** Every setting, in the order the README documents them. */
    public static final List<Setting> SETTINGS = List.copyOf(ALL);

    /** Reads the settings from Helidon config and the process environment. */
    public static AppSettings load(Config config) {
        return load(config, System.getenv());
    }

    /** Reads the settings from Helidon config and {@code env}. */
    public static AppSettings load(Config config, Map<String, String> env) {
        Reader r = new Reader(config, env);
        RegistrySettings core = RegistrySettings.builder()
                .pageSize(r.integer(PAGE_SIZE))
                .regexTimeBudget(r.duration(REGEX_BUDGET))
                .tokenLifetime(r.duration(TOKEN_TTL))
                .tokenMaxUses(r.integer(TOKEN_MAX_USES))
                .ratingGate(r.bool(RATING_GATE))
                .ratingThreshold(r.decimal(RATING_THRESHOLD))
                .maxBundleBytes(r.longValue(BUNDLE_MAX_BYTES))
                .smallFileBytes(r.longValue(BUNDLE_SMALL_FILE_BYTES))
                .maxBundleFiles(r.integer(BUNDLE_MAX_FILES))
                .downloadRedirect(r.bool(DOWNLOAD_REDIRECT))
                .downloadRedirectMinBytes(r.longValue(DOWNLOAD_REDIRECT_MIN_BYTES))
                .presignTtl(r.duration(DOWNLOAD_PRESIGN_TTL))
                .blobCollectionGrace(r.duration(BLOB_GC_GRACE))
                .loginMaxFailures(r.integer(LOGIN_MAX_FAILURES))
                .loginMaxLockout(r.duration(LOGIN_MAX_LOCKOUT))
                .userRequestsPerSecond(r.integer(USER_RATE))
                .userRequestBurst(r.integer(USER_BURST))
                .build();
        HubSettings hubDefaults = HubSettings.defaults();
        HubSettings hub = new HubSettings(
                r.uri(HF_ENDPOINT),
                r.text(HF_TOKEN),
                r.uri(GITHUB_API_URL),
                r.text(GITHUB_TOKEN),
                hubDefaults.connectTimeout(),
                r.duration(HUB_TIMEOUT),
                r.integer(HUB_ATTEMPTS),
                hubDefaults.initialBackoff(),
                r.text(HUB_ALLOWED_NETWORKS)
                        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                        .orElse(List.of()),
                hubDefaults.maxReadmeBytes(),
                hubDefaults.maxJsonBytes(),
                r.duration(HUB_RESOLVE_DEADLINE),
                r.integer(HUB_MAX_CALLS),
                r.duration(HUB_RATE_LIMIT_WAIT),
                r.longValue(HUB_MIN_RATE),
                r.integer(HUB_MAX_PAGES));
        return new AppSettings(
                r.text(HOST).orElseThrow(),
                r.integer(PORT),
                storage(r),
                Path.of(r.text(DATA_DIR).orElseThrow()),
                r.text(PUBLIC_URL).map(URI::create),
                r.longValue(MAX_BODY_BYTES),
                r.text(JWT_SECRET),
                new Argon2PasswordHasher.Argon2Parameters(r.integer(ARGON2_MEMORY_KIB), r.integer(ARGON2_ITERATIONS),
                        Argon2PasswordHasher.Argon2Parameters.OWASP.parallelism()),
                core,
                hub,
                new KaggleSettings(r.uri(KAGGLE_API_URL), r.text(KAGGLE_USERNAME), r.text(KAGGLE_KEY)),
                r.duration(BLOB_GC_INTERVAL),
                r.duration(EMF_INTERVAL),
                r.text(EMF_SERVICE).orElseThrow(),
                r.duration(HEADER_TIMEOUT),
                r.duration(BODY_TIMEOUT),
                r.duration(WRITE_TIMEOUT),
                r.duration(IDLE_TIMEOUT),
                r.integer(MAX_CONNECTIONS),
                monitors(r),
                transactions(r));
    }

    private static NodeMonitorSettings.Isolation isolation(String text) {
        try {
            return NodeMonitorSettings.Isolation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("REGISTRY_MONITOR_ISOLATION " + e.getMessage(), e);
        }
    }

    private static TransactionSettings transactions(Reader r) {
        try {
            return new TransactionSettings(r.duration(TRANSACTION_LIFETIME), r.duration(TRANSACTION_LEASE),
                    r.integer(TRANSACTION_MAX_COMMANDS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("REGISTRY_TRANSACTION_LIFETIME, REGISTRY_TRANSACTION_LEASE and"
                    + " REGISTRY_TRANSACTION_MAX_COMMANDS: " + e.getMessage(), e);
        }
    }

    private static NodeMonitorSettings monitors(Reader r) {
        List<NodeMonitorSettings.AllowedHost> allowed = new ArrayList<>();
        for (String entry : r.text(MONITOR_ALLOWED_HOSTS).map(v -> v.split(",")).orElse(new String[0])) {
            if (!entry.isBlank()) {
                try {
                    allowed.add(NodeMonitorSettings.AllowedHost.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("REGISTRY_MONITOR_ALLOWED_HOSTS: " + e.getMessage(), e);
                }
            }
        }
        return new NodeMonitorSettings(Path.of(r.text(MONITOR_NODE).orElseThrow()),
                r.text(MONITOR_WORK_DIR).map(Path::of)
                        .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "registry-monitors")),
                r.duration(MONITOR_TIMEOUT), r.longValue(MONITOR_MEMORY_BYTES), r.integer(MONITOR_OUTPUT_BYTES),
                r.integer(MONITOR_CONCURRENCY), allowed, isolation(r.text(MONITOR_ISOLATION).orElseThrow()));
    }

    private static Storage storage(Reader r) {
        Optional<PostgresSettings> postgres = r.text(DB_URL).map(url -> {
            PostgresSettings base = PostgresSettings.of(url, r.text(DB_USER).orElseThrow(), r.text(DB_PASSWORD));
            return new PostgresSettings(base.jdbcUrl(), base.user(), base.password(), r.text(DB_SCHEMA).orElseThrow(),
                    r.integer(DB_POOL_SIZE), base.connectTimeout());
        });
        Optional<S3Settings> s3 = r.text(S3_BUCKET).map(bucket -> {
            Optional<URI> endpoint = r.text(S3_ENDPOINT).map(URI::create);
            String region = r.text(S3_REGION).or(() -> r.raw("AWS_REGION", "registry.s3.aws-region"))
                    .orElse("us-east-1");
            return new S3Settings(bucket, region, endpoint,
                    r.text(S3_PATH_STYLE).map(v -> r.bool(S3_PATH_STYLE)).orElse(endpoint.isPresent()),
                    r.text(S3_ACCESS_KEY), r.text(S3_SECRET_KEY), r.text(S3_PREFIX).orElse(""), 8 * 1024 * 1024,
                    Duration.ofSeconds(1));
        });
        return new Storage(r.text(CATALOG).orElseThrow(), r.text(BLOBS).orElseThrow(), postgres, s3);
    }

    /** Looks a setting up in the environment, then in config, then takes its default. */
    private record Reader(Config config, Map<String, String> env) {

        /** The value set for {@code envName} or {@code key}, if any. */
        Optional<String> raw(String envName, String key) {
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(fromEnv.strip());
            }
            return config.get(key).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
        }

        /** The value set, else the default; empty for an unset setting without a default. */
        Optional<String> text(Setting s) {
            return raw(s.env(), s.key()).or(() -> Optional.ofNullable(s.defaultValue()));
        }

        private String required(Setting s) {
            return text(s).orElseThrow(() -> new IllegalArgumentException(s.env() + " / " + s.key()
                    + " has no default and must be set"));
        }

        int integer(Setting s) {
            String value = required(s);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(s.env() + " / " + s.key() + " must be an integer, not '" + value
                        + "'");
            }
        }

        long longValue(Setting s) {
            String value = required(s);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(s.env() + " / " + s.key() + " must be an integer, not '" + value
                        + "'");
            }
        }

        boolean bool(Setting s) {
            String value = required(s);
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException(s.env() + " / " + s.key() + " must be true or false,"
                        + " not '" + value + "'");
            };
        }

        double decimal(Setting s) {
            String value = required(s);
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(s.env() + " / " + s.key() + " must be a number, not '" + value
                        + "'");
            }
        }

        Duration duration(Setting s) {
            String value = required(s);
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(s.env() + " / " + s.key()
                        + " must be an ISO-8601 duration such as PT30S, not '" + value + "'");
            }
        }

        URI uri(Setting s) {
            String value = required(s);
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(s.env() + " / " + s.key() + " must be an absolute URL, not '"
                        + value + "'");
            }
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException(s.env() + " / " + s.key() + " must be an absolute URL, not '"
                        + value + "'");
            }
            return uri;
        }
    }
}
