package io.trustregistry.app.http;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The URL clients reach this server at, for {@code download_url}: the configured public URL,
 * else what the request says (honouring a load balancer's {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host}), with host values checked so no header can inject markup or paths.
 */
public final class BaseUrl {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

    private final Optional<URI> configured;

    public BaseUrl(Optional<URI> configured) {
        this.configured = configured;
    }

    /** The base URL, without a trailing slash. */
    public String of(ServerRequest request) {
        if (configured.isPresent()) {
            return configured.get().toString().replaceAll("/+$", "");
        }
        String proto = request.headers().first(HeaderNames.X_FORWARDED_PROTO).map(String::strip)
                .filter(p -> p.equals("http") || p.equals("https"))
                .orElse(request.isSecure() ? "https" : "http");
        String host = request.headers().first(HeaderNames.X_FORWARDED_HOST).map(String::strip)
                .filter(h -> HOST.matcher(h).matches())
                .or(() -> Optional.ofNullable(request.authority()).map(String::strip)
                        .filter(h -> HOST.matcher(h).matches()))
                .orElse("localhost:" + request.localPeer().address().toString().replaceAll(".*:", ""));
        return proto + "://" + host;
    }
}
