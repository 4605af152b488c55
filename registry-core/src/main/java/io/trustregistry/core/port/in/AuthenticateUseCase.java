package io.trustregistry.core.port.in;

import io.trustregistry.core.model.IssuedToken;

/** Exchanges a user name and password for a token ({@code PUT /authenticate}). */
public interface AuthenticateUseCase {

    /**
     * Issues a new token; earlier tokens of the user stay valid.
     *
     * @throws io.trustregistry.core.error.InvalidRequestException if a field is empty
     * @throws io.trustregistry.core.error.InvalidCredentialsException for an unknown user or
     *         wrong password (the two are indistinguishable to the caller)
     */
    IssuedToken authenticate(String userName, String password);

    /**
     * As {@link #authenticate(String, String)}, for a caller at {@code client} (an address):
     * repeated failures for the user or from the client are refused for a while.
     *
     * @throws io.trustregistry.core.error.TooManyRequestsException while either is locked out
     */
    IssuedToken authenticate(String userName, String password, String client);
}
