package io.trustregistry.app.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;

import io.trustregistry.core.error.InvalidRequestException;

/**
 * Reads query parameters the same way on every endpoint: the first value counts, an empty value
 * is as good as none, and a malformed one is a 400 naming the parameter and what it takes.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** The first value of {@code name}, as sent (possibly empty); empty when absent. */
    static Optional<String> first(ServerRequest req, String name) {
        return req.query().all(name, List::of).stream().findFirst();
    }

    /** {@code true}/{@code false} in any case; absent or empty is false; anything else is a 400. */
    static boolean flag(ServerRequest req, String name) {
        return switch (first(req, name).orElse("").toLowerCase(Locale.ROOT)) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw new InvalidRequestException("'" + name + "' must be true or false");
        };
    }

    /**
     * An integer from {@code min} to {@code max}; {@code absent} when the parameter is absent or
     * empty; anything else is a 400.
     */
    static int integer(ServerRequest req, String name, int absent, int min, int max) {
        String text = first(req, name).orElse("");
        if (text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the explanation
        }
        throw new InvalidRequestException("'" + name + "' must be an integer from " + min + " to " + max);
    }
}
