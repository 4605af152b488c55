package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import io.trustregistry.adapter.hub.HubSettings;
import io.trustregistry.adapter.hub.KaggleSettings;
import io.trustregistry.app.config.AppSettings;
import io.trustregistry.core.RegistrySettings;

/**
 * Each setting is described once: the README's configuration table names every setting with
 * its config key and its default, and with nothing configured the server runs on exactly the
 * defaults of the settings records it feeds.
 */
class DocumentedSettingsTest {

    @Test
    void everySettingIsInTheReadmeWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (AppSettings.Setting setting : AppSettings.SETTINGS) {
            String row = "| `" + setting.env() + "` | `" + setting.key() + "` |";
            assertTrue(readme.contains(row), setting.env() + " (" + setting.key()
                    + ") is missing from the README's configuration table");
            if (setting.defaultValue() != null) {
                assertTrue(readme.contains(row + " `" + setting.defaultValue() + "`"), setting.env()
                        + ": the README does not give its default " + setting.defaultValue());
            }
        }
    }

    @Test
    void withNothingConfiguredTheDefaultsAreTheRecordsDefaults() {
        // the application.yaml the server ships with repeats no default of its own
        AppSettings settings = AppSettings.load(Config.just(ConfigSources.classpath("application.yaml")), Map.of());
        assertEquals(RegistrySettings.defaults(), settings.core());
        assertEquals(HubSettings.defaults(), settings.hub());
        assertEquals(KaggleSettings.defaults(), settings.kaggle());
        assertEquals(8080, settings.port());
        assertEquals(Optional.empty(), settings.jwtSecret());
        assertEquals(io.trustregistry.adapter.auth.Argon2PasswordHasher.Argon2Parameters.OWASP, settings.argon2());
    }

    /** A write clock left running after an answer must not close a connection before the idle sweep would. */
    @Test
    void aWriteTimeoutNoLongerThanTheIdleTimeoutIsRefusedAtStart() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AppSettings.load(Config.just(ConfigSources.classpath("application.yaml")),
                        Map.of("REGISTRY_WRITE_TIMEOUT", "PT60S", "REGISTRY_IDLE_TIMEOUT", "PT75S")));
        assertTrue(refused.getMessage().contains("REGISTRY_WRITE_TIMEOUT"), refused.getMessage());
    }
}
