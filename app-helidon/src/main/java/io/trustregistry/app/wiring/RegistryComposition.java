package io.trustregistry.app.wiring;

import java.io.Closeable;

import io.trustregistry.adapter.filesystem.FilesystemStorage;
import io.trustregistry.adapter.hub.HttpUpstreamHub;
import io.trustregistry.app.config.AppSettings;
import io.trustregistry.app.security.Argon2PasswordHasher;
import io.trustregistry.app.security.JwtSecrets;
import io.trustregistry.app.security.JwtTokenCodec;
import io.trustregistry.core.Registry;
import io.trustregistry.core.port.out.UpstreamHub;

/**
 * The composition root: builds the core's {@link Registry} on the adapters the settings select.
 * Today storage is the filesystem adapter (the zero-configuration default); the hub is the real
 * HTTP hub unless a test supplies another. Closing releases the storage.
 */
public final class RegistryComposition implements Closeable {

    private final Registry registry;
    private final FilesystemStorage storage;

    private RegistryComposition(Registry registry, FilesystemStorage storage) {
        this.registry = registry;
        this.storage = storage;
    }

    /** Wires the registry described by {@code settings}. */
    public static RegistryComposition create(AppSettings settings) {
        return create(settings, new HttpUpstreamHub(settings.hub()));
    }

    /** Wires the registry with an explicit hub. */
    public static RegistryComposition create(AppSettings settings, UpstreamHub hub) {
        FilesystemStorage storage = FilesystemStorage.open(settings.dataDirectory());
        try {
            byte[] secret = JwtSecrets.resolve(settings.jwtSecret(), settings.dataDirectory());
            Registry registry = Registry.builder()
                    .catalog(storage.catalog())
                    .blobs(storage.blobs())
                    .users(storage.users())
                    .tokens(storage.tokens())
                    .audit(storage.audit())
                    .hub(hub)
                    .passwords(new Argon2PasswordHasher(settings.argon2()))
                    .tokenCodec(new JwtTokenCodec(secret))
                    .settings(settings.core())
                    .build();
            return new RegistryComposition(registry, storage);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    public Registry registry() {
        return registry;
    }

    /** Storage backend names, for health and logs. */
    public String describeStorage() {
        return "filesystem at " + storage.directory().root();
    }

    @Override
    public void close() {
        storage.close();
    }
}
