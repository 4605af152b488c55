package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.TransactionCommand;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.model.TransactionRecord.State;
import io.trustregistry.core.port.out.TransactionStore;

/**
 * What every {@link TransactionStore} must do. An adapter's test extends this class and
 * supplies a fresh, empty store per test.
 */
public abstract class TransactionStoreContract {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    protected TransactionStore store;

    /** A new, empty store. Called before each test. */
    protected abstract TransactionStore newStore() throws Exception;

    /** Releases what {@link #newStore()} acquired. */
    protected void closeStore(TransactionStore store) throws Exception {
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void releaseStore() throws Exception {
        closeStore(store);
    }

    private static TransactionRecord open(String id) {
        return TransactionRecord.open(new TransactionId(id), "alice", T0, T0.plusSeconds(3600));
    }

    /** A transaction with a command of every kind, in every state's fields. */
    private static TransactionRecord full(String id) {
        ArtifactId model = new ArtifactId("01JTX0000000000000001");
        return open(id)
                .with(new TransactionCommand.Register(ArtifactType.MODEL, "https://huggingface.co/acme/ünï", Optional.of("ünï")))
                .with(new TransactionCommand.Register(ArtifactType.CODE, "https://github.com/acme/tool", Optional.empty()))
                .with(new TransactionCommand.Update(ArtifactType.DATASET, new ArtifactId("d-1"),
                        "https://huggingface.co/datasets/acme/d"))
                .with(new TransactionCommand.Delete(ArtifactType.MODEL, new ArtifactId("m-2")))
                .with(new TransactionCommand.Download(ArtifactType.MODEL, model))
                .executingUntil(T0.plusSeconds(60))
                .planned(List.of(new TransactionRecord.CommandResult(4, "download",
                        new ArtifactMetadata(new ArtifactName("weights \"v1\""), model, ArtifactType.MODEL), 3,
                        "c0ffee")));
    }

    @Test
    void aTransactionReadsBackEqualInEveryField() {
        TransactionRecord executing = full("tx-full");
        store.create(open("tx-full"));
        store.replace(executing.with(new TransactionCommand.Delete(ArtifactType.CODE, new ArtifactId("c-9"))), 1);
        // revisions grow by one per change: rebuild what was stored from the open one
        TransactionRecord stored = store.find(new TransactionId("tx-full")).orElseThrow();
        assertEquals(6, stored.commands().size());
        assertEquals(executing.commands(), stored.commands().subList(0, 5));
        assertEquals(executing.leaseUntil(), stored.leaseUntil());
        assertEquals(executing.results(), stored.results());

        TransactionRecord failed = stored.failed(new TransactionRecord.Failure(Optional.of(2), "command 2 … failed"),
                T0.plusSeconds(7200));
        store.replace(failed, stored.revision());
        assertEquals(Optional.of(failed), store.find(failed.id()));
        TransactionRecord committed = open("tx-done").committed(executing.results(), T0.plusSeconds(10));
        store.create(committed);
        assertEquals(Optional.of(committed), store.find(committed.id()));
    }

    @Test
    void anIdIsCreatedOnce() {
        store.create(open("tx-a"));
        TransactionRecord other = TransactionRecord.open(new TransactionId("tx-a"), "bob", T0, T0.plusSeconds(1));
        assertThrows(ConflictException.class, () -> store.create(other));
        assertEquals("alice", store.find(new TransactionId("tx-a")).orElseThrow().owner());
        assertEquals(Optional.empty(), store.find(new TransactionId("tx-none")));
    }

    @Test
    void aReplaceIsConditionalOnTheRevisionRead() {
        TransactionRecord created = open("tx-b");
        store.create(created);
        TransactionRecord appended = created.with(new TransactionCommand.Delete(ArtifactType.MODEL, new ArtifactId("x")));
        store.replace(appended, 1);
        TransactionRecord stale = created.executingUntil(T0.plusSeconds(5));
        assertThrows(ConflictException.class, () -> store.replace(stale, 1));
        assertEquals(Optional.of(appended), store.find(created.id()));
        assertThrows(NotFoundException.class, () -> store.replace(open("tx-ghost").executingUntil(T0), 1));
    }

    @Test
    void ofConcurrentReplacesOfOneRevisionExactlyOneWins() throws Exception {
        TransactionRecord created = open("tx-c");
        store.create(created);
        AtomicInteger next = new AtomicInteger();
        List<Boolean> outcomes = Concurrently.run(8, () -> {
            try {
                store.replace(created.with(new TransactionCommand.Delete(ArtifactType.MODEL,
                        new ArtifactId("m-" + next.incrementAndGet()))), 1);
                return true;
            } catch (ConflictException lost) {
                return false;
            }
        });
        assertEquals(1, outcomes.stream().filter(won -> won).count());
        assertEquals(2, store.find(created.id()).orElseThrow().revision());
    }

    @Test
    void expiredTransactionsAreDeletedExceptWhileExecuting() {
        store.create(open("tx-open"));
        store.create(TransactionRecord.open(new TransactionId("tx-young"), "alice", T0, T0.plusSeconds(7200)));
        TransactionRecord running = open("tx-running");
        store.create(running);
        store.replace(running.executingUntil(T0.plusSeconds(10)), 1);
        store.create(open("tx-failed").failed(new TransactionRecord.Failure(Optional.empty(), "x"), T0.plusSeconds(5)));

        assertEquals(2, store.deleteExpired(T0.plusSeconds(3600)));

        assertEquals(Set.of("tx-young", "tx-running"), Set.of("tx-young", "tx-running", "tx-open", "tx-failed").stream()
                .filter(id -> store.find(new TransactionId(id)).isPresent()).collect(Collectors.toSet()));
        assertEquals(List.of("tx-running"), store.inState(State.EXECUTING).stream().map(t -> t.id().value()).toList());
        assertEquals(0, store.deleteExpired(T0.plusSeconds(3600)));
    }

    @Test
    void deleteIsIdempotentAndClearEmptiesTheStore() {
        store.create(open("tx-d"));
        store.create(open("tx-e"));
        assertTrue(store.delete(new TransactionId("tx-d")));
        assertFalse(store.delete(new TransactionId("tx-d")));
        store.clear();
        assertEquals(Optional.empty(), store.find(new TransactionId("tx-e")));
        assertEquals(List.of(), store.inState(State.OPEN));
    }

    @Test
    void openTransactionsAreCountedPerOwner() {
        store.create(open("tx-1"));
        store.create(TransactionRecord.open(new TransactionId("tx-2"), "alice", T0, T0.plusSeconds(60)));
        store.create(TransactionRecord.open(new TransactionId("tx-3"), "bob", T0, T0.plusSeconds(10)));
        TransactionRecord done = open("tx-4");
        store.create(done);
        store.replace(done.committed(List.of(), T0.plusSeconds(5)), 1);

        assertEquals(new TransactionStore.OpenCount(2, Optional.of(T0.plusSeconds(60))), store.countOpen("alice"));
        assertEquals(new TransactionStore.OpenCount(1, Optional.of(T0.plusSeconds(10))), store.countOpen("bob"));
        assertEquals(new TransactionStore.OpenCount(0, Optional.empty()), store.countOpen("carol"));
    }
}
