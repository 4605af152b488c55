package io.trustregistry.core.port.out;

import java.util.Optional;

import io.trustregistry.core.model.TokenClaims;

/**
 * Turns token claims into the string clients carry, and back. Encoding must be tamper-evident:
 * {@link #decode} returns claims only for strings this codec (with this key) produced.
 * Thread-safe.
 */
public interface TokenCodec {

    /** The token string for {@code claims}. */
    String encode(TokenClaims claims);

    /**
     * The claims of a genuine, unexpired-by-signature token, or empty for anything else:
     * malformed, forged, signed with another algorithm or key. Never throws.
     */
    Optional<TokenClaims> decode(String token);
}
