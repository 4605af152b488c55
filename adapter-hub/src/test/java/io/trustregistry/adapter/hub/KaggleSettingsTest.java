package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Kaggle's credentials as the environment gives them, and never in a log line. */
class KaggleSettingsTest {

    @Test
    void bothVariablesMakeCredentialsForThePublicApi() {
        KaggleSettings settings = KaggleSettings.fromEnvironment(Map.of("KAGGLE_USERNAME", "alice", "KAGGLE_KEY", "k3y"));
        assertEquals(KaggleSettings.PUBLIC_API, settings.apiUrl());
        assertTrue(settings.hasCredentials());
        assertEquals(Optional.of("alice"), settings.username());
    }

    /** Half a pair, or a blank half (an empty variable in a compose file), is no credentials at all. */
    @Test
    void halfOrBlankCredentialsAreNone() {
        assertFalse(KaggleSettings.fromEnvironment(Map.of("KAGGLE_USERNAME", "alice")).hasCredentials());
        assertFalse(KaggleSettings.fromEnvironment(Map.of("KAGGLE_KEY", "k3y")).hasCredentials());
        KaggleSettings blank = KaggleSettings.fromEnvironment(Map.of("KAGGLE_USERNAME", "alice", "KAGGLE_KEY", "  "));
        assertFalse(blank.hasCredentials());
        assertEquals(Optional.empty(), blank.key());
        assertFalse(KaggleSettings.fromEnvironment(Map.of()).hasCredentials());
    }

    @Test
    void theKeyIsNeverPrinted() {
        KaggleSettings settings = KaggleSettings.fromEnvironment(Map.of("KAGGLE_USERNAME", "alice",
                "KAGGLE_KEY", "5f1e0c1d2b3a"));
        assertEquals("KaggleSettings[apiUrl=https://www.kaggle.com/api/v1, username=alice, key=<set>]",
                settings.toString());
        assertEquals("KaggleSettings[apiUrl=https://www.kaggle.com/api/v1, username=<none>, key=<none>]",
                KaggleSettings.defaults().toString());
    }
}
