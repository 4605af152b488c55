package io.trustregistry.app.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * The web UI: static files from {@code web/} on the classpath, served under {@code /ui/} on the
 * API's own origin; {@code /} redirects there. The pages use only the public REST API. Every
 * response carries headers that keep a browser from running anything but the UI's own scripts:
 * a strict Content-Security-Policy (no inline script, no other origin), no MIME sniffing, no
 * framing, no referrer.
 */
final class WebUi {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");

    private WebUi() {
    }

    static void register(HttpRouting.Builder routing, RouteTable routes) {
        routes.recording(routing).get("/", (req, res) -> {
            res.status(Status.FOUND_302);
            res.header(HeaderNames.LOCATION, "/ui/");
            res.send();
        });
        routing.register("/ui", StaticContentService.builder("web").welcomeFileName("index.html").build());
        // the static-content service's own rules are not visible to the table
        routes.declare("GET", "/ui");
        routes.declare("GET", "/ui/{+path}");
    }

    /** Adds the security headers to every response, the API's JSON included. */
    static void securityHeaders(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(CSP, CONTENT_SECURITY_POLICY);
        res.header(NOSNIFF, "nosniff");
        res.header(FRAME_OPTIONS, "DENY");
        res.header(REFERRER_POLICY, "no-referrer");
        chain.proceed();
    }
}
