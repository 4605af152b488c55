package io.trustregistry.adapter.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trustregistry.core.error.UpstreamException;

/**
 * The one place the hub adapter talks HTTP. Every request:
 * <ul>
 *   <li>is bounded in time end to end: the response headers and the whole body of a
 *       metadata answer must arrive within {@code requestTimeout} (a watchdog closes a
 *       trickling body), a file transfer is cut off when it stalls or trickles
 *       ({@link GuardedStream}), and all calls of one registration share a
 *       {@link CallBudget} (deadline and number of requests);</li>
 *   <li>follows at most {@value #MAX_REDIRECTS} redirects by hand, checking each new host
 *       against the {@link AddressPolicy} and dropping {@code Authorization} when the
 *       redirect leaves the host it was meant for (the Hub's {@code /resolve} sends LFS and
 *       xet files to a CDN whose signed URLs refuse a second credential, and a token must
 *       never reach another host);</li>
 *   <li>is retried up to {@code maxAttempts} times on network errors and 5xx, with
 *       exponential backoff and jitter; rate limits (429, GitHub's 403 with
 *       {@code x-ratelimit-remaining: 0} or {@code retry-after}) are waited out when the
 *       upstream says when they reset and that is soon enough, else reported as
 *       {@link UpstreamException.RateLimited};</li>
 *   <li>reads at most a bounded number of bytes;</li>
 *   <li>has its failures classified the way the hubs' own clients do (huggingface_hub
 *       {@code utils/_http.py} {@code hf_raise_for_status}: {@code X-Error-Code}
 *       {@code RepoNotFound}, {@code GatedRepo}, {@code EntryNotFound},
 *       {@code RevisionNotFound}; a 401 "Invalid credentials in Authorization header", or
 *       GitHub's 401 "Bad credentials", is the registry's own token being refused).</li>
 * </ul>
 */
final class HttpFetcher {

    static final int MAX_REDIRECTS = 5;
    private static final int ERROR_BODY_BYTES = 8 * 1024;
    private static final Pattern RATE_LIMIT_RESET = Pattern.compile("(?:^|[;,\\s])t=(\\d{1,9})");
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubSettings settings;
    private final AddressPolicy policy;
    private final HttpClient client;
    private final CredentialHealth credentials;
    private final CallBudget budget;

    HttpFetcher(HubSettings settings, CredentialHealth credentials) {
        this(settings, credentials, List.of());
    }

