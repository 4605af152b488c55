package io.trustregistry.adapter.postgres;

import java.time.Instant;
import java.util.Optional;

import io.helidon.dbclient.DbRow;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.TokenUse;
import io.trustregistry.core.port.out.TokenStore;

/**
 * Tokens in PostgreSQL. A use is counted by one conditional {@code UPDATE ... RETURNING}: the
 * row is incremented only while it has uses left and has not expired, atomically, so calls
 * against one token through any number of servers are counted exactly.
 */
public final class PostgresTokenStore implements TokenStore {

    private final Sql sql;

    PostgresTokenStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void save(TokenRecord token) {
        long rows = sql.dml("INSERT INTO tokens (token_id, user_name, user_uid, issued_at, expires_at, max_uses)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (token_id) DO NOTHING", token.tokenId(),
                token.userName(), token.userUid(), token.issuedAt().toEpochMilli(), token.expiresAt().toEpochMilli(),
                token.maxUses());
        if (rows == 0) {
            throw new ConflictException("token id reused");
        }
    }

    @Override
    public TokenUse recordUse(String tokenId, Instant now) {
        Optional<DbRow> counted = sql.get("UPDATE tokens SET uses = uses + 1 WHERE token_id = ? AND uses < max_uses"
                + " AND expires_at > ? RETURNING user_name, user_uid, issued_at, expires_at, max_uses, uses", tokenId,
                now.toEpochMilli());
        if (counted.isPresent()) {
            DbRow row = counted.get();
            TokenRecord token = new TokenRecord(tokenId, row.column("user_name").get(String.class),
                    row.column("user_uid").get(String.class),
                    Instant.ofEpochMilli(row.column("issued_at").get(Long.class)),
                    Instant.ofEpochMilli(row.column("expires_at").get(Long.class)),
                    row.column("max_uses").get(Long.class));
            return new TokenUse.Accepted(token, row.column("uses").get(Long.class));
        }
        Optional<DbRow> state = sql.get("SELECT expires_at FROM tokens WHERE token_id = ?", tokenId);
        if (state.isEmpty()) {
            return new TokenUse.Unknown();
        }
        return state.get().column("expires_at").get(Long.class) <= now.toEpochMilli() ? new TokenUse.Expired()
                : new TokenUse.Exhausted();
    }

    @Override
    public int revokeAllOf(String userName) {
        return (int) sql.dml("DELETE FROM tokens WHERE user_name = ?", userName);
    }

    @Override
    public int purgeExpired(Instant now) {
        return (int) sql.dml("DELETE FROM tokens WHERE expires_at <= ?", now.toEpochMilli());
    }
}
