package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.model.TokenClaims;
import io.trustregistry.core.port.out.TokenCodec;

/** What every {@link TokenCodec} must do: round-trip its own tokens and nothing else. */
public abstract class TokenCodecContract {

    /** The codec under test. */
    protected abstract TokenCodec codec();

    /** Claims valid for an hour from now, at second precision. */
    protected static TokenClaims claims(String user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new TokenClaims("jti-" + user, user, now, now.plusSeconds(3600));
    }

    @Test
    void itsOwnTokensDecodeToTheirClaims() {
        TokenClaims claims = claims("alice");
        assertEquals(Optional.of(claims), codec().decode(codec().encode(claims)));
    }

    @Test
    void alteredTokensDoNotDecode() {
        String token = codec().encode(claims("bob"));
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(Optional.empty(), codec().decode(altered));
        assertEquals(Optional.empty(), codec().decode(token.substring(0, token.length() / 2)));
    }

    @Test
    void garbageDoesNotDecodeOrThrow() {
        for (String garbage : new String[] {"", " ", "bearer", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                "\u0000\u0001", "x".repeat(10_000)}) {
            assertTrue(codec().decode(garbage).isEmpty(), garbage);
        }
    }
}
