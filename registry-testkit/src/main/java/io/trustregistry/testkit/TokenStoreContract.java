package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.TokenUse;
import io.trustregistry.core.port.out.TokenStore;

/** What every {@link TokenStore} must do, above all count calls exactly under concurrency. */
public abstract class TokenStoreContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    protected TokenStore tokens;

    /** A new, empty store. */
    protected abstract TokenStore newStore() throws Exception;

    /** Releases what {@link #newStore()} acquired. */
    protected void closeStore(TokenStore store) throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        tokens = newStore();
    }

    @AfterEach
    void close() throws Exception {
        closeStore(tokens);
    }

    /** A token for {@code user} valid for ten hours from {@link #NOW}. */
    protected static TokenRecord token(String user, long maxUses) {
        return new TokenRecord(UUID.randomUUID().toString(), user, "uid-" + user, NOW, NOW.plus(Duration.ofHours(10)),
                maxUses);
    }

    @Test
    void usesAreNumberedUntilTheLimitThenRefused() {
        TokenRecord token = token("alice", 3);
        tokens.save(token);
        for (int i = 1; i <= 3; i++) {
            TokenUse use = tokens.recordUse(token.tokenId(), NOW);
            assertEquals(new TokenUse.Accepted(token, i), use);
        }
        assertInstanceOf(TokenUse.Exhausted.class, tokens.recordUse(token.tokenId(), NOW));
        assertInstanceOf(TokenUse.Exhausted.class, tokens.recordUse(token.tokenId(), NOW));
    }

    @Test
    void expiryIsExclusiveOfTheExpiryInstant() {
        TokenRecord token = token("bob", 1000);
        tokens.save(token);
        assertInstanceOf(TokenUse.Accepted.class, tokens.recordUse(token.tokenId(), token.expiresAt().minusMillis(1)));
        assertInstanceOf(TokenUse.Expired.class, tokens.recordUse(token.tokenId(), token.expiresAt()));
    }

    @Test
    void unknownTokensAreUnknown() {
        assertInstanceOf(TokenUse.Unknown.class, tokens.recordUse("never-issued", NOW));
    }

    @Test
    void savingAnIdTwiceFails() {
        TokenRecord token = token("carol", 5);
        tokens.save(token);
        assertThrows(ConflictException.class, () -> tokens.save(token));
    }

    @Test
    void revokingAUserKillsOnlyTheirTokens() {
        TokenRecord a1 = token("alice", 10);
        TokenRecord a2 = token("alice", 10);
        TokenRecord b = token("bob", 10);
        tokens.save(a1);
        tokens.save(a2);
        tokens.save(b);
        assertEquals(2, tokens.revokeAllOf("alice"));
        assertEquals(0, tokens.revokeAllOf("alice"));
        assertInstanceOf(TokenUse.Unknown.class, tokens.recordUse(a1.tokenId(), NOW));
        assertInstanceOf(TokenUse.Unknown.class, tokens.recordUse(a2.tokenId(), NOW));
        assertInstanceOf(TokenUse.Accepted.class, tokens.recordUse(b.tokenId(), NOW));
    }

    @Test
    void purgeDropsOnlyExpiredTokens() {
        TokenRecord old = new TokenRecord("old", "alice", "uid", NOW.minusSeconds(100), NOW.minusSeconds(1), 10);
        TokenRecord fresh = token("alice", 10);
        tokens.save(old);
        tokens.save(fresh);
        assertEquals(1, tokens.purgeExpired(NOW));
        assertInstanceOf(TokenUse.Unknown.class, tokens.recordUse("old", NOW));
        assertInstanceOf(TokenUse.Accepted.class, tokens.recordUse(fresh.tokenId(), NOW));
    }

    @Test
    void concurrentCallsAreCountedExactly() throws Exception {
        TokenRecord token = token("busy", 1000);
        tokens.save(token);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Concurrently.run(12, () -> {
            for (int i = 0; i < 100; i++) {
                if (tokens.recordUse(token.tokenId(), NOW) instanceof TokenUse.Accepted) {
                    accepted.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
            }
            return null;
        });
        assertEquals(1000, accepted.get());
        assertEquals(200, refused.get());
    }
}
