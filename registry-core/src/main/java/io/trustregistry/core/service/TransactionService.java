package io.trustregistry.core.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.error.RegistryException;
import io.trustregistry.core.error.TooManyRequestsException;
import io.trustregistry.core.error.TransactionFailedException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.TransactionCommand;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.model.TransactionRecord.CommandResult;
import io.trustregistry.core.model.TransactionRecord.State;
import io.trustregistry.core.model.TransactionSettings;
import io.trustregistry.core.port.in.DownloadPlan;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.in.TransactionsUseCase;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.TransactionStore;

/**
 * Transactions, executed in two phases. <b>Prepare:</b> each command does everything its own
 * request would except the catalog write (sources resolved, models rated and gated, files stored
 * and pinned against garbage collection), so a failing command changes nothing. <b>Commit:</b>
 * one {@link ArtifactCatalog#apply} batch, conditional on the revision of every artifact the
 * commands read, so a concurrent change to any of them fails the transaction with 409 instead of
 * interleaving with it.
 *
 * <p>Crash safety: the transaction is marked executing (with a lease) before it prepares, and
 * the catalog records the batch under the transaction's id in the same atomic step that applies
 * it. A transaction found executing past its lease was left by a server that stopped; whoever
 * reads it next settles it: it applies an empty batch under the transaction's id, which either
 * fails (the real batch was applied: committed) or fences the real batch off for good (failed). The
 * stored files of a batch never applied are unreferenced and go with the next blob collection.
 */
public final class TransactionService implements TransactionsUseCase {

    /** Open transactions one user may hold at once: what a client sends never grows storage without bound. */
    public static final int MAX_OPEN_PER_USER = 100;

    private final TransactionStore store;
    private final ArtifactCatalog catalog;
    private final RegisterArtifactService registrations;
    private final UpdateArtifactService updates;
    private final DownloadArtifactService downloads;
    private final RatingService ratings;
    private final TransactionSettings settings;
    private final Auditor auditor;
    private final Duration maxExecution;
    private final InstantSource clock;

    /**
     * @param maxExecution how long one execution may take from its start to its commit: less than
     *                     the blob collection grace, so another server's collector cannot take the
     *                     files it stored before they are referenced; zero for no bound
     */
    public TransactionService(TransactionStore store, ArtifactCatalog catalog, RegisterArtifactService registrations,
                       UpdateArtifactService updates, DownloadArtifactService downloads, RatingService ratings,
                       TransactionSettings settings, Auditor auditor, Duration maxExecution, InstantSource clock) {
        this.store = store;
        this.catalog = catalog;
        this.registrations = registrations;
        this.updates = updates;
        this.downloads = downloads;
        this.ratings = ratings;
        this.settings = settings;
        this.auditor = auditor;
        this.maxExecution = maxExecution;
        this.clock = clock;
    }

    @Override
    public TransactionRecord create(Principal caller) {
        Instant now = clock.instant();
        store.deleteExpired(now);
        settleStalled(now);
        TransactionStore.OpenCount open = store.countOpen(caller.userName());
        if (open.count() >= MAX_OPEN_PER_USER) {
            throw new TooManyRequestsException("user '" + caller.userName() + "' holds " + open.count()
                    + " open transactions, the most allowed; execute or abandon (DELETE) some, or wait for the oldest"
                    + " to expire", Duration.between(now, open.firstExpiry().orElse(now)));
        }
        TransactionRecord created = TransactionRecord.open(new TransactionId("tx-" + UUID.randomUUID()),
                caller.userName(), now, now.plus(settings.lifetime()));
        store.create(created);
        return created;
    }

    @Override
    public TransactionRecord get(Principal caller, TransactionId id) {
        return visible(caller, id);
    }

