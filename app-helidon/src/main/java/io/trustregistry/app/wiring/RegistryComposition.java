package io.trustregistry.app.wiring;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.trustregistry.adapter.filesystem.FilesystemStorage;
import io.trustregistry.adapter.hub.HttpUpstreamHub;
import io.trustregistry.adapter.node.NodeMonitorSandbox;
import io.trustregistry.adapter.postgres.PostgresStorage;
import io.trustregistry.adapter.s3.S3BlobStore;
import io.trustregistry.app.config.AppSettings;
import io.trustregistry.adapter.auth.Argon2PasswordHasher;
import io.trustregistry.adapter.auth.JwtTokenCodec;
import io.trustregistry.core.Registry;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.AuditLog;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.SecretStore;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.UpstreamHub;
import io.trustregistry.core.port.out.UserStore;

/**
 * The composition root: builds the core's {@link Registry} on the adapters the settings select.
 * <ul>
 *   <li>catalog, users, tokens and audit: {@code filesystem} (the default, in the data
 *       directory) or {@code postgres};</li>
 *   <li>blobs: {@code filesystem} or {@code s3};</li>
 *   <li>the JWT secret: configured, else shared through PostgreSQL, else kept in the data
 *       directory.</li>
 * </ul>
 * With PostgreSQL and S3 the server keeps nothing locally, so any number can run side by side.
 * Closing releases every adapter, in reverse order of opening.
 */
public final class RegistryComposition implements Closeable {

    private final Registry registry;
    private final List<AutoCloseable> opened;
    private final String description;

    private RegistryComposition(Registry registry, List<AutoCloseable> opened, String description) {
        this.registry = registry;
        this.opened = opened;
        this.description = description;
    }

    /** Wires the registry described by {@code settings}. */
    public static RegistryComposition create(AppSettings settings) {
        return create(settings, new HttpUpstreamHub(settings.hub(), settings.kaggle()));
    }

    /** Wires the registry with an explicit hub. */
    public static RegistryComposition create(AppSettings settings, UpstreamHub hub) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            AppSettings.Storage storage = settings.storage();
            FilesystemStorage files = null;
            if (storage.usesDataDirectory()) {
                files = FilesystemStorage.open(settings.dataDirectory());
                opened.add(files);
            }
            PostgresStorage postgres = null;
            if (storage.catalog().equals("postgres")) {
                postgres = PostgresStorage.open(storage.postgres().orElseThrow());
                opened.add(postgres);
            }
            ArtifactCatalog catalog = postgres != null ? postgres.catalog() : files.catalog();
            UserStore users = postgres != null ? postgres.users() : files.users();
            TokenStore tokens = postgres != null ? postgres.tokens() : files.tokens();
            AuditLog audit = postgres != null ? postgres.audit() : files.audit();
            BlobStore blobs;
            if (storage.blobs().equals("s3")) {
                S3BlobStore s3 = new S3BlobStore(storage.s3().orElseThrow());
                opened.add(s3);
                blobs = s3;
            } else {
                blobs = files.blobs();
            }
            // a configured secret, else one generated once and kept with the catalog, shared by its servers
            SecretStore secrets = postgres != null ? postgres.secrets() : files.secrets();
            byte[] secret = settings.jwtSecret().map(RegistryComposition::configuredSecret)
                    .orElseGet(() -> secrets.getOrCreate("jwt-secret", JwtTokenCodec.MIN_SECRET_BYTES));
            Registry registry = Registry.builder()
                    .catalog(catalog).blobs(blobs).users(users).tokens(tokens).audit(audit)
                    .hub(hub)
                    .passwords(new Argon2PasswordHasher(settings.argon2()))
                    .tokenCodec(new JwtTokenCodec(secret))
                    .settings(settings.core())
                    .monitors(new NodeMonitorSandbox(settings.monitors()))
                    .transactions(postgres != null ? postgres.transactions() : files.transactions(),
                            settings.transactions())
                    .build();
            String description = "catalog " + (postgres != null ? "PostgreSQL (schema "
                    + storage.postgres().get().schema() + ")" : "filesystem at " + files.directory().root())
                    + ", blobs " + (storage.blobs().equals("s3") ? "S3 bucket " + storage.s3().get().bucket()
                    : "filesystem");
            return new RegistryComposition(registry, opened, description);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static byte[] configuredSecret(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length < JwtTokenCodec.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("REGISTRY_JWT_SECRET must be at least " + JwtTokenCodec.MIN_SECRET_BYTES
                    + " bytes (for example: openssl rand -hex 32)");
        }
        return bytes;
    }

    public Registry registry() {
        return registry;
    }

    /** Storage backend names, for the start-up banner. */
    public String describeStorage() {
        return description;
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing is best effort; the process is usually ending
            }
        }
    }
}
