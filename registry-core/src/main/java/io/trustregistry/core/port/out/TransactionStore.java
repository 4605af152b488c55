package io.trustregistry.core.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;

/**
 * Where transactions wait between their creation and their execution, and where their outcome
 * is kept until they expire. Shared by every server of a deployment, so a transaction created
 * on one server can be appended to and executed on another.
 *
 * <p><b>Thread-safety.</b> Safe for concurrent use by many threads and, where it is shared (a
 * database), by many processes. Each write is atomic.
 *
 * <p><b>Failures.</b> A backing store that cannot be reached raises
 * {@link io.trustregistry.core.error.DependencyUnavailableException}; the call changed nothing.
 */
public interface TransactionStore {

    /**
     * Stores a new transaction.
     *
     * @throws io.trustregistry.core.error.ConflictException if one with the same id exists; it is
     *         left untouched
     */
    void create(TransactionRecord transaction);

    /**
     * The transaction with this id, or empty when none exists. An expired transaction may still
     * be answered until {@link #deleteExpired} removes it: callers compare {@code expiresAt}.
     */
    Optional<TransactionRecord> find(TransactionId id);

    /**
     * Replaces a transaction if nobody changed it since it was read.
     *
     * @param updated          the new state; its revision must be {@code expectedRevision + 1}
     * @param expectedRevision the revision the caller read
     * @throws io.trustregistry.core.error.NotFoundException if no transaction has that id
     * @throws io.trustregistry.core.error.ConflictException if its stored revision is not
     *         {@code expectedRevision}; nothing is changed
     */
    void replace(TransactionRecord updated, long expectedRevision);

    /**
     * Deletes a transaction. Idempotent.
     *
     * @return whether it existed
     */
    boolean delete(TransactionId id);

    /**
     * Deletes every transaction whose {@code expiresAt} is at or before {@code now} and that is
     * not {@link TransactionRecord.State#EXECUTING} (an execution settles its own).
     *
     * @return how many were deleted
     */
    int deleteExpired(Instant now);

    /**
     * How many open transactions {@code owner} holds, and when the first of them expires.
     * Answered without reading their commands (a count, not a listing).
     */
    OpenCount countOpen(String owner);

    /**
     * @param count       open transactions of one owner
     * @param firstExpiry when the first of them expires; empty when there is none
     */
    record OpenCount(long count, Optional<Instant> firstExpiry) {
    }

    /** Transactions in {@code state}, in no particular order (used to settle stalled executions). */
    List<TransactionRecord> inState(TransactionRecord.State state);

    /** Deletes every transaction. Idempotent. */
    void clear();
}
