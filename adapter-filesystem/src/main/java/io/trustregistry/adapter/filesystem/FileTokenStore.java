package io.trustregistry.adapter.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.memory.InMemoryTokenStore;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.TokenUse;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.json.StoredDocuments;

/**
 * Tokens as one document each. Counting every call with an fsync would make each API call pay
 * for a disk flush, so uses are counted in memory against a <em>reservation</em> kept on disk:
 * before the count passes the reservation, the reservation grows by {@value #LEASE} and is
 * written durably. After a crash the token resumes at its reservation, so a crash can only
 * cost a token unused calls, never grant it extra ones. Counting is exact within the process.
 */
public final class FileTokenStore implements TokenStore {

    /** Uses reserved per disk write. */
    static final long LEASE = 50;

    private final DataDirectory directory;
    private final Path tokens;
    private final InMemoryTokenStore memory = new InMemoryTokenStore();
    private final Map<String, Long> reserved = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[64];

    public FileTokenStore(DataDirectory directory) {
        this.directory = directory;
        this.tokens = directory.resolve("tokens");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        try (Stream<Path> files = Files.list(tokens)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                StoredDocuments.StoredToken stored = StoredDocuments.decodeToken(Files.readAllBytes(file));
                memory.restore(stored.token(), stored.usesReserved());
                reserved.put(stored.token().tokenId(), stored.usesReserved());
            }
        } catch (IOException e) {
            throw directory.failure("read tokens", e);
        }
    }

    private Path fileOf(String tokenId) {
        return tokens.resolve(tokenId + ".json");
    }

    private Object stripe(String tokenId) {
        return stripes[Math.floorMod(tokenId.hashCode(), stripes.length)];
    }

    @Override
    public void save(TokenRecord token) {
        if (!token.tokenId().matches("[A-Za-z0-9_-]{1,128}")) {
            throw new IllegalArgumentException("token ids must be URL-safe base64");
        }
        synchronized (stripe(token.tokenId())) {
            if (memory.recordOf(token.tokenId()) != null) {
                throw new ConflictException("token id reused");
            }
            persist(token, 0);
            memory.save(token);
        }
    }

    @Override
    public TokenUse recordUse(String tokenId, Instant now) {
        synchronized (stripe(tokenId)) {
            TokenRecord token = memory.recordOf(tokenId);
            if (token == null) {
                return new TokenUse.Unknown();
            }
            long used = memory.usesOf(tokenId);
            long reservation = reserved.getOrDefault(tokenId, 0L);
            if (used + 1 > reservation && used < token.maxUses() && now.isBefore(token.expiresAt())) {
                persist(token, Math.min(token.maxUses(), used + LEASE));
            }
            return memory.recordUse(tokenId, now);
        }
    }

    @Override
    public int revokeAllOf(String userName) {
        return forgetWhere(token -> token.userName().equals(userName));
    }

    @Override
    public int purgeExpired(Instant now) {
        return forgetWhere(token -> !now.isBefore(token.expiresAt()));
    }

    private int forgetWhere(Predicate<TokenRecord> condition) {
        int forgotten = 0;
        for (String tokenId : memory.tokenIds()) {
            synchronized (stripe(tokenId)) {
                TokenRecord token = memory.recordOf(tokenId);
                if (token != null && condition.test(token)) {
                    forget(tokenId);
                    forgotten++;
                }
            }
        }
        return forgotten;
    }

    private void forget(String tokenId) {
        try {
            directory.files().delete(fileOf(tokenId));
        } catch (IOException e) {
            throw directory.failure("revoke a token", e);
        }
        reserved.remove(tokenId);
        memory.remove(tokenId);
    }

    private void persist(TokenRecord token, long reservation) {
        try {
            directory.files().write(fileOf(token.tokenId()), StoredDocuments.encodeToken(token, reservation));
        } catch (IOException e) {
            throw directory.failure("record token use", e);
        }
        reserved.put(token.tokenId(), reservation);
    }
}
