package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Server-side state of one issued token.
 *
 * @param tokenId   random identifier, carried in the token as its {@code jti}
 * @param userName  the user it was issued to
 * @param userUid   that user's {@link UserAccount#uid()} at issue time
 * @param issuedAt  issue time
 * @param expiresAt after this instant the token is refused
 * @param maxUses   number of API calls it may authorise
 */
public record TokenRecord(String tokenId, String userName, String userUid, Instant issuedAt, Instant expiresAt,
                          long maxUses) {
    public TokenRecord {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(userUid, "userUid");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (maxUses < 1) {
            throw new IllegalArgumentException("maxUses must be positive");
        }
    }
}
