package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trustregistry.core.DefaultAdmin;

/** A small HTTP client for the registry's API, as a test's user agent. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(String base) {
        this.base = base;
    }

    /** An HTTP answer. */
    public record Reply(int status, HttpResponse<byte[]> response) {

        public String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** Asserts the status, showing the body when it differs. */
        public Reply expect(int expected) {
            assertEquals(expected, status, () -> "unexpected status; body: " + text());
            return this;
        }

        /** Asserts the status and that the body is a JSON error with a message. */
        public Reply expectError(int expected) {
            expect(expected);
            JsonNode body = json();
            assertEquals(expected, body.path("status").asInt(), text());
            if (body.path("message").asText().isBlank()) {
                throw new AssertionError("error without a message: " + text());
            }
            return this;
        }
    }

    public Reply send(String method, String path, String token, String body) {
        return sendPublished(method, path, token, body == null ? null : HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * Sends {@code body} chunked, without a Content-Length (the client cannot know the length of a
     * stream), as streaming clients do: the server learns the size only by reading.
     */
    public Reply sendChunked(String method, String path, String token, byte[] body) {
        return sendPublished(method, path, token, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private Reply sendPublished(String method, String path, String token, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("X-Authorization", token);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Reply post(String path, String token, String body) {
        return send("POST", path, token, body);
    }

    public Reply put(String path, String token, String body) {
        return send("PUT", path, token, body);
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** Logs in and returns the header value to send back: {@code bearer <jwt>}. */
    public String login(String user, String password) {
        String body = "{\"user\":{\"name\":" + quote(user) + ",\"is_admin\":false},\"secret\":{\"password\":"
                + quote(password) + "}}";
        return put("/authenticate", null, body).expect(200).json().asText();
    }

    /** The default administrator's token. */
    public String admin() {
        return login(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(0));
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers an artifact and returns its id. */
    public String register(String token, String type, String url) {
        return post("/artifact/" + type, token, "{\"url\":" + quote(url) + "}").expect(201).json()
                .path("metadata").path("id").asText();
    }
}