    @Override
    public TransactionRecord append(Principal caller, TransactionId id, TransactionCommand command) {
        AccessGuard.require(caller, command.permission());
        TransactionRecord current = visible(caller, id);
        requireOpen(current);
        if (current.commands().size() >= settings.maxCommands()) {
            throw new InvalidRequestException("transaction " + id + " holds " + settings.maxCommands()
                    + " commands, the most allowed; execute it and start another");
        }
        switch (command) {
            case TransactionCommand.Register register -> {
                register.name().ifPresent(RegisterArtifactService::checkName);
                registrations.checkUrl(register.url());
            }
            case TransactionCommand.Update update -> {
                registrations.checkUrl(update.url());
                ArtifactLookup.require(catalog, update.type(), update.id());
                requireUntouched(current, update.id());
            }
            case TransactionCommand.Delete delete -> {
                ArtifactLookup.require(catalog, delete.type(), delete.id());
                requireUntouched(current, delete.id());
            }
            case TransactionCommand.Download download -> {
                ArtifactLookup.require(catalog, download.type(), download.id());
                requireUntouched(current, download.id());
            }
        }
        TransactionRecord appended = current.with(command);
        try {
            store.replace(appended, current.revision());
        } catch (ConflictException concurrent) {
            throw new ConflictException("transaction " + id + " was changed by another request at the same time;"
                    + " read it again and append once more", concurrent);
        }
        return appended;
    }

    @Override
    public TransactionRecord execute(Principal caller, TransactionId id) {
        TransactionRecord open = visible(caller, id);
        requireOpen(open);
        if (open.commands().isEmpty()) {
            throw new InvalidRequestException("transaction " + id + " has no commands; append at least one first");
        }
        for (TransactionCommand command : open.commands()) {
            AccessGuard.require(caller, command.permission());
        }
        TransactionRecord executing = claim(open);
        Instant started = clock.instant();
        List<Prepared> prepared = new ArrayList<>();
        int index = 0;
        try {
            for (; index < open.commands().size(); index++) {
                prepared.add(prepare(caller, open.commands().get(index), index));
                executing = renew(executing);
            }
            index = -1;
            if (!maxExecution.isZero() && Duration.between(started, clock.instant()).compareTo(maxExecution) > 0) {
                throw new ConflictException("transaction " + id + " took longer than " + maxExecution + " to prepare"
                        + " (half the blob collection grace, REGISTRY_BLOB_GC_GRACE), so its files may be collected"
                        + " before the commit; nothing was changed: split it into smaller transactions");
            }
            // what the commit will have done, kept with the transaction in case this server stops now
            executing = plan(executing, prepared.stream().map(Prepared::result).toList());
            catalog.apply(id.value(), prepared.stream().map(Prepared::change).toList());
        } catch (DependencyUnavailableException lost) {
            if (index >= 0) {
                abandon(prepared);
                throw failed(open, executing, index, lost);
            }
            // lost during the commit itself: only the catalog knows whether it went through
            Optional<Boolean> applied = fence(id);
            if (applied.isEmpty()) {
                abandon(prepared);
                throw new DependencyUnavailableException("transaction " + id + " could not finish its commit ("
                        + lost.getMessage() + "); whether it committed is settled once the store answers again, at"
                        + " most " + settings.lease() + " from now: read the transaction then", lost);
            }
            if (!applied.get()) {
                abandon(prepared);
                throw failed(open, executing, index, lost);
            }
        } catch (ConflictException conflict) {
            abandon(prepared);
            if (index < 0 && !stillOurs(executing)) {
                throw new ConflictException("transaction " + id + " ran past its lease of " + settings.lease()
                        + " and was settled as failed by another request; nothing was changed", conflict);
            }
            throw failed(open, executing, index, conflict);
        } catch (RegistryException failed) {
            abandon(prepared);
            throw failed(open, executing, index, failed);
        } catch (RuntimeException unexpected) {
            abandon(prepared);
            settleQuietly(executing, executing.failed(new TransactionRecord.Failure(Optional.empty(),
                    "the execution failed unexpectedly: " + unexpected), keepUntil()));
            throw unexpected;
        } catch (Error fatal) {
            // the transaction stays executing, to be settled from the catalog once its lease passes;
            // the pins go as they would with the process
            abandon(prepared);
            throw fatal;
        }
        TransactionRecord committed = executing.committed(executing.results(), keepUntil());
        try {
            settle(executing, committed);
            catalog.forgetBatch(id.value());
        } catch (RegistryException later) {
            // committed all the same: a reader settled it as committed already, or will once the store answers
        }
        for (Prepared done : prepared) {
            committed(done, caller);
        }
        return committed;
    }

