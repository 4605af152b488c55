package io.trustregistry.core.port.in;

import io.trustregistry.core.model.Principal;

/** Turns the token of an incoming call into its caller, counting the call against the token. */
public interface AuthorizeCallUseCase {

    /**
     * @param token the token string as the client sent it (a {@code bearer } prefix and
     *              surrounding quotes are tolerated)
     * @throws io.trustregistry.core.error.NotAuthenticatedException if the token is missing,
     *         malformed, forged, expired, used up, revoked, or its user no longer exists
     */
    Principal authorizeCall(String token);
}
