package io.trustregistry.core.memory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.port.out.TransactionStore;

/** Transactions held in this process's memory: for one server whose catalog is in memory too. */
public final class InMemoryTransactionStore implements TransactionStore {

    private final ConcurrentMap<TransactionId, TransactionRecord> byId = new ConcurrentHashMap<>();

    @Override
    public void create(TransactionRecord transaction) {
        if (byId.putIfAbsent(transaction.id(), transaction) != null) {
            throw new ConflictException("a transaction with id " + transaction.id() + " exists already");
        }
    }

    @Override
    public Optional<TransactionRecord> find(TransactionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public void replace(TransactionRecord updated, long expectedRevision) {
        TransactionRecord after = byId.computeIfPresent(updated.id(),
                (id, current) -> current.revision() == expectedRevision ? updated : current);
        if (after == null) {
            throw new NotFoundException("no transaction has id " + updated.id());
        }
        if (after != updated) {
            throw new ConflictException("transaction " + updated.id() + " was changed concurrently (revision "
                    + after.revision() + ", expected " + expectedRevision + ")");
        }
    }

    @Override
    public boolean delete(TransactionId id) {
        return byId.remove(id) != null;
    }

    @Override
    public int deleteExpired(Instant now) {
        int deleted = 0;
        for (TransactionRecord t : byId.values()) {
            if (t.state() != TransactionRecord.State.EXECUTING && !t.expiresAt().isAfter(now)
                    && byId.remove(t.id(), t)) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public OpenCount countOpen(String owner) {
        List<TransactionRecord> open = byId.values().stream()
                .filter(t -> t.state() == TransactionRecord.State.OPEN && t.owner().equals(owner)).toList();
        return new OpenCount(open.size(), open.stream().map(TransactionRecord::expiresAt).min(Instant::compareTo));
    }

    @Override
    public List<TransactionRecord> inState(TransactionRecord.State state) {
        return byId.values().stream().filter(t -> t.state() == state).toList();
    }

    @Override
    public void clear() {
        byId.clear();
    }
}
