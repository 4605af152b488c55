package io.trustregistry.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What a token string carries once its integrity is verified.
 *
 * @param tokenId   the server-side token id ({@code jti})
 * @param userName  subject
 * @param issuedAt  issue time
 * @param expiresAt expiry
 */
public record TokenClaims(String tokenId, String userName, Instant issuedAt, Instant expiresAt) {
    public TokenClaims {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
