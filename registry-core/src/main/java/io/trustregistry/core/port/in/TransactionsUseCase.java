package io.trustregistry.core.port.in;

import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.TransactionCommand;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;

/**
 * Groups of registrations, updates, deletions and downloads applied all or nothing, in three
 * stages: {@link #create} an empty transaction, {@link #append} commands, {@link #execute}.
 * A transaction belongs to the user who created it (administrators may use anyone's); to
 * others it does not exist. Each command needs what the same request alone would, checked when
 * it is appended and again when the transaction executes.
 */
public interface TransactionsUseCase {

    /** A new, empty, open transaction owned by {@code caller}. Any signed-in user may create one. */
    TransactionRecord create(Principal caller);

    /**
     * The transaction as it stands: open, executing, committed (with what each command did) or
     * failed (with why).
     *
     * @throws io.trustregistry.core.error.NotFoundException if there is none with that id visible
     *         to the caller (or it expired)
     */
    TransactionRecord get(Principal caller, TransactionId id);

    /**
     * Appends {@code command} to an open transaction.
     *
     * @throws io.trustregistry.core.error.PermissionDeniedException if the caller may not run it
     * @throws io.trustregistry.core.error.InvalidRequestException if it is malformed, the
     *         transaction is full, or another command touches the same existing artifact
     * @throws io.trustregistry.core.error.ConflictException if the transaction is no longer open
     */
    TransactionRecord append(Principal caller, TransactionId id, TransactionCommand command);

    /**
     * Runs every command, then commits them all at once, or none. First every command is
     * prepared (sources resolved, models rated and gated, files stored) without changing the
     * catalog; then one atomic catalog batch applies them, provided nothing they read has changed
     * since (otherwise 409). Audit entries and re-ratings of dependents follow the commit.
     *
     * @return the committed transaction, with what each command did
     * @throws io.trustregistry.core.error.TransactionFailedException if a command failed; the
     *         transaction is recorded as failed and the registry is exactly as before
     * @throws io.trustregistry.core.error.ConflictException if the transaction is not open (being
     *         executed, or executed already), or what it read changed before the commit
     */
    TransactionRecord execute(Principal caller, TransactionId id);

    /**
     * Abandons an open transaction or forgets a finished one.
     *
     * @throws io.trustregistry.core.error.ConflictException while it executes
     */
    void abandon(Principal caller, TransactionId id);

    /**
     * One zip of every artifact the committed transaction's download commands name, exactly as
     * the transaction committed them.
     *
     * @throws io.trustregistry.core.error.ConflictException if it is not committed, or one of
     *         those artifacts changed or went since
     * @throws io.trustregistry.core.error.NotFoundException if it holds no download command
     */
    DownloadPlan download(Principal caller, TransactionId id);
}
