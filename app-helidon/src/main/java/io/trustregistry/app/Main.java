package io.trustregistry.app;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

import io.trustregistry.adapter.filesystem.DataDirectoryLockedException;
import io.trustregistry.app.config.AppSettings;
import io.trustregistry.app.observability.ErrorMessageRecord;
import io.trustregistry.app.observability.FatalErrors;
import io.trustregistry.core.error.DependencyUnavailableException;

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
        RegistryServer server;
        try {
            server = start(Config.create(), System.getenv());
        } catch (StartupFailure e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-shutdown"));
        System.err.println("Trustworthy Model Registry " + RegistryServer.VERSION + " listening on "
                + server.baseUrl() + " (storage: " + server.storage() + ")");
    }

    /**
     * Reads the settings and starts the server, as {@link #main} does; a bad setting, a data
     * directory another process holds, or storage it cannot reach (the database is down) is a
     * {@link StartupFailure} whose message is the line the operator reads.
     */
    static RegistryServer start(Config config, Map<String, String> env) throws StartupFailure {
        try {
            AppSettings settings = AppSettings.load(config, env);
            return RegistryServer.start(config, settings);
        } catch (DataDirectoryLockedException | DependencyUnavailableException | IllegalArgumentException
                 | IllegalStateException e) {
            ErrorMessageRecord.startup(e.getMessage());
            throw new StartupFailure("The registry could not start: " + e.getMessage(), e);
        }
    }

    /** Why the registry did not start, in the words printed to the operator. */
    static final class StartupFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartupFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
