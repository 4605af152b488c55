package io.trustregistry.adapter.hub;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the hubs are and how patiently to talk to them. Environment variable names follow the
 * hubs' own tools: {@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code GITHUB_API_URL},
 * {@code GITHUB_TOKEN}.
 *
 * @param huggingFaceEndpoint Hugging Face Hub base URL
 * @param huggingFaceToken    token sent as a bearer credential (gated repositories), if any
 * @param gitHubApiUrl        GitHub REST API base URL
 * @param gitHubToken         token for GitHub (raises the rate limit), if any
 * @param connectTimeout      TCP/TLS connect timeout
 * @param requestTimeout      longest one metadata request may take, headers and body; for a
 *                            file transfer, the longest it may go without a byte
 * @param maxAttempts         attempts per request, retrying 429, 5xx and network errors
 * @param initialBackoff      wait before the first retry; doubled for each further one
 * @param allowedNetworks     CIDR ranges that may be fetched although internal (the tests'
 *                            fake hub lives on 127.0.0.1)
 * @param maxReadmeBytes      READMEs longer than this are truncated
 * @param maxJsonBytes        larger API answers are refused
 * @param resolveDeadline     longest the metadata phase of one registration may take, all
 *                            its upstream calls and retries together
 * @param maxCallsPerResolve  most upstream requests the metadata phase of one registration
 *                            may make (pages and retries included)
 * @param maxRateLimitWait    longest the registry waits for an upstream rate limit to reset
 *                            before answering 503 with the time to retry
 * @param minTransferRate     bytes per second a file transfer must keep up, measured over
 *                            windows of {@code requestTimeout}; a slower (trickling) source
 *                            is cut off
 * @param maxPages            most pages followed in one paginated listing
 */
public record HubSettings(
        URI huggingFaceEndpoint,
        Optional<String> huggingFaceToken,
        URI gitHubApiUrl,
        Optional<String> gitHubToken,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        List<String> allowedNetworks,
        int maxReadmeBytes,
        int maxJsonBytes,
        Duration resolveDeadline,
        int maxCallsPerResolve,
        Duration maxRateLimitWait,
        long minTransferRate,
        int maxPages) {

    public HubSettings {
        Objects.requireNonNull(huggingFaceEndpoint, "huggingFaceEndpoint");
        Objects.requireNonNull(gitHubApiUrl, "gitHubApiUrl");
        Objects.requireNonNull(huggingFaceToken, "huggingFaceToken");
        Objects.requireNonNull(gitHubToken, "gitHubToken");
        Objects.requireNonNull(resolveDeadline, "resolveDeadline");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        allowedNetworks = List.copyOf(allowedNetworks);
        allowedNetworks.forEach(CidrRange::parse);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (maxCallsPerResolve < 1 || maxPages < 1) {
            throw new IllegalArgumentException("maxCallsPerResolve and maxPages must be at least 1");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || resolveDeadline.isNegative()
                || resolveDeadline.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** The public hubs, no tokens, no internal networks allowed. */
    public static HubSettings defaults() {
        return new HubSettings(URI.create("https://huggingface.co"), Optional.empty(),
                URI.create("https://api.github.com"), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 3, Duration.ofMillis(250), List.of(), 512 * 1024, 32 * 1024 * 1024,
                Duration.ofSeconds(60), 150, Duration.ofSeconds(10), 8 * 1024, 10);
    }

    /** A copy pointing both hubs at {@code baseUrl} and allowing loopback (for fake hubs). */
    public HubSettings pointedAt(String baseUrl) {
        return new HubSettings(URI.create(baseUrl), huggingFaceToken, URI.create(baseUrl), gitHubToken,
                connectTimeout, requestTimeout, maxAttempts, Duration.ofMillis(10),
                List.of("127.0.0.0/8", "::1/128"), maxReadmeBytes, maxJsonBytes, resolveDeadline, maxCallsPerResolve,
                maxRateLimitWait, minTransferRate, maxPages);
    }

    /** A copy with other timeouts. */
    public HubSettings withTimeouts(Duration connect, Duration request) {
        return new HubSettings(huggingFaceEndpoint, huggingFaceToken, gitHubApiUrl, gitHubToken, connect, request,
                maxAttempts, initialBackoff, allowedNetworks, maxReadmeBytes, maxJsonBytes, resolveDeadline,
                maxCallsPerResolve, maxRateLimitWait, minTransferRate, maxPages);
    }

    /** A copy with other tokens. */
    public HubSettings withTokens(Optional<String> huggingFace, Optional<String> gitHub) {
        return new HubSettings(huggingFaceEndpoint, huggingFace, gitHubApiUrl, gitHub, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, allowedNetworks, maxReadmeBytes, maxJsonBytes,
                resolveDeadline, maxCallsPerResolve, maxRateLimitWait, minTransferRate, maxPages);
    }

    /** A copy with other per-registration limits. */
    public HubSettings withLimits(Duration deadline, int maxCalls, Duration rateLimitWait, long minRate, int pages) {
        return new HubSettings(huggingFaceEndpoint, huggingFaceToken, gitHubApiUrl, gitHubToken, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, allowedNetworks, maxReadmeBytes, maxJsonBytes,
                deadline, maxCalls, rateLimitWait, minRate, pages);
    }

    /** A copy that makes {@code attempts} attempts per request. */
    public HubSettings withAttempts(int attempts) {
        return new HubSettings(huggingFaceEndpoint, huggingFaceToken, gitHubApiUrl, gitHubToken, connectTimeout,
                requestTimeout, attempts, initialBackoff, allowedNetworks, maxReadmeBytes, maxJsonBytes,
                resolveDeadline, maxCallsPerResolve, maxRateLimitWait, minTransferRate, maxPages);
    }
}
