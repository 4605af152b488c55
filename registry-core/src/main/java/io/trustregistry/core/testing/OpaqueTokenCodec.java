package io.trustregistry.core.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.trustregistry.core.model.TokenClaims;
import io.trustregistry.core.port.out.TokenCodec;

/**
 * Tokens that are 256 random bits, mapped to their claims in memory: unforgeable because
 * unguessable, and meaningless outside this process. For embedded registries; the server
 * issues signed JWTs instead.
 */
public final class OpaqueTokenCodec implements TokenCodec {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, TokenClaims> issued = new ConcurrentHashMap<>();

    @Override
    public String encode(TokenClaims claims) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, claims);
        return token;
    }

    @Override
    public Optional<TokenClaims> decode(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(issued.get(token));
    }
}
