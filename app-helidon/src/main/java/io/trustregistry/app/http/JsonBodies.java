package io.trustregistry.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.core.error.InvalidRequestException;

/**
 * Strict JSON in and out. Requests are parsed with limits (nesting depth, string and number
 * length), duplicate keys and trailing content refused, and every field is type-checked by
 * the readers here, so a malformed body or a wrong type is always a 400 with an explanation.
 */
public final class JsonBodies {

    /** The mapper for requests and responses. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxStringLength(4 * 1024 * 1024).maxNumberLength(64).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonBodies() {
    }

    /** A request body beyond the configured limit (HTTP 413). */
    public static final class PayloadTooLargeException extends RuntimeException {
        PayloadTooLargeException(long limit) {
            super("the request body is larger than the " + limit + " bytes this server accepts");
        }
    }

    /** Makes {@code limit} the body limit of every request routed after this filter. */
    static io.helidon.webserver.http.Filter limitFilter(long limit) {
        return (chain, req, res) -> {
            req.context().register(BODY_LIMIT, limit);
            chain.proceed();
        };
    }

    private static final String BODY_LIMIT = "registry.max-body-bytes";

    private static long maxBodyBytes(ServerRequest request) {
        return request.context().get(BODY_LIMIT, Long.class).orElse(1024L * 1024);
    }

    /** The request's JSON body, at most {@link #maxBodyBytes} bytes. */
    public static JsonNode read(ServerRequest request) {
        if (!request.content().hasEntity()) {
            throw new InvalidRequestException("a JSON request body is required");
        }
        long limit = maxBodyBytes(request);
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > limit) {
            if (declared <= drainLimit(limit)) {
                drain(request);
            }
            throw new PayloadTooLargeException(limit);
        }
        byte[] bytes;
        try (InputStream in = request.content().inputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length <= limit) {
                ReadDeadline.bodyRead();
            } else {
                discard(in, drainLimit(limit) - bytes.length);
            }
        } catch (IOException | RuntimeException e) {
            // a body cut short of its Content-Length, or a connection dropped mid-body, is the client's doing
            throw new InvalidRequestException("the request body could not be read whole (is it shorter than its"
                    + " Content-Length?)");
        }
        if (bytes.length > limit) {
            throw new PayloadTooLargeException(limit);
        }
        if (bytes.length == 0) {
            throw new InvalidRequestException("a JSON request body is required");
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidRequestException("a JSON request body is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("the request body could not be read: " + e.getMessage());
        }
    }

    /**
     * How much of an oversized body is read and thrown away so that its 413 reaches the client:
     * closing a connection while the client still sends makes the kernel reset it, and the client
     * loses the answer. Beyond this the connection is closed unread (its body clock still runs).
     */
    private static long drainLimit(long limit) {
        return Math.min(Math.max(4 * limit, 1L << 20), 16L << 20);
    }

    private static void drain(ServerRequest request) {
        try (InputStream in = request.content().inputStream()) {
            discard(in, drainLimit(maxBodyBytes(request)));
        } catch (IOException | RuntimeException e) {
            // the client gave up or trickled past the body clock: the connection closes unread
        }
    }

    /** Reads and drops up to {@code budget} bytes; marks the body read if it ended within them. */
    private static void discard(InputStream in, long budget) throws IOException {
        byte[] sink = new byte[8192];
        long left = budget;
        while (left > 0) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                ReadDeadline.bodyRead();
                return;
            }
            left -= n;
        }
        if (in.read() < 0) {
            ReadDeadline.bodyRead();
        }
    }

    /** The body, which must be a JSON object. */
    public static JsonNode readObject(ServerRequest request) {
        JsonNode node = read(request);
        if (!node.isObject()) {
            throw new InvalidRequestException("the request body must be a JSON object");
        }
        return node;
    }

    /** A required string field of {@code node}. */
    public static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException("'" + where + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException("'" + where + field + "' must be a string");
        }
        return checkedText(value.asText(), where + field);
    }

    /**
     * {@code text}, unless it holds a NUL character: no name, password or URL has one, and
     * storage (PostgreSQL text) cannot hold it, so it is refused here, before it reaches storage.
     */
    static String checkedText(String text, String what) {
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidRequestException("'" + what + "' must not contain a NUL character");
        }
        return text;
    }

    /** An optional string field; absent or null is empty, another type is a 400. */
    public static Optional<String> optionalText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException("'" + where + field + "' must be a string");
        }
        return Optional.of(checkedText(value.asText(), where + field));
    }

    /** A required object field. */
    public static JsonNode requiredObject(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException("'" + where + field + "' is required");
        }
        if (!value.isObject()) {
            throw new InvalidRequestException("'" + where + field + "' must be an object");
        }
        return value;
    }

    /** Sends {@code body} as JSON with {@code status}. */
    public static void send(ServerResponse response, Status status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (ReadDeadline.bodyUnread()) {
            // answered without reading the body (a refusal): close rather than drain a body that may never come
            response.header(HeaderNames.CONNECTION, "close");
        }
        response.send(bytes);
    }

    /** Whether {@code parser} features are strict (for tests). */
    static boolean strictDuplicates() {
        return MAPPER.getFactory().isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