    /**
     * Makes sure the batch of transaction {@code id} can no longer be applied, by applying an
     * empty batch under its id: the catalog takes at most one batch per id, and waits for one in
     * flight (PostgreSQL's unique index, the filesystem's write lock).
     *
     * @return whether the real batch was applied (true), or is fenced off for good (false); empty
     *         when the catalog cannot be reached
     */
    private Optional<Boolean> fence(TransactionId id) {
        try {
            catalog.apply(id.value(), List.of());
            return Optional.of(false);
        } catch (ConflictException applied) {
            return Optional.of(true);
        } catch (DependencyUnavailableException unreachable) {
            return Optional.empty();
        }
    }

    private boolean stillOurs(TransactionRecord executing) {
        try {
            return store.find(executing.id()).map(t -> t.revision() == executing.revision()).orElse(false);
        } catch (RegistryException unknown) {
            return true;
        }
    }

    @Override
    public void abandon(Principal caller, TransactionId id) {
        TransactionRecord current = visible(caller, id);
        if (current.state() == State.EXECUTING) {
            throw new ConflictException("transaction " + id + " is executing; wait for it to finish");
        }
        if (current.state() == State.OPEN) {
            // closed first, conditionally: an execute that claimed it meanwhile wins, and this answers 409
            try {
                store.replace(current.failed(new TransactionRecord.Failure(Optional.empty(), "abandoned"),
                        clock.instant()), current.revision());
            } catch (ConflictException raced) {
                throw new ConflictException("transaction " + id + " started executing or changed meanwhile;"
                        + " read it again", raced);
            }
        }
        store.delete(id);
    }

    @Override
    public DownloadPlan download(Principal caller, TransactionId id) {
        TransactionRecord current = visible(caller, id);
        if (current.state() != State.COMMITTED) {
            throw new ConflictException("transaction " + id + " is " + current.state().wireName()
                    + "; its group download exists once it has committed");
        }
        List<ArtifactRecord> group = new ArrayList<>();
        for (CommandResult result : current.results()) {
            if (!result.action().equals("download")) {
                continue;
            }
            ArtifactRecord artifact = catalog.find(result.artifact().id())
                    .filter(a -> a.type() == result.artifact().type())
                    .orElseThrow(() -> new ConflictException("artifact " + result.artifact().id()
                            + " was deleted after transaction " + id + " committed; run a new transaction"));
            if (!CommandResult.contentOf(artifact).equals(result.content())) {
                throw new ConflictException("artifact " + artifact.id() + " changed after transaction " + id
                        + " committed (it was updated from a new source or its files changed); run a new transaction");
            }
            group.add(artifact);
        }
        if (group.isEmpty()) {
            throw new NotFoundException("transaction " + id + " has no download commands");
        }
        return downloads.group(caller, group, id.value() + ".zip");
    }

    /** The transaction, if the caller may see it and it has not expired; a stalled execution is settled first. */
    private TransactionRecord visible(Principal caller, TransactionId id) {
        Instant now = clock.instant();
        Optional<TransactionRecord> found = store.find(id)
                .filter(t -> t.owner().equals(caller.userName()) || caller.admin())
                .map(t -> settleIfStalled(t, now))
                .filter(t -> t.state() == State.EXECUTING || t.expiresAt().isAfter(now));
        return found.orElseThrow(() -> new NotFoundException("no transaction " + id + " (transactions are visible to"
                + " the user who created them, and expire " + settings.lifetime() + " after creation or execution)"));
    }

    private static void requireOpen(TransactionRecord t) {
        if (t.state() != State.OPEN) {
            throw new ConflictException("transaction " + t.id() + " is " + t.state().wireName()
                    + ", no longer open; create a new one");
        }
    }

