package io.trustregistry.core.port.out;

import java.time.Instant;

import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.TokenUse;

/**
 * Server-side state of issued tokens, including how many calls each has authorised. The count
 * is exact under concurrency: of {@code n} concurrent calls against a token with {@code k} uses
 * left, exactly {@code min(n, k)} are accepted, also across processes sharing the store.
 */
public interface TokenStore {

    /** Records a newly issued token. Saving the same id twice replaces nothing and fails. */
    void save(TokenRecord token);

    /**
     * Counts one call against the token, atomically, and says whether it is allowed. A refused
     * call is not counted.
     *
     * @param tokenId the token's id
     * @param now     the current time, compared with the token's expiry
     */
    TokenUse recordUse(String tokenId, Instant now);

    /** Revokes every token of the named user. Idempotent. Returns how many were revoked. */
    int revokeAllOf(String userName);

    /** Forgets tokens whose expiry is before {@code now}. Returns how many were dropped. */
    int purgeExpired(Instant now);
}
