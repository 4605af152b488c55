package io.trustregistry.adapter.hub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Building blocks the hub clients share: path encoding and the hubs' ISO-8601 timestamps. */
final class UrlPaths {

    private UrlPaths() {
    }

    /** One path segment, percent-encoded ({@code /} included, spaces as {@code %20}). */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A path of segments ({@code owner/name}, {@code dir/file}), each encoded, the slashes kept. */
    static String path(String slashSeparated) {
        StringBuilder out = new StringBuilder();
        for (String part : slashSeparated.split("/")) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(segment(part));
        }
        return out.toString();
    }

    /** An ISO-8601 instant, or empty when the text is not one. */
    static Optional<Instant> instant(String text) {
        try {
            return text == null || text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