    /** @param otherApis further hub API base URLs whose hosts failing to resolve is an outage, not a bad URL */
    HttpFetcher(HubSettings settings, CredentialHealth credentials, List<URI> otherApis) {
        this.settings = settings;
        this.policy = new AddressPolicy(settings.allowedNetworks(), java.util.stream.Stream.concat(java.util.stream
                .Stream.of(settings.huggingFaceEndpoint(), settings.gitHubApiUrl()), otherApis.stream())
                .map(URI::getHost).filter(Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.credentials = credentials;
        this.budget = CallBudget.unlimited();
    }

    private HttpFetcher(HttpFetcher base, CallBudget budget) {
        this.settings = base.settings;
        this.policy = base.policy;
        this.client = base.client;
        this.credentials = base.credentials;
        this.budget = budget;
    }

    /** The same fetcher, with every request counted against {@code callBudget}. */
    HttpFetcher within(CallBudget callBudget) {
        return new HttpFetcher(this, callBudget);
    }

    /** The budget of one registration, starting now, as the settings size it. */
    CallBudget newRegistrationBudget() {
        return CallBudget.of(settings.resolveDeadline(), settings.maxCallsPerResolve());
    }

    /** What the hubs said of the registry's credentials. */
    CredentialHealth credentials() {
        return credentials;
    }

    /** A successful answer; {@code stream} is set (and {@code body} empty) for streamed GETs. */
    record Answer(int status, byte[] body, Map<String, List<String>> headers, URI finalUri,
                  InputStream stream) {
        Optional<String> header(String name) {
            return HttpFetcher.header(headers, name);
        }

        /** The body as text, decoded by BOM, declared charset, then UTF-8 or Windows-1252. */
        String text() {
            return TextDecoding.decode(body, header("Content-Type"));
        }
    }

    /**
     * GETs {@code uri} and returns the body of a 2xx answer, read up to {@code maxBytes}
     * ({@code truncate}: cut there; otherwise a longer body is an error).
     *
     * @throws UpstreamException classified as described on the class
     */
    Answer get(URI uri, Map<String, String> headers, int maxBytes, boolean truncate) {
        return exchange("GET", uri, headers, maxBytes, truncate, false);
    }

    /**
     * GETs {@code uri} and hands back the open body of a 2xx answer, guarded against stalls and
     * trickles. Failures before the body starts are retried like any request; once it streams,
     * the caller owns it and closes it.
     */
    InputStream stream(URI uri, Map<String, String> headers) {
        Answer answer = exchange("GET", uri, headers, 0, true, true);
        return new GuardedStream(answer.stream(), answer.finalUri(), settings.requestTimeout(),
                settings.minTransferRate());
    }

    /** As {@link #get}, but "no such file or repository" gives empty instead of an exception. */
    Optional<Answer> getIfPresent(URI uri, Map<String, String> headers, int maxBytes, boolean truncate) {
        try {
            return Optional.of(get(uri, headers, maxBytes, truncate));
        } catch (UpstreamException.SourceNotFound e) {
            return Optional.empty();
        }
    }

    /** HEADs {@code uri}: status, headers, no body. */
    Answer head(URI uri, Map<String, String> headers) {
        return exchange("HEAD", uri, headers, 0, true, false);
    }

    /**
     * The next page a {@code Link: <...>; rel="next"} header names (GitHub's and the Hub's
     * pagination), resolved against the answer's URL; empty on the last page, or when the link
     * leaves the answer's host.
     */
    static Optional<URI> nextPage(Answer answer) {
        for (String value : answer.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Link"))
                .flatMap(e -> e.getValue().stream()).toList()) {
            Matcher m = LINK_NEXT.matcher(value);
            if (m.find()) {
                try {
                    URI next = answer.finalUri().resolve(m.group(1).strip());
                    if (Objects.equals(next.getHost(), answer.finalUri().getHost())) {
                        return Optional.of(next);
                    }
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
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
        Optional<Duration> lastRetryAfter = Optional.empty();
        boolean lastWasRateLimit = false;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt, lastRetryAfter, start);
            }
            URI uri = start;
            Map<String, String> sent = new LinkedHashMap<>(headers);
            Duration timeout = settings.requestTimeout();
            try {
                for (int hop = 0; ; hop++) {
                    policy.check(uri);
                    budget.spend(uri);
                    timeout = budget.cap(settings.requestTimeout());
                    // the policy let through only http(s) URLs with a host: all the JDK builder asks
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .header("User-Agent", "trustworthy-model-registry/0.1");
                    sent.forEach(request::header);
                    HttpResponse<InputStream> response = send(request, uri);
                    int status = response.statusCode();
                    Map<String, List<String>> answerHeaders = response.headers().map();
                    boolean sentCredentials = header(sent, "Authorization").isPresent();
                    if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                        response.body().close();
                        if (hop >= MAX_REDIRECTS) {
                            throw new UpstreamException.Unavailable("too many redirects from " + start, null);
                        }
                        URI next = resolveLocation(uri, response.headers().firstValue("Location").get());
                        if (!sameOrigin(uri, next)) {
                            // a credential is for the host it was configured for, never for a CDN or mirror
                            sent.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
                        }
                        uri = next;
                        continue;
                    }
                    Optional<Duration> retryAfter = retryAfter(answerHeaders);
                    if (isRateLimit(status, answerHeaders)) {
                        response.body().close();
                        lastWasRateLimit = true;
                        lastRetryAfter = retryAfter;
                        lastProblem = uri.getHost() + " is rate-limiting the registry (HTTP " + status + ")";
                        lastFailure = null;
                        boolean waitable = retryAfter.map(w -> w.compareTo(settings.maxRateLimitWait()) <= 0
                                && budget.allowsWait(w)).orElse(true);
                        if (!waitable) {
                            throw rateLimited(uri, retryAfter);
                        }
                        break;
                    }
                    if (status >= 500) {
                        response.body().close();
                        lastWasRateLimit = false;
                        lastRetryAfter = retryAfter;
                        lastProblem = "HTTP " + status + " from " + uri.getHost();
                        lastFailure = null;
                        break;
                    }
                    if (status >= 200 && status < 300) {
                        if (sentCredentials) {
                            credentials.accepted(uri.getHost());
                        }
                        if (streamBody) {
                            return new Answer(status, new byte[0], answerHeaders, uri, response.body());
                        }
                        byte[] body = method.equals("HEAD") ? drain(response.body())
                                : readWithin(response.body(), maxBytes, truncate, uri, timeout);
                        return new Answer(status, body, answerHeaders, uri, null);
                    }
                    byte[] errorBody = method.equals("HEAD") ? new byte[0]
                            : readWithin(response.body(), ERROR_BODY_BYTES, true, uri, timeout);
                    throw failure(status, answerHeaders, errorBody, uri, sentCredentials);
                }
            } catch (HttpTimeoutException e) {
                lastFailure = e;
                lastWasRateLimit = false;
                // the wait this attempt was given, not what is left of the budget now
                lastProblem = "no answer within " + timeout.toMillis() + " ms";
            } catch (IOException e) {
                lastFailure = e;
                lastWasRateLimit = false;
                lastProblem = networkProblem(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Unavailable("interrupted while fetching " + start, e);
            }
        }
        if (lastWasRateLimit) {
            throw rateLimited(start, lastRetryAfter);
        }
        throw new UpstreamException.Unavailable("could not fetch " + start + " after " + settings.maxAttempts()
                + " attempts: " + lastProblem, lastFailure);
    }

    /**
     * Sends one request. The JDK client throws {@link IllegalArgumentException} for answers it
     * cannot parse (an unreadable {@code Content-Length}) and for URLs it cannot use (a port out
     * of range in a redirect): the upstream's fault, reported as such.
     */
    private HttpResponse<InputStream> send(HttpRequest.Builder request, URI uri) throws IOException,
            InterruptedException {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IllegalArgumentException malformed) {
            throw new UpstreamException.Unavailable(uri.getHost() + " sent an answer the registry cannot read for "
                    + uri.getPath() + " (" + malformed.getMessage() + ")", malformed);
        }
    }

    /** The failure an unsuccessful, non-retryable answer means. */
    private UpstreamException failure(int status, Map<String, List<String>> headers, byte[] body, URI uri,
                                      boolean sentCredentials) {
        String code = header(headers, "X-Error-Code").orElse("");
        String message = header(headers, "X-Error-Message").orElseGet(() -> errorMessage(body));
        String where = uri.getHost() + " " + uri.getPath();
        switch (code) {
            case "RepoNotFound" -> {
                return new UpstreamException.SourceNotFound(where + ": no such repository (it does not exist, or"
                        + " it is private and the registry has no access)");
            }
            case "RevisionNotFound" -> {
                return new UpstreamException.SourceNotFound(where + ": the repository has no such revision");
            }
            case "EntryNotFound" -> {
                return new UpstreamException.SourceNotFound(where + ": the repository has no such file");
            }
            case "GatedRepo" -> {
                return new UpstreamException.AccessDenied(where + ": the repository is gated; its files need an"
                        + " HF_TOKEN of an account that accepted its access conditions");
            }
            default -> {
                // classified by status below
            }
        }
        if (status == 401 && sentCredentials) {
            String detail = uri.getHost() + " refused the registry's token (HTTP 401"
                    + (message.isBlank() ? "" : ": " + message) + ")";
            credentials.rejected(uri.getHost(), detail);
            return new UpstreamException.CredentialsRejected(detail + "; an operator must replace the configured"
                    + " token (" + tokenSetting(uri) + ")");
        }
        if (status == 401 && uri.getPath().startsWith("/api/")) {
            // the Hub answers anonymous callers 401 for missing and private repositories alike
            return new UpstreamException.SourceNotFound(where + ": no such repository (it does not exist, or it is"
                    + " private)");
        }
        if (status == 401 || status == 403) {
            return new UpstreamException.AccessDenied(where + " refused access (HTTP " + status
                    + (message.isBlank() ? "" : ": " + message) + ")");
        }
        if (status == 404 || status == 410 || status == 400 || status == 422) {
            return new UpstreamException.SourceNotFound(uri.getHost() + " has no " + uri.getPath() + " (HTTP "
                    + status + ")");
        }
        return new UpstreamException.Unsupported(uri.getHost() + " answered HTTP " + status + " for " + uri.getPath());
    }

    /**
     * What went wrong on the network, in words (an answer never names a Java class). The JDK client
     * wraps most failures of a send in a plain {@link IOException} whose cause is the real one (a
     * reset is a {@code SocketException} inside), so the causes are looked at too.
     */
    private static String networkProblem(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "the connection was refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "the host name does not resolve";
            }
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
                return "the connection was dropped";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the TLS handshake failed";
            }
        }
        return "a network error occurred";
    }

    /** The setting that holds the credential sent to {@code uri}'s hub. */
    private String tokenSetting(URI uri) {
        String path = Objects.requireNonNullElse(uri.getPath(), "");
        if (path.startsWith("/api/v1/")) {
            return "KAGGLE_USERNAME/KAGGLE_KEY";
        }
        boolean gitHubHost = Objects.equals(uri.getHost(), settings.gitHubApiUrl().getHost());
        boolean hubHost = Objects.equals(uri.getHost(), settings.huggingFaceEndpoint().getHost());
        if (gitHubHost && hubHost) {
            // one host serving both (a local mirror or test double): GitHub's API paths tell them apart
            gitHubHost = path.startsWith("/repos/") || path.startsWith("/repositories/") || path.equals("/rate_limit");
        }
        return gitHubHost ? "GITHUB_TOKEN" : "HF_TOKEN";
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                for (String field : new String[] {"error", "message"}) {
                    if (node.path(field).isTextual()) {
                        String text = node.path(field).asText().strip();
                        return text.length() > 200 ? text.substring(0, 200) : text;
                    }
                }
            }
        } catch (IOException notJson) {
            // an HTML or empty error page carries nothing worth repeating
        }
        return "";
    }

    /**
     * A rate-limit answer: 429 from anyone; GitHub's 403 with {@code x-ratelimit-remaining: 0}
     * (primary limit) or with {@code retry-after} (secondary limit), per GitHub's REST API docs
     * "Rate limits for the REST API".
     */
    private static boolean isRateLimit(int status, Map<String, List<String>> headers) {
        return status == 429 || status == 403 && (header(headers, "x-ratelimit-remaining").map(String::strip)
                .filter("0"::equals).isPresent() || header(headers, "retry-after").isPresent());
    }

    /**
     * How long the upstream asked us to wait: {@code Retry-After} (seconds or an HTTP date), the
     * Hub's {@code RateLimit: "api";r=0;t=55} (seconds to the window's reset, Hub docs "Rate
     * limits"), or GitHub's {@code x-ratelimit-reset} (epoch seconds) when nothing remains.
     */
    static Optional<Duration> retryAfter(Map<String, List<String>> headers) {
        Optional<String> retryAfter = header(headers, "Retry-After").map(String::strip);
        if (retryAfter.isPresent()) {
            if (retryAfter.get().matches("[0-9]{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.get())));
            }
            try {
                ZonedDateTime at = ZonedDateTime.parse(retryAfter.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(java.time.Instant.now(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException e) {
                // unreadable: fall through to the other headers
            }
        }
        Optional<String> hubLimit = header(headers, "RateLimit");
        if (hubLimit.isPresent()) {
            Matcher m = RATE_LIMIT_RESET.matcher(hubLimit.get());
            if (m.find()) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1))));
            }
        }
        Optional<String> reset = header(headers, "x-ratelimit-reset").map(String::strip);
        boolean exhausted = header(headers, "x-ratelimit-remaining").map(String::strip).filter("0"::equals)
                .isPresent();
        if (exhausted && reset.isPresent() && reset.get().matches("[0-9]{1,12}")) {
            long seconds = Long.parseLong(reset.get()) - java.time.Instant.now().getEpochSecond();
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        }
        return Optional.empty();
    }

    private UpstreamException.RateLimited rateLimited(URI uri, Optional<Duration> retryAfter) {
        String token = tokenSetting(uri);
        return new UpstreamException.RateLimited(uri.getHost() + " is rate-limiting the registry"
                + retryAfter.map(w -> "; it accepts requests again in " + Math.max(1, w.toSeconds()) + " s")
                        .orElse("") + "; retry then" + (settings.huggingFaceToken().isEmpty()
                        && token.equals("HF_TOKEN") || settings.gitHubToken().isEmpty() && token.equals("GITHUB_TOKEN")
                        ? ", or configure " + token + " for a higher limit" : ""), retryAfter);
    }

    private static URI resolveLocation(URI from, String location) {
        try {
            return from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new UpstreamException.Unavailable(from.getHost() + " redirected to an invalid URL", e);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    static Optional<String> header(Map<String, ?> headers, String name) {
        for (Map.Entry<String, ?> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                Object value = entry.getValue();
                if (value instanceof List<?> list) {
                    return list.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(list.get(0)));
                }
                return Optional.ofNullable(value).map(String::valueOf);
            }
        }
        return Optional.empty();
    }

    private static byte[] drain(InputStream body) throws IOException {
        try (InputStream in = body) {
            in.readNBytes(64 * 1024);
            return new byte[0];
        }
    }

    /** Reads a bounded body that must arrive whole within {@code timeout}, or fails naming the host. */
    private static byte[] readWithin(InputStream body, int maxBytes, boolean truncate, URI uri, Duration timeout)
            throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = Watchdog.TIMER.schedule(() -> {
            expired.set(true);
            try {
                body.close();
            } catch (IOException ignored) {
                // the blocked read fails and is reported below
            }
        }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
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
        } catch (IOException e) {
            if (expired.get()) {
                throw new UpstreamException.Unavailable(uri.getHost() + " sent " + uri.getPath() + " too slowly: the"
                        + " answer was not complete within " + timeout.toMillis() + " ms (REGISTRY_HUB_TIMEOUT)", e);
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    private void pause(int attempt, Optional<Duration> retryAfter, URI about) {
        long backoff = settings.initialBackoff().toMillis() << Math.min(attempt - 2, 10);
        long millis = backoff + ThreadLocalRandom.current().nextLong(Math.max(1, backoff / 2));
        if (retryAfter.isPresent()) {
            millis = Math.max(millis, Math.min(settings.maxRateLimitWait().toMillis(), retryAfter.get().toMillis()));
        }
        if (!budget.allowsWait(Duration.ofMillis(millis))) {
            throw budget.deadlinePassed(about);
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException.Unavailable("interrupted while waiting to retry", e);
        }
    }
}
