package io.trustregistry.adapter.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.memory.InMemoryTransactionStore;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.port.out.TransactionStore;
import io.trustregistry.json.StoredDocuments;

/**
 * Transactions as one document each in {@code transactions/}, cached in memory and written
 * through (atomically, durably) before a change shows, as the other stores of the data
 * directory are. A document that cannot be read is skipped when the store opens.
 */
public final class FileTransactionStore implements TransactionStore {

    private final DataDirectory directory;
    private final Path transactions;
    private final InMemoryTransactionStore cache = new InMemoryTransactionStore();

    public FileTransactionStore(DataDirectory directory) {
        this.directory = directory;
        this.transactions = directory.resolve("transactions");
        try (Stream<Path> files = Files.list(transactions)) {
            for (Path file : files.filter(p -> AtomicFiles.nameOf(p).endsWith(".json")).toList()) {
                try {
                    cache.create(StoredDocuments.decodeTransaction(Files.readAllBytes(file)));
                } catch (StoredDocuments.UnreadableDocumentException e) {
                    // a transaction is short-lived; one that cannot be read is as good as expired
                    directory.files().delete(file);
                }
            }
        } catch (IOException e) {
            throw directory.failure("read transactions", e);
        }
    }

    private Path fileOf(TransactionId id) {
        return transactions.resolve(id.value() + ".json");
    }

    private void write(TransactionRecord t) {
        try {
            directory.files().write(fileOf(t.id()), StoredDocuments.encodeTransaction(t));
        } catch (IOException e) {
            throw directory.failure("write transaction " + t.id(), e);
        }
    }

    @Override
    public synchronized void create(TransactionRecord transaction) {
        if (cache.find(transaction.id()).isPresent()) {
            throw new ConflictException("a transaction with id " + transaction.id() + " exists already");
        }
        write(transaction);
        cache.create(transaction);
    }

    @Override
    public Optional<TransactionRecord> find(TransactionId id) {
        return cache.find(id);
    }

    @Override
    public synchronized void replace(TransactionRecord updated, long expectedRevision) {
        TransactionRecord current = cache.find(updated.id())
                .orElseThrow(() -> new NotFoundException("no transaction has id " + updated.id()));
        if (current.revision() != expectedRevision) {
            throw new ConflictException("transaction " + updated.id() + " was changed concurrently (revision "
                    + current.revision() + ", expected " + expectedRevision + ")");
        }
        write(updated);
        cache.replace(updated, expectedRevision);
    }

    @Override
    public synchronized boolean delete(TransactionId id) {
        try {
            directory.files().delete(fileOf(id));
        } catch (IOException e) {
            throw directory.failure("delete transaction " + id, e);
        }
        return cache.delete(id);
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int deleted = 0;
        // EXECUTING records are left to the service, which settles them before they may go
        for (TransactionRecord.State state : List.of(TransactionRecord.State.OPEN, TransactionRecord.State.COMMITTED,
                TransactionRecord.State.FAILED)) {
            for (TransactionRecord t : List.copyOf(cache.inState(state))) {
                deleted += deleteIfExpired(t, now);
            }
        }
        return deleted;
    }

    private int deleteIfExpired(TransactionRecord t, Instant now) {
        return !t.expiresAt().isAfter(now) && delete(t.id()) ? 1 : 0;
    }

    @Override
    public OpenCount countOpen(String owner) {
        return cache.countOpen(owner);
    }

    @Override
    public List<TransactionRecord> inState(TransactionRecord.State state) {
        return cache.inState(state);
    }

    @Override
    public synchronized void clear() {
        try {
            directory.files().replaceWithEmpty(transactions);
        } catch (IOException e) {
            throw directory.failure("clear transactions", e);
        }
        cache.clear();
    }
}
