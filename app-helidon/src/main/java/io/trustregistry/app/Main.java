package io.trustregistry.app;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

import io.trustregistry.adapter.filesystem.DataDirectoryLockedException;
import io.trustregistry.app.config.AppSettings;
import io.trustregistry.app.observability.FatalErrors;

/**
 * Starts the registry: {@code java -jar app-helidon/target/registry.jar}. With no configuration
 * it serves on port 8080 and keeps everything under {@code ./registry-data}; see the README for
 * every setting and its environment variable.
 */
public final class Main {

    /** Cannot be instantiated. */
    private Main() {
    }

    /**
     * Entry point.
     *
     * @param args ignored; configuration comes from application.yaml and the environment
     */
    public static void main(String[] args) {
        FatalErrors.install();
        LogConfig.configureRuntime();
        Config config = Config.create();
        AppSettings settings;
        RegistryServer server;
        try {
            settings = AppSettings.load(config);
            server = RegistryServer.start(config, settings);
        } catch (DataDirectoryLockedException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("The registry could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-shutdown"));
        System.err.println("Trustworthy Model Registry " + RegistryServer.VERSION + " listening on "
                + server.baseUrl() + " (storage: " + server.storage() + ")");
    }
}
