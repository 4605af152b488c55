package io.trustregistry.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.trustregistry.adapter.filesystem.AtomicFiles;
import io.trustregistry.adapter.hub.HttpUpstreamHub;
import io.trustregistry.app.config.AppSettings;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * A real registry server for tests: random port, fresh data directory, cheap Argon2 parameters,
 * and the real HTTP hub client pointed at a {@link FakeHub} on loopback.
 */
public final class TestServer implements Deployment {

    public final FakeHub hub;
    public final RegistryServer server;
    public final Api api;
    public final Path dataDirectory;

    private TestServer(FakeHub hub, RegistryServer server, Path dataDirectory) {
        this.hub = hub;
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.api = new Api(server.baseUrl());
    }

    /** A server with default settings. */
    public static TestServer start() {
        return start(Map.of());
    }

    /** A server with extra environment settings (for example {@code REGISTRY_PAGE_SIZE}). */
    public static TestServer start(Map<String, String> extraEnv) {
        return start(extraEnv, Optional.empty());
    }

    /** A server with extra environment settings whose stdout lines (access log, EMF) go to {@code out}. */
    public static TestServer start(Map<String, String> extraEnv, Optional<java.io.PrintStream> out) {
        FakeHub hub = FakeHub.serving(HubFixtures.standard());
        try {
            Path data = Files.createTempDirectory("registry-test-");
            Map<String, String> env = new HashMap<>(environment(hub));
            env.put("PORT", "0");
            env.put("HOST", "127.0.0.1");
            env.put("REGISTRY_DATA_DIR", data.toString());
            env.putAll(extraEnv);
            Config config = Config.just(ConfigSources.classpath("application.yaml"));
            AppSettings settings = AppSettings.load(config, env);
            RegistryServer server = RegistryServer.start(config, settings, new HttpUpstreamHub(settings.hub(), settings.kaggle()),
                    out);
            return new TestServer(hub, server, data);
        } catch (IOException e) {
            hub.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    /**
     * The settings every test registry runs with: cheap Argon2 parameters, the hub clients
     * pointed at {@code hub} on loopback, short timeouts, and a bundle cap that keeps fixture
     * weights (hundreds of MB) out of test runs.
     */
    static Map<String, String> environment(FakeHub hub) {
        Map<String, String> env = new HashMap<>();
        env.put("REGISTRY_ARGON2_MEMORY_KIB", "1024");
        env.put("REGISTRY_ARGON2_ITERATIONS", "1");
        env.put("HF_ENDPOINT", hub.baseUrl());
        env.put("GITHUB_API_URL", hub.baseUrl());
        env.put("REGISTRY_HUB_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128");
        env.put("REGISTRY_HUB_TIMEOUT", "PT5S");
        env.put("REGISTRY_BUNDLE_MAX_BYTES", Long.toString(64L << 20));
        env.put("REGISTRY_BUNDLE_SMALL_FILE_BYTES", Long.toString(4L << 20));
        return env;
    }

    @Override
    public Api api() {
        return api;
    }

    @Override
    public FakeHub hub() {
        return hub;
    }

    @Override
    public String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            hub.close();
            AtomicFiles.deleteRecursively(dataDirectory);
        }
    }
}