    private static void requireUntouched(TransactionRecord t, ArtifactId id) {
        for (int i = 0; i < t.commands().size(); i++) {
            if (t.commands().get(i) instanceof TransactionCommand.Update u && u.id().equals(id)
                    || t.commands().get(i) instanceof TransactionCommand.Delete d && d.id().equals(id)
                    || t.commands().get(i) instanceof TransactionCommand.Download w && w.id().equals(id)) {
                throw new InvalidRequestException("command " + i + " of transaction " + t.id()
                        + " concerns artifact " + id + " already; a transaction touches each artifact once");
            }
        }
    }

    private TransactionRecord claim(TransactionRecord open) {
        TransactionRecord executing = open.executingUntil(clock.instant().plus(settings.lease()));
        try {
            store.replace(executing, open.revision());
        } catch (ConflictException concurrent) {
            throw new ConflictException("transaction " + open.id() + " is being changed or executed by another"
                    + " request; read it again", concurrent);
        }
        return executing;
    }

    /** Extends the lease; fails if the transaction was settled as stalled meanwhile. */
    private TransactionRecord renew(TransactionRecord executing) {
        TransactionRecord renewed = executing.executingUntil(clock.instant().plus(settings.lease()));
        try {
            store.replace(renewed, executing.revision());
        } catch (ConflictException settled) {
            throw new ConflictException("transaction " + executing.id() + " ran past its lease of " + settings.lease()
                    + " and was settled as failed; nothing was changed", settled);
        }
        return renewed;
    }

    private TransactionRecord plan(TransactionRecord executing, List<CommandResult> results) {
        TransactionRecord planned = executing.planned(results);
        try {
            store.replace(planned, executing.revision());
        } catch (ConflictException settled) {
            throw new ConflictException("transaction " + executing.id() + " ran past its lease of " + settings.lease()
                    + " and was settled as failed; nothing was changed", settled);
        }
        return planned;
    }

    /** Records the failure (if the store answers) and says what the caller is answered. */
    private RegistryException failed(TransactionRecord open, TransactionRecord executing, int index,
                                     RegistryException failure) {
        Optional<Integer> at = index >= 0 ? Optional.of(index) : Optional.empty();
        RegistryException answered = index >= 0
                ? new TransactionFailedException(index, describe(open.commands().get(index)), failure)
                : failure;
        settleQuietly(executing, executing.failed(new TransactionRecord.Failure(at, answered.getMessage()), keepUntil()));
        return answered;
    }

    /**
     * Records the outcome if the store answers; if not, the transaction stays executing and is
     * settled from the catalog after its lease (the answer the caller gets is the same either way).
     */
    private void settleQuietly(TransactionRecord executing, TransactionRecord outcome) {
        try {
            settle(executing, outcome);
        } catch (DependencyUnavailableException | ConflictException settledElsewhere) {
            // down: settled later, by whoever reads it; changed: a reader settled it as stalled already
        }
    }

    private void settle(TransactionRecord executing, TransactionRecord outcome) {
        store.replace(outcome, executing.revision());
    }

    private Instant keepUntil() {
        return clock.instant().plus(settings.lifetime());
    }

    private void settleStalled(Instant now) {
        for (TransactionRecord t : store.inState(State.EXECUTING)) {
            settleIfStalled(t, now);
        }
    }

    /**
     * An execution whose lease has passed was left by a server that stopped: the catalog says
     * whether its batch was applied before that.
     */
    private TransactionRecord settleIfStalled(TransactionRecord t, Instant now) {
        if (t.state() != State.EXECUTING || t.leaseUntil().map(now::isBefore).orElse(false)) {
            return t;
        }
        Optional<Boolean> applied = fence(t.id());
        if (applied.isEmpty()) {
            return t;
        }
        TransactionRecord outcome = applied.get()
                ? t.committed(t.results(), now.plus(settings.lifetime()))
                : t.failed(new TransactionRecord.Failure(Optional.empty(), "the server executing it stopped before"
                        + " the commit; nothing was changed"), now.plus(settings.lifetime()));
        try {
            store.replace(outcome, t.revision());
        } catch (ConflictException | NotFoundException raced) {
            return store.find(t.id()).orElse(outcome);
        }
        if (applied.get()) {
            catalog.forgetBatch(t.id().value());
            recordSettledCommit(outcome);
        }
        // a fenced batch keeps its marker: a stalled executor that wakes must never apply it
        return outcome;
    }

