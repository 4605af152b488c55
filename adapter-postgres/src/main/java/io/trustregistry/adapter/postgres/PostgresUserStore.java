package io.trustregistry.adapter.postgres;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbRow;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.json.StoredDocuments;

/** Users in PostgreSQL, one row each, the name as primary key. */
public final class PostgresUserStore implements UserStore {

    private final Sql sql;

    PostgresUserStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(UserAccount user) {
        long rows = sql.dml("INSERT INTO users (name, document) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                user.name(), new String(StoredDocuments.encodeUser(user), StandardCharsets.UTF_8));
        if (rows == 0) {
            throw new ConflictException("a user named '" + user.name() + "' exists already");
        }
    }

    @Override
    public Optional<UserAccount> find(String name) {
        return sql.get("SELECT document FROM users WHERE name = ?", name).map(PostgresUserStore::decode);
    }

    @Override
    public List<UserAccount> list() {
        return sql.query("SELECT document FROM users ORDER BY name").stream().map(PostgresUserStore::decode).toList();
    }

    @Override
    public boolean delete(String name) {
        return sql.dml("DELETE FROM users WHERE name = ?", name) > 0;
    }

    private static UserAccount decode(DbRow row) {
        return StoredDocuments.decodeUser(row.column("document").get(String.class).getBytes(StandardCharsets.UTF_8));
    }
}
