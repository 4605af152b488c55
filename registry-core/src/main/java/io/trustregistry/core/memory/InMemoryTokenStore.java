package io.trustregistry.core.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.TokenUse;
import io.trustregistry.core.port.out.TokenStore;

/**
 * Token state in memory. Counting uses {@link ConcurrentHashMap#compute}, which runs atomically
 * per token, so concurrent calls are counted exactly.
 */
public final class InMemoryTokenStore implements TokenStore {

    private record State(TokenRecord token, long uses) {
    }

    private final Map<String, State> tokens = new ConcurrentHashMap<>();

    @Override
    public void save(TokenRecord token) {
        if (tokens.putIfAbsent(token.tokenId(), new State(token, 0)) != null) {
            throw new ConflictException("token id reused");
        }
    }

    @Override
    public TokenUse recordUse(String tokenId, Instant now) {
        TokenUse[] outcome = {new TokenUse.Unknown()};
        tokens.computeIfPresent(tokenId, (id, state) -> {
            if (!now.isBefore(state.token().expiresAt())) {
                outcome[0] = new TokenUse.Expired();
                return state;
            }
            if (state.uses() >= state.token().maxUses()) {
                outcome[0] = new TokenUse.Exhausted();
                return state;
            }
            State used = new State(state.token(), state.uses() + 1);
            outcome[0] = new TokenUse.Accepted(state.token(), used.uses());
            return used;
        });
        return outcome[0];
    }

    /** Calls counted so far against {@code tokenId}, -1 if unknown. Used by the durable store. */
    public long usesOf(String tokenId) {
        State state = tokens.get(tokenId);
        return state == null ? -1 : state.uses();
    }

    /** Restores a token with uses already counted (durable stores reloading their state). */
    public void restore(TokenRecord token, long uses) {
        tokens.put(token.tokenId(), new State(token, uses));
    }

    /** The saved record of {@code tokenId}, or null. */
    public TokenRecord recordOf(String tokenId) {
        State state = tokens.get(tokenId);
        return state == null ? null : state.token();
    }

    /** Every token id currently held. */
    public Set<String> tokenIds() {
        return Set.copyOf(tokens.keySet());
    }

    /** Forgets one token. Returns whether it was held. */
    public boolean remove(String tokenId) {
        return tokens.remove(tokenId) != null;
    }

    @Override
    public int revokeAllOf(String userName) {
        int[] revoked = {0};
        tokens.entrySet().removeIf(e -> {
            boolean match = e.getValue().token().userName().equals(userName);
            if (match) {
                revoked[0]++;
            }
            return match;
        });
        return revoked[0];
    }

    @Override
    public int purgeExpired(Instant now) {
        int[] purged = {0};
        tokens.entrySet().removeIf(e -> {
            boolean expired = !now.isBefore(e.getValue().token().expiresAt());
            if (expired) {
                purged[0]++;
            }
            return expired;
        });
        return purged[0];
    }
}