    /**
     * What the stopped server would have done after its commit: an audit entry for each
     * registration and update (noted as recorded late) and the re-rating of models that depend on
     * them. (The dependents of a deleted artifact are re-rated at their next rating.)
     */
    private void recordSettledCommit(TransactionRecord t) {
        Principal owner = new Principal(t.owner(), false, java.util.Set.of());
        for (CommandResult r : t.results()) {
            if (!r.action().equals("register") && !r.action().equals("update")) {
                continue;
            }
            catalog.find(r.artifact().id()).ifPresent(record -> {
                auditor.record(owner, record.metadata(), r.action().equals("register") ? AuditAction.CREATE
                        : AuditAction.UPDATE, "recorded when transaction " + t.id() + " was settled after its server"
                        + " stopped");
                ratings.refreshDependentsOf(record);
            });
        }
    }

    private static String describe(TransactionCommand command) {
        return switch (command) {
            case TransactionCommand.Register r -> "register " + r.type().wireName() + " " + r.url();
            case TransactionCommand.Update u -> "update " + u.type().wireName() + " " + u.id() + " from " + u.url();
            case TransactionCommand.Delete d -> "delete " + d.type().wireName() + " " + d.id();
            case TransactionCommand.Download w -> "download " + w.type().wireName() + " " + w.id();
        };
    }

    private Prepared prepare(Principal caller, TransactionCommand command, int index) {
        return switch (command) {
            case TransactionCommand.Register r -> {
                ArtifactRecord record = registrations.prepare(caller,
                        new RegisterArtifactUseCase.Command(r.type(), r.url(), r.name()));
                yield new Prepared(new CatalogChange.Insert(record),
                        new CommandResult(index, r.action(), record.metadata(), record.revision(),
                                CommandResult.contentOf(record)), record, null);
            }
            case TransactionCommand.Update u -> {
                ArtifactRecord current = ArtifactLookup.require(catalog, u.type(), u.id());
                ArtifactRecord updated = updates.prepare(current, u.url());
                yield new Prepared(new CatalogChange.Replace(updated, current.revision()),
                        new CommandResult(index, u.action(), updated.metadata(), updated.revision(),
                                CommandResult.contentOf(updated)), updated, null);
            }
            case TransactionCommand.Delete d -> {
                ArtifactRecord current = ArtifactLookup.require(catalog, d.type(), d.id());
                yield new Prepared(new CatalogChange.Remove(current.id(), current.revision()),
                        new CommandResult(index, d.action(), current.metadata(), current.revision()), null, current);
            }
            case TransactionCommand.Download w -> {
                ArtifactRecord current = ArtifactLookup.require(catalog, w.type(), w.id());
                yield new Prepared(new CatalogChange.Unchanged(current.id(), current.revision()),
                        new CommandResult(index, w.action(), current.metadata(), current.revision(),
                                CommandResult.contentOf(current)), null, null);
            }
        };
    }

    private void abandon(List<Prepared> prepared) {
        for (Prepared p : prepared) {
            if (p.stored() != null) {
                if (p.change() instanceof CatalogChange.Insert) {
                    registrations.abandon(p.stored());
                } else {
                    updates.abandon(p.stored());
                }
            }
        }
    }

    /**
     * One prepared command.
     *
     * @param change  what the commit applies
     * @param result  what the command did, once committed
     * @param stored  the new record whose files are stored and pinned (registrations, updates)
     * @param deleted the record a deletion removes
     */
    private record Prepared(CatalogChange change, CommandResult result, ArtifactRecord stored, ArtifactRecord deleted) {
    }

    /** Post-commit steps of one command, as its own request would take them. */
    private void committed(Prepared p, Principal caller) {
        switch (p.change()) {
            case CatalogChange.Insert insert -> registrations.committed(caller, insert.record());
            case CatalogChange.Replace replace -> updates.committed(caller, replace.record());
            case CatalogChange.Remove remove -> ratings.refreshDependentsOf(p.deleted());
            case CatalogChange.Unchanged unchanged -> {
                // downloads are audited when the group download is fetched
            }
        }
    }
}
