package io.trustregistry.app.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import io.trustregistry.core.Registry;
import io.trustregistry.core.model.Principal;

/**
 * Resolves the caller of a protected endpoint from {@code X-Authorization} (or, for clients
 * that use the standard header, {@code Authorization}), counting the call against the token.
 * The principal is kept in the request context for the access log.
 */
public final class Callers {

    /** The contract's token header. */
    public static final HeaderName X_AUTHORIZATION = HeaderNames.create("X-Authorization");

    private final Registry registry;

    public Callers(Registry registry) {
        this.registry = registry;
    }

    /** The authenticated caller; a missing or bad token is a 403. */
    public Principal of(ServerRequest request) {
        String token = request.headers().first(X_AUTHORIZATION)
                .or(() -> request.headers().first(HeaderNames.AUTHORIZATION))
                .orElse(null);
        Principal principal = registry.authorizeCall().authorizeCall(token);
        request.context().register(principal);
        return principal;
    }
}
