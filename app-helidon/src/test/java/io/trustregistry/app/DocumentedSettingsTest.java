package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.trustregistry.app.config.AppSettings;

/** The README's configuration table names every setting the server reads, with its config key. */
class DocumentedSettingsTest {

    @Test
    void everySettingIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (AppSettings.Setting setting : AppSettings.SETTINGS) {
            assertTrue(readme.contains("| `" + setting.env() + "` | `" + setting.key() + "` |"),
                    setting.env() + " (" + setting.key() + ") is missing from the README's configuration table");
        }
    }
}
