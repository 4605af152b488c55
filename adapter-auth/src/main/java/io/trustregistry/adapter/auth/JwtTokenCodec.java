package io.trustregistry.adapter.auth;

import java.text.ParseException;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.trustregistry.core.model.TokenClaims;
import io.trustregistry.core.port.out.TokenCodec;

/**
 * Tokens as JWTs signed with HMAC-SHA256. The algorithm is pinned: a token claiming
 * {@code none}, RS256 or anything else is rejected before its signature is even considered,
 * as are tokens without {@code sub}, {@code jti}, {@code iat} and {@code exp} or from another
 * issuer. The JWT carries identity and expiry; the call counter lives in the token store.
 */
public final class JwtTokenCodec implements TokenCodec {

    /** The {@code iss} of every token. */
    public static final String ISSUER = "trustworthy-model-registry";
    /** Shortest secret accepted, in bytes (HS256 needs 256 bits). */
    public static final int MIN_SECRET_BYTES = 32;

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public JwtTokenCodec(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT secret: " + e.getMessage(), e);
        }
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(secret)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                new HashSet<>(Set.of("sub", "jti", "iat", "exp"))));
    }

    @Override
    public String encode(TokenClaims claims) {
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(claims.userName())
                .jwtID(claims.tokenId())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<TokenClaims> decode(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet set = processor.process(token, null);
            return Optional.of(new TokenClaims(set.getJWTID(), set.getSubject(), set.getIssueTime().toInstant(),
                    set.getExpirationTime().toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
