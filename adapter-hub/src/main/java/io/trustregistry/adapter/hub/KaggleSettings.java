package io.trustregistry.adapter.hub;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Kaggle's public API v1 is and who to call it as. Variable names follow Kaggle's own
 * client: {@code KAGGLE_USERNAME} and {@code KAGGLE_KEY} (the legacy API key, sent as HTTP
 * basic credentials).
 *
 * @param apiUrl   API base, {@code https://www.kaggle.com/api/v1}
 * @param username Kaggle user name, if configured
 * @param key      Kaggle API key, if configured
 */
public record KaggleSettings(URI apiUrl, Optional<String> username, Optional<String> key) {

    /** The public API base URL. */
    public static final URI PUBLIC_API = URI.create("https://www.kaggle.com/api/v1");

    public KaggleSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        username = Objects.requireNonNull(username, "username").filter(s -> !s.isBlank());
        key = Objects.requireNonNull(key, "key").filter(s -> !s.isBlank());
    }

    /** The public API, no credentials. */
    public static KaggleSettings defaults() {
        return new KaggleSettings(PUBLIC_API, Optional.empty(), Optional.empty());
    }

    /** The public API with the credentials {@code KAGGLE_USERNAME}/{@code KAGGLE_KEY} name, if both are set. */
    public static KaggleSettings fromEnvironment(Map<String, String> environment) {
        return new KaggleSettings(PUBLIC_API, Optional.ofNullable(environment.get("KAGGLE_USERNAME")),
                Optional.ofNullable(environment.get("KAGGLE_KEY")));
    }

    /** A copy pointing at another API base (for fakes). */
    public KaggleSettings pointedAt(String baseUrl) {
        return new KaggleSettings(URI.create(baseUrl), username, key);
    }

    /** A copy with these credentials. */
    public KaggleSettings withCredentials(String user, String apiKey) {
        return new KaggleSettings(apiUrl, Optional.of(user), Optional.of(apiKey));
    }

    /** Whether both halves of the credentials are there. */
    public boolean hasCredentials() {
        return username.isPresent() && key.isPresent();
    }

    @Override
    public String toString() {
        // never print the key
        return "KaggleSettings[apiUrl=" + apiUrl + ", username=" + username.orElse("<none>") + ", key="
                + (key.isPresent() ? "<set>" : "<none>") + "]";
    }
}
