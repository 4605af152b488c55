package io.trustregistry.adapter.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import io.trustregistry.core.error.UpstreamException;

/**
 * The one place the hub adapter talks HTTP. Every request: has a timeout; follows at most
 * {@value #MAX_REDIRECTS} redirects by hand, checking each new host against the
 * {@link AddressPolicy}; is retried up to {@code maxAttempts} times on network errors, 429
 * and 5xx, with exponential backoff and jitter (honouring a short {@code Retry-After}); and
 * reads at most a bounded number of bytes.
 */
final class HttpFetcher {

    static final int MAX_REDIRECTS = 5;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

    private final HubSettings settings;
    private final AddressPolicy policy;
    private final HttpClient client;

    HttpFetcher(HubSettings settings) {
        this.settings = settings;
        this.policy = new AddressPolicy(settings.allowedNetworks(), java.util.stream.Stream.of(
                settings.huggingFaceEndpoint().getHost(), settings.gitHubApiUrl().getHost())
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A successful answer; {@code stream} is set (and {@code body} empty) for streamed GETs. */
    record Answer(int status, byte[] body, Map<String, java.util.List<String>> headers, URI finalUri,
                  InputStream stream) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /**
     * GETs {@code uri} and returns the body of a 2xx answer, read up to {@code maxBytes}
     * ({@code truncate}: cut there; otherwise a longer body is an error).
     *
     * @throws UpstreamException for 404/410 (not found), 401/403 (denied), exhausted retries
     */
    Answer get(URI uri, Map<String, String> headers, int maxBytes, boolean truncate) {
        return exchange("GET", uri, headers, maxBytes, truncate, false);
    }

    /**
     * GETs {@code uri} and hands back the open body of a 2xx answer. Failures before the body
     * starts are retried like any request; once it streams, the caller owns it and closes it.
     */
    InputStream stream(URI uri, Map<String, String> headers) {
        return exchange("GET", uri, headers, 0, true, true).stream();
    }

    /** As {@link #get}, but a 404, 401 or 403 gives empty instead of an exception. */
    Optional<Answer> getIfPresent(URI uri, Map<String, String> headers, int maxBytes, boolean truncate) {
        try {
            return Optional.of(get(uri, headers, maxBytes, truncate));
        } catch (UpstreamException.SourceNotFound | UpstreamException.AccessDenied e) {
            return Optional.empty();
        }
    }

    /** HEADs {@code uri}: status, headers, no body. */
    Answer head(URI uri, Map<String, String> headers) {
        return exchange("HEAD", uri, headers, 0, true, false);
    }

    /** The total size a {@code Content-Length} or {@code Content-Range} header announces. */
    static OptionalLong announcedSize(Answer answer) {
        Optional<String> range = answer.header("Content-Range");
        if (range.isPresent() && range.get().contains("/")) {
            String total = range.get().substring(range.get().lastIndexOf('/') + 1).strip();
            if (total.matches("[0-9]{1,18}")) {
                return OptionalLong.of(Long.parseLong(total));
            }
        }
        return answer.header("Content-Length").filter(v -> v.strip().matches("[0-9]{1,18}"))
                .map(v -> OptionalLong.of(Long.parseLong(v.strip()))).orElse(OptionalLong.empty());
    }

    private Answer exchange(String method, URI start, Map<String, String> headers, int maxBytes, boolean truncate,
                            boolean streamBody) {
        Exception lastFailure = null;
        String lastProblem = "no attempt made";
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt, lastFailure);
            }
            URI uri = start;
            try {
                for (int hop = 0; ; hop++) {
                    policy.check(uri);
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .header("User-Agent", "trustworthy-model-registry/0.1");
                    headers.forEach(request::header);
                    HttpResponse<InputStream> response = client.send(request.build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    int status = response.statusCode();
                    if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                        response.body().close();
                        if (hop >= MAX_REDIRECTS) {
                            throw new UpstreamException.Unavailable("too many redirects from " + start, null);
                        }
                        uri = uri.resolve(response.headers().firstValue("Location").get());
                        continue;
                    }
                    if (status == 429 || status >= 500) {
                        response.body().close();
                        lastProblem = "HTTP " + status + " from " + uri.getHost();
                        lastFailure = new RetryAfter(response.headers().firstValue("Retry-After").orElse(""));
                        break;
                    }
                    if (status == 403 && response.headers().firstValue("x-ratelimit-remaining").orElse("")
                            .equals("0")) {
                        response.body().close();
                        throw new UpstreamException.Unavailable(uri.getHost() + " rate limit exhausted; configure"
                                + " a token (GITHUB_TOKEN / HF_TOKEN) or wait", null);
                    }
                    if (streamBody && status >= 200 && status < 300) {
                        return new Answer(status, new byte[0], response.headers().map(), uri, response.body());
                    }
                    byte[] body = method.equals("HEAD") || streamBody ? drain(response.body())
                            : read(response.body(), maxBytes, truncate, uri);
                    if (status == 404 || status == 410 || status == 400 || status == 422) {
                        throw new UpstreamException.SourceNotFound(uri.getHost() + " has no " + uri.getPath()
                                + " (HTTP " + status + ")");
                    }
                    if (status == 401 || status == 403) {
                        throw new UpstreamException.AccessDenied(uri.getHost() + " refused " + uri.getPath()
                                + " (HTTP " + status + ")");
                    }
                    if (status < 200 || status >= 300) {
                        throw new UpstreamException.Unsupported(uri.getHost() + " answered HTTP " + status + " for "
                                + uri.getPath());
                    }
                    return new Answer(status, body, response.headers().map(), uri, null);
                }
            } catch (HttpTimeoutException e) {
                lastFailure = e;
                lastProblem = "timed out after " + settings.requestTimeout().toMillis() + " ms";
            } catch (IOException e) {
                lastFailure = e;
                lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Unavailable("interrupted while fetching " + start, e);
            }
        }
        throw new UpstreamException.Unavailable("could not fetch " + start + " after " + settings.maxAttempts()
                + " attempts: " + lastProblem, lastFailure instanceof RetryAfter ? null : lastFailure);
    }

    private static byte[] drain(InputStream body) throws IOException {
        try (InputStream in = body) {
            in.readNBytes(64 * 1024);
            return new byte[0];
        }
    }

    private byte[] read(InputStream body, int maxBytes, boolean truncate, URI uri) throws IOException {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                if (!truncate) {
                    throw new UpstreamException.Unavailable(uri.getHost() + " sent more than " + maxBytes
                            + " bytes for " + uri.getPath(), null);
                }
                return java.util.Arrays.copyOf(bytes, maxBytes);
            }
            return bytes;
        }
    }

    private void pause(int attempt, Exception lastFailure) {
        long backoff = settings.initialBackoff().toMillis() << Math.min(attempt - 2, 10);
        long millis = backoff + ThreadLocalRandom.current().nextLong(Math.max(1, backoff / 2));
        if (lastFailure instanceof RetryAfter retry && retry.seconds().isPresent()) {
            millis = Math.max(millis, Math.min(MAX_RETRY_AFTER.toMillis(), retry.seconds().getAsLong() * 1000));
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException.Unavailable("interrupted while waiting to retry", e);
        }
    }

    /** Carries a {@code Retry-After} value between attempts. */
    private static final class RetryAfter extends Exception {
        private final String value;

        RetryAfter(String value) {
            super("retry after " + value, null, false, false);
            this.value = value;
        }

        OptionalLong seconds() {
            return value.strip().matches("[0-9]{1,6}") ? OptionalLong.of(Long.parseLong(value.strip()))
                    : OptionalLong.empty();
        }
    }
}
