package io.trustregistry.adapter.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbRow;
import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.port.out.TransactionStore;
import io.trustregistry.json.StoredDocuments;

/**
 * Transactions in PostgreSQL, one row each, shared by every server: a transaction created on
 * one can be appended to and executed on another. Changes are conditional on the revision read.
 */
public final class PostgresTransactionStore implements TransactionStore {

    private final Sql sql;

    PostgresTransactionStore(Sql sql) {
        this.sql = sql;
    }

    private static String document(TransactionRecord t) {
        return new String(StoredDocuments.encodeTransaction(t), StandardCharsets.UTF_8);
    }

    private static TransactionRecord decode(DbRow row) {
        return StoredDocuments.decodeTransaction(row.column("document").get(String.class)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void create(TransactionRecord t) {
        if (sql.dml("INSERT INTO transactions (id, owner, state, revision, expires_at, document)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", t.id().value(), t.owner(),
                t.state().wireName(), t.revision(),
                t.expiresAt().toEpochMilli(), document(t)) == 0) {
            throw new ConflictException("a transaction with id " + t.id() + " exists already");
        }
    }

    @Override
    public Optional<TransactionRecord> find(TransactionId id) {
        return sql.get("SELECT document FROM transactions WHERE id = ?", id.value())
                .map(PostgresTransactionStore::decode);
    }

    @Override
    public void replace(TransactionRecord updated, long expectedRevision) {
        if (sql.dml("UPDATE transactions SET state = ?, revision = ?, expires_at = ?, document = ?"
                + " WHERE id = ? AND revision = ?", updated.state().wireName(), updated.revision(),
                updated.expiresAt().toEpochMilli(), document(updated), updated.id().value(), expectedRevision) == 0) {
            Optional<DbRow> current = sql.get("SELECT revision FROM transactions WHERE id = ?", updated.id().value());
            if (current.isEmpty()) {
                throw new NotFoundException("no transaction has id " + updated.id());
            }
            throw new ConflictException("transaction " + updated.id() + " was changed concurrently (revision "
                    + current.get().column("revision").get(Long.class) + ", expected " + expectedRevision + ")");
        }
    }

    @Override
    public boolean delete(TransactionId id) {
        return sql.dml("DELETE FROM transactions WHERE id = ?", id.value()) > 0;
    }

    @Override
    public int deleteExpired(Instant now) {
        return (int) sql.dml("DELETE FROM transactions WHERE state <> ? AND expires_at <= ?",
                TransactionRecord.State.EXECUTING.wireName(), now.toEpochMilli());
    }

    @Override
    public OpenCount countOpen(String owner) {
        DbRow row = sql.get("SELECT count(*) AS n, min(expires_at) AS first FROM transactions WHERE owner = ?"
                + " AND state = ?", owner, TransactionRecord.State.OPEN.wireName()).orElseThrow();
        long count = row.column("n").get(Long.class);
        return new OpenCount(count, count == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(row.column("first").get(Long.class))));
    }

    @Override
    public List<TransactionRecord> inState(TransactionRecord.State state) {
        return sql.query("SELECT document FROM transactions WHERE state = ?", state.wireName()).stream()
                .map(PostgresTransactionStore::decode).toList();
    }

    @Override
    public void clear() {
        sql.dml("DELETE FROM transactions");
    }
}
