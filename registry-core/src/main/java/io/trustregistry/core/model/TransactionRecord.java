package io.trustregistry.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of commands applied all or nothing, as the transaction store keeps it. Its life:
 * {@link State#OPEN} (commands are appended) → {@link State#EXECUTING} (held by one execution
 * until {@code leaseUntil}) → {@link State#COMMITTED} or {@link State#FAILED}. Every record
 * expires at {@code expiresAt} and is then forgotten.
 *
 * @param id         its id
 * @param owner      the user who created it; only they (or an administrator) may see or use it
 * @param createdAt  when it was created
 * @param expiresAt  when it is forgotten (open: abandoned; finished: its results are dropped)
 * @param state      where it is in its life
 * @param commands   the commands, in the order they run
 * @param revision   starts at 1, grows by one with each change; used for optimistic locking
 * @param leaseUntil while executing: until when its execution may run before it counts as stalled
 * @param results    once committed (or about to be): what each command did, in command order
 * @param failure    once failed: why, and which command
 */
public record TransactionRecord(
        TransactionId id,
        String owner,
        Instant createdAt,
        Instant expiresAt,
        State state,
        List<TransactionCommand> commands,
        long revision,
        Optional<Instant> leaseUntil,
        List<CommandResult> results,
        Optional<Failure> failure) {

    /** Where a transaction is in its life. */
    public enum State {
        OPEN, EXECUTING, COMMITTED, FAILED;

        /** Its name on the wire. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What one command did.
     *
     * @param index    its position among the commands, from 0
     * @param action   the command's {@link TransactionCommand#action()}
     * @param artifact the artifact it created, changed, deleted or downloads
     * @param revision the artifact's revision after the commit (for a deletion: the revision deleted)
     * @param content  identifies what the artifact holds (its source and stored files) after the
     *                 commit: a group download serves the artifact only while this is unchanged (a
     *                 re-rating changes the revision, not this); empty where it does not matter
     */
    public record CommandResult(int index, String action, ArtifactMetadata artifact, long revision, String content) {
        public CommandResult {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(artifact, "artifact");
            Objects.requireNonNull(content, "content");
        }

        /** A result whose content does not matter. */
        public CommandResult(int index, String action, ArtifactMetadata artifact, long revision) {
            this(index, action, artifact, revision, "");
        }

        /** The {@code content} of {@code record}: its source URL and the digest of each stored file. */
        public static String contentOf(ArtifactRecord record) {
            StringBuilder content = new StringBuilder(record.sourceUrl());
            record.bundle().ifPresent(b -> b.files().forEach(f -> content.append('|').append(f.path()).append('=')
                    .append(f.digest().hex())));
            return Digest.of(content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
        }
    }

    /**
     * Why a transaction failed.
     *
     * @param command the index of the command that failed, if one did
     * @param reason  what went wrong, as the execute call answered it
     */
    public record Failure(Optional<Integer> command, String reason) {
        public Failure {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public TransactionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        commands = List.copyOf(commands);
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        results = List.copyOf(results);
        Objects.requireNonNull(failure, "failure");
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1");
        }
    }

    /** A new, empty, open transaction. */
    public static TransactionRecord open(TransactionId id, String owner, Instant now, Instant expiresAt) {
        return new TransactionRecord(id, owner, now, expiresAt, State.OPEN, List.of(), 1, Optional.empty(), List.of(),
                Optional.empty());
    }

    /** This transaction with {@code command} appended. */
    public TransactionRecord with(TransactionCommand command) {
        List<TransactionCommand> more = new ArrayList<>(commands);
        more.add(command);
        return new TransactionRecord(id, owner, createdAt, expiresAt, state, more, revision + 1, leaseUntil, results,
                failure);
    }

    /** This transaction held by an execution until {@code until}. */
    public TransactionRecord executingUntil(Instant until) {
        return new TransactionRecord(id, owner, createdAt, expiresAt, State.EXECUTING, commands, revision + 1,
                Optional.of(until), List.of(), Optional.empty());
    }

    /** This executing transaction, with what its commit will have done once applied. */
    public TransactionRecord planned(List<CommandResult> planned) {
        return new TransactionRecord(id, owner, createdAt, expiresAt, State.EXECUTING, commands, revision + 1,
                leaseUntil, planned, Optional.empty());
    }

    /** This transaction committed with {@code done}, kept until {@code keepUntil}. */
    public TransactionRecord committed(List<CommandResult> done, Instant keepUntil) {
        return new TransactionRecord(id, owner, createdAt, keepUntil, State.COMMITTED, commands, revision + 1,
                Optional.empty(), done, Optional.empty());
    }

    /** This transaction failed for {@code why}, kept until {@code keepUntil}. */
    public TransactionRecord failed(Failure why, Instant keepUntil) {
        return new TransactionRecord(id, owner, createdAt, keepUntil, State.FAILED, commands, revision + 1,
                Optional.empty(), List.of(), Optional.of(why));
    }
}
