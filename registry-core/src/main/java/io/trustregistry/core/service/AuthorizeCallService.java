package io.trustregistry.core.service;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

import io.trustregistry.core.error.NotAuthenticatedException;
import io.trustregistry.core.error.TooManyRequestsException;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.TokenClaims;
import io.trustregistry.core.model.TokenUse;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.in.AuthorizeCallUseCase;
import io.trustregistry.core.port.out.TokenCodec;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.UserStore;


/**
 * Checks a token's signature, counts the call against the token, holds its user to a fair
 * request rate (a refused call still counts: the token was used), and resolves its user. The
 * use is counted before the user lookup, so a burst of calls can never exceed the limit.
 */
public final class AuthorizeCallService implements AuthorizeCallUseCase {

    /** Longest token string considered; anything longer is rejected unread. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private final TokenCodec codec;
    private final TokenStore tokens;
    private final UserStore users;
    private final InstantSource clock;
    private final UserRequestRate rate;

    /**
     * @param requestsPerSecond calls one user may make per second, sustained (0: no limit)
     * @param burst             calls one user may make at once beyond that rate
     */
    public AuthorizeCallService(TokenCodec codec, TokenStore tokens, UserStore users, InstantSource clock,
                                int requestsPerSecond, int burst) {
        this.codec = codec;
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.rate = new UserRequestRate(requestsPerSecond, burst, clock);
    }

    @Override
    public Principal authorizeCall(String presented) {
        String token = normalise(presented);
        if (token.isEmpty()) {
            throw new NotAuthenticatedException("missing authentication token: send the token from PUT /authenticate"
                    + " in the X-Authorization header");
        }
        Optional<TokenClaims> claims = codec.decode(token);
        if (claims.isEmpty()) {
            throw new NotAuthenticatedException("the authentication token is malformed or its signature is invalid");
        }
        TokenUse use = tokens.recordUse(claims.get().tokenId(), clock.instant());
        return switch (use) {
            case TokenUse.Accepted accepted -> {
                // charged only for a live token, by account (uid): a stale token cannot slow its user down
                Optional<Duration> wait = rate.take(accepted.token().userUid());
                if (wait.isPresent()) {
                    throw new TooManyRequestsException("too many requests from user '" + accepted.token().userName()
                            + "'; slow down and retry after the Retry-After header's seconds", wait.get());
                }
                UserAccount user = users.find(accepted.token().userName())
                        .filter(u -> u.uid().equals(accepted.token().userUid()))
                        .orElseThrow(() -> new NotAuthenticatedException("the token's user no longer exists"));
                yield Principal.of(user);
            }
            case TokenUse.Expired expired -> throw new NotAuthenticatedException(
                    "the authentication token has expired; authenticate again");
            case TokenUse.Exhausted exhausted -> throw new NotAuthenticatedException(
                    "the authentication token has been used for its maximum number of calls; authenticate again");
            case TokenUse.Unknown unknown -> throw new NotAuthenticatedException(
                    "the authentication token is not (or no longer) valid");
        };
    }

    /** Strips surrounding whitespace and quotes and a leading {@code bearer } (any case). */
    static String normalise(String presented) {
        if (presented == null) {
            return "";
        }
        String token = presented.strip();
        if (token.length() > MAX_TOKEN_LENGTH) {
            return "\u0000";
        }
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            token = token.substring(1, token.length() - 1).strip();
        }
        if (token.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            token = token.substring("bearer ".length()).strip();
        }
        return token;
    }
}
