package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.error.RatingRejectedException;
import io.trustregistry.core.error.TooManyRequestsException;
import io.trustregistry.core.error.TransactionFailedException;
import io.trustregistry.core.service.TransactionService;
import io.trustregistry.core.memory.InMemoryArtifactCatalog;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.model.TransactionCommand;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.model.TransactionRecord.State;
import io.trustregistry.core.model.TransactionSettings;
import io.trustregistry.core.port.in.DownloadPlan;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.in.RegisterUserUseCase;
import io.trustregistry.core.port.in.TransactionsUseCase;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;
import io.trustregistry.core.port.out.MonitorSandbox;

/**
 * Transactions on the in-memory registry: all or nothing whichever command fails, conflicts
 * detected at the commit, permissions per command, expiry, and a server that stops in the middle
 * of an execution (simulated by an {@link Error} thrown from the catalog before or after it
 * applies the batch, as a process death would leave things).
 */
class TransactionsTest {

    /** Stands for the process dying: nothing in the service catches it. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private enum CrashAt { NONE, BEFORE_APPLY, AFTER_APPLY, LOST_BEFORE_APPLY, LOST_AFTER_APPLY }

    private CrashAt crash = CrashAt.NONE;
    /** How many more catalog calls the LOST_ modes fail. */
    private int lostCalls;
    private Runnable duringApply = () -> { };
    private final TestRegistry t = new TestRegistry(RegistrySettings.builder().blobCollectionGrace(Duration.ZERO).build(),
            MonitorSandbox.unavailable("none"), new InMemoryArtifactCatalog() {
                @Override
                public void apply(String batchId, List<CatalogChange> changes) {
                    duringApply.run();
                    if (crash == CrashAt.BEFORE_APPLY) {
                        throw new Crash();
                    }
                    if (crash == CrashAt.LOST_BEFORE_APPLY && lostCalls-- > 0) {
                        throw new DependencyUnavailableException("the database went away");
                    }
                    boolean answerLost = crash == CrashAt.LOST_AFTER_APPLY && lostCalls-- > 0;
                    if (!answerLost || !changes.isEmpty()) {
                        super.apply(batchId, changes);
                    }
                    if (crash == CrashAt.AFTER_APPLY) {
                        throw new Crash();
                    }
                    if (answerLost) {
                        // the commit went through, but its answer was lost with the connection
                        throw new DependencyUnavailableException("the database went away");
                    }
                }
            }, new TransactionSettings(Duration.ofHours(1), Duration.ofMinutes(5), 5));
    private final Principal admin = t.admin();
    private final TransactionsUseCase tx = t.registry.transactions();

    private String publish(String hubId, String content) {
        String url = "https://huggingface.co/" + hubId;
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        t.hub.publish(url, SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, url,
                        hubId.substring(hubId.indexOf('/') + 1)).hubId(hubId).readme("# " + hubId)
                .license("apache-2.0").files(List.of(new SourceFile("model.safetensors", bytes.length, Optional.empty())))
                .totalSizeBytes(bytes.length).build());
        t.hub.publishFile(url, "model.safetensors", bytes);
        return url;
    }

    private ArtifactRecord register(String url) {
        return t.registry.registerArtifact().register(admin,
                new RegisterArtifactUseCase.Command(ArtifactType.MODEL, url, Optional.empty()));
    }

    private static TransactionCommand registerModel(String url) {
        return new TransactionCommand.Register(ArtifactType.MODEL, url, Optional.empty());
    }

    private TransactionId open(Principal who, TransactionCommand... commands) {
        TransactionId id = tx.create(who).id();
        for (TransactionCommand command : commands) {
            tx.append(who, id, command);
        }
        return id;
    }

    private Principal user(String name, Permission... permissions) {
        t.registry.registerUser().register(admin, new RegisterUserUseCase.Command(name, name + "-password", false,
                Set.of(permissions)));
        return t.login(name, name + "-password");
    }

    private Map<ArtifactId, Long> catalogState() {
        Map<ArtifactId, Long> state = new TreeMap<>();
        t.catalog.scan(r -> {
            state.put(r.id(), r.revision());
            return true;
        });
        return state;
    }

    private Set<Digest> blobs() {
        Set<Digest> digests = new HashSet<>();
        t.blobs.scan(b -> digests.add(b.digest()));
        return digests;
    }

    @Test
    void registrationsUpdatesAndDeletionsCommitTogether() {
        ArtifactRecord old = register(publish("acme/old", "old weights"));
        ArtifactRecord kept = register(publish("acme/kept", "kept weights"));
        String newer = publish("acme/kept-v2", "kept weights, second version");
        TransactionId id = open(admin, registerModel(publish("acme/one", "one")), registerModel(publish("acme/two", "two")),
                new TransactionCommand.Update(ArtifactType.MODEL, kept.id(), newer),
                new TransactionCommand.Delete(ArtifactType.MODEL, old.id()));

        TransactionRecord done = tx.execute(admin, id);

        assertEquals(State.COMMITTED, done.state());
        assertEquals(List.of("register", "register", "update", "delete"),
                done.results().stream().map(TransactionRecord.CommandResult::action).toList());
        ArtifactRecord one = t.catalog.find(done.results().get(0).artifact().id()).orElseThrow();
        assertEquals("one", one.name().value());
        assertTrue(one.rating().isPresent(), "a model registered in a transaction is rated as any other");
        ArtifactRecord updated = t.catalog.find(kept.id()).orElseThrow();
        assertEquals(newer, updated.sourceUrl());
        assertEquals("kept", updated.name().value(), "an update keeps the name");
        assertEquals(kept.revision() + 1, done.results().get(2).revision());
        assertTrue(t.catalog.find(old.id()).isEmpty());
        assertEquals(3, t.catalog.count());
        assertEquals(done, tx.get(admin, id), "the outcome is kept for reading");
        assertFalse(t.catalog.isApplied(id.value()), "the catalog forgets the batch once the outcome is recorded");
    }

    @Test
    void aCommandThatFailsLeavesTheRegistryExactlyAsBefore() {
        ArtifactRecord existing = register(publish("acme/existing", "weights"));
        Map<ArtifactId, Long> before = catalogState();
        Set<Digest> blobsBefore = blobs();
        TransactionId id = open(admin, registerModel(publish("acme/fine", "fine weights")),
                new TransactionCommand.Update(ArtifactType.MODEL, existing.id(), publish("acme/existing-v2", "v2")),
                registerModel("https://huggingface.co/acme/never-published"));

        TransactionFailedException failed = assertThrows(TransactionFailedException.class, () -> tx.execute(admin, id));

        assertEquals(2, failed.command());
        // as the same registration alone would answer: the source does not exist (400)
        assertInstanceOf(InvalidRequestException.class, failed.reason());
        assertTrue(failed.getMessage().startsWith("command 2 (register model https://huggingface.co/acme/never-published)"
                + " failed, so nothing was changed: "), failed.getMessage());
        assertEquals(before, catalogState());
        TransactionRecord recorded = tx.get(admin, id);
        assertEquals(State.FAILED, recorded.state());
        assertEquals(Optional.of(2), recorded.failure().orElseThrow().command());
        assertEquals(failed.getMessage(), recorded.failure().orElseThrow().reason());
        // the files the first two commands stored are garbage now, and go with the next collection
        t.registry.blobCollector().collect();
        assertEquals(blobsBefore, blobs());
        assertThrows(ConflictException.class, () -> tx.execute(admin, id), "a failed transaction is not run again");
    }

    @Test
    void aDefectDuringTheCommitChangesNothingAndLeavesTheTransactionFailedWithItsCause() {
        Map<ArtifactId, Long> before = catalogState();
        Set<Digest> blobsBefore = blobs();
        TransactionId id = open(admin, registerModel(publish("acme/defect", "weights")));
        duringApply = () -> {
            throw new IllegalStateException("a defect in the catalog");
        };

        assertThrows(IllegalStateException.class, () -> tx.execute(admin, id), "a defect is not dressed up as a 4xx");
        duringApply = () -> { };

        assertEquals(before, catalogState());
        TransactionRecord recorded = tx.get(admin, id);
        assertEquals(State.FAILED, recorded.state());
        assertEquals(Optional.empty(), recorded.failure().orElseThrow().command(), "no command was at fault");
        assertTrue(recorded.failure().orElseThrow().reason().startsWith("the execution failed unexpectedly: "
                + "java.lang.IllegalStateException: a defect in the catalog"), recorded.failure().toString());
        t.registry.blobCollector().collect();
        assertEquals(blobsBefore, blobs(), "the registration's stored files were released");
    }

    @Test
    void eachKindOfFailedCommandIsNamedInTheFailure() {
        ArtifactRecord existing = register(publish("acme/named", "weights"));
        TransactionId update = open(admin, new TransactionCommand.Update(ArtifactType.MODEL, existing.id(),
                "https://huggingface.co/acme/not-there"));
        TransactionId delete = open(admin, new TransactionCommand.Delete(ArtifactType.MODEL, existing.id()));
        TransactionId download = open(admin, new TransactionCommand.Download(ArtifactType.MODEL, existing.id()));

        TransactionFailedException updateFailed = assertThrows(TransactionFailedException.class,
                () -> tx.execute(admin, update));
        assertTrue(updateFailed.getMessage().startsWith("command 0 (update model " + existing.id()
                + " from https://huggingface.co/acme/not-there) failed, so nothing was changed: "),
                updateFailed.getMessage());
        assertInstanceOf(InvalidRequestException.class, updateFailed.reason());

        // gone after the commands were appended: each fails as its own request would, with 404
        t.registry.deleteArtifact().delete(admin, ArtifactType.MODEL, existing.id());
        TransactionFailedException deleteFailed = assertThrows(TransactionFailedException.class,
                () -> tx.execute(admin, delete));
        assertTrue(deleteFailed.getMessage().startsWith("command 0 (delete model " + existing.id() + ") failed"),
                deleteFailed.getMessage());
        assertInstanceOf(NotFoundException.class, deleteFailed.reason());
        TransactionFailedException downloadFailed = assertThrows(TransactionFailedException.class,
                () -> tx.execute(admin, download));
        assertTrue(downloadFailed.getMessage().startsWith("command 0 (download model " + existing.id() + ") failed"),
                downloadFailed.getMessage());
        assertEquals(State.FAILED, tx.get(admin, download).state());
    }

    @Test
    void theRatingGateAppliesToEveryRegistrationBeforeAnythingIsCommitted() {
        TestRegistry gated = new TestRegistry(RegistrySettings.defaults().withRatingGate(0.99));
        String url = "https://huggingface.co/acme/poor";
        gated.hub.publish(url, SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, url, "poor").hubId("acme/poor")
                .readme("").build());
        String dataset = gated.publishDataset("acme/data", 10);
        Principal root = gated.admin();
        TransactionsUseCase transactions = gated.registry.transactions();
        TransactionId id = transactions.create(root).id();
        transactions.append(root, id, new TransactionCommand.Register(ArtifactType.DATASET, dataset, Optional.empty()));
        transactions.append(root, id, registerModel(url));

        TransactionFailedException failed = assertThrows(TransactionFailedException.class,
                () -> transactions.execute(root, id));

        assertInstanceOf(RatingRejectedException.class, failed.reason());
        assertEquals(0, gated.catalog.count(), "the dataset before the refused model is not registered either");
    }

    @Test
    void aChangeToWhatTheTransactionReadFailsItAtTheCommitWith409() {
        ArtifactRecord shared = register(publish("acme/shared", "weights"));
        TransactionId id = open(admin, registerModel(publish("acme/newcomer", "new")),
                new TransactionCommand.Download(ArtifactType.MODEL, shared.id()));
        String elsewhere = publish("acme/shared-v2", "changed meanwhile");
        // another request updates the artifact while the transaction is between prepare and commit
        duringApply = () -> {
            duringApply = () -> { };
            t.registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(ArtifactType.MODEL, shared.id(),
                    shared.id(), ArtifactType.MODEL, "shared", elsewhere));
        };
        Map<ArtifactId, Long> expected = new TreeMap<>(Map.of(shared.id(), shared.revision() + 1));

        ConflictException conflict = assertThrows(ConflictException.class, () -> tx.execute(admin, id));

        assertTrue(conflict.getMessage().contains(shared.id().value()), conflict.getMessage());
        assertEquals(expected, catalogState(), "the other request's update stands; the newcomer is not registered");
        assertEquals(State.FAILED, tx.get(admin, id).state());
    }

    @Test
    void eachCommandNeedsThePermissionItsOwnRequestWould() {
        ArtifactRecord model = register(publish("acme/model", "weights"));
        Principal reader = user("reader", Permission.SEARCH);
        Principal fetcher = user("fetcher", Permission.DOWNLOAD);
        TransactionId readers = tx.create(reader).id();
        assertThrows(PermissionDeniedException.class, () -> tx.append(reader, readers, registerModel(publish("acme/x", "x"))));
        assertThrows(PermissionDeniedException.class,
                () -> tx.append(reader, readers, new TransactionCommand.Download(ArtifactType.MODEL, model.id())));
        TransactionId fetchers = open(fetcher, new TransactionCommand.Download(ArtifactType.MODEL, model.id()));
        assertThrows(PermissionDeniedException.class,
                () -> tx.append(fetcher, fetchers, new TransactionCommand.Delete(ArtifactType.MODEL, model.id())));
        assertEquals(State.COMMITTED, tx.execute(fetcher, fetchers).state());
        // a transaction is its owner's: to anyone else it does not exist; an administrator sees it
        assertThrows(NotFoundException.class, () -> tx.get(reader, fetchers));
        assertThrows(NotFoundException.class, () -> tx.download(reader, fetchers));
        assertEquals(fetchers, tx.get(admin, fetchers).id());
    }

    @Test
    void badAppendsAreRefusedAndLeaveTheTransactionAsItWas() {
        ArtifactRecord model = register(publish("acme/model", "weights"));
        TransactionId id = open(admin, new TransactionCommand.Delete(ArtifactType.MODEL, model.id()));
        assertThrows(InvalidRequestException.class,
                () -> tx.append(admin, id, new TransactionCommand.Download(ArtifactType.MODEL, model.id())),
                "one artifact, one command");
        assertThrows(NotFoundException.class, () -> tx.append(admin, id,
                new TransactionCommand.Update(ArtifactType.DATASET, model.id(), "https://huggingface.co/datasets/a/b")),
                "the model is not a dataset");
        assertThrows(InvalidRequestException.class, () -> tx.append(admin, id,
                new TransactionCommand.Register(ArtifactType.MODEL, "https://huggingface.co/a/b", Optional.of("*"))));
        for (int i = 1; i < 5; i++) {
            tx.append(admin, id, registerModel(publish("acme/m" + i, "m" + i)));
        }
        InvalidRequestException full = assertThrows(InvalidRequestException.class,
                () -> tx.append(admin, id, registerModel(publish("acme/m5", "m5"))));
        assertTrue(full.getMessage().contains("5 commands"), full.getMessage());
        assertEquals(5, tx.get(admin, id).commands().size());
        InvalidRequestException empty = assertThrows(InvalidRequestException.class,
                () -> tx.execute(admin, tx.create(admin).id()));
        assertTrue(empty.getMessage().contains("no commands"), empty.getMessage());
        tx.execute(admin, id);
        assertThrows(ConflictException.class, () -> tx.append(admin, id, registerModel(publish("acme/late", "late"))));
    }

    @Test
    void aUserHoldsABoundedNumberOfOpenTransactionsAndEachUrlIsCheckedOnAppend() {
        TransactionId first = tx.create(admin).id();
        for (int i = 1; i < TransactionService.MAX_OPEN_PER_USER; i++) {
            tx.create(admin);
        }
        TooManyRequestsException full = assertThrows(TooManyRequestsException.class, () -> tx.create(admin));
        assertEquals(Duration.ofHours(1), full.retryAfter(), "until the oldest expires");
        assertEquals(State.OPEN, tx.create(user("other", Permission.SEARCH)).state(), "others are not affected");
        tx.abandon(admin, first);
        TransactionId room = tx.create(admin).id();
        InvalidRequestException tooLong = assertThrows(InvalidRequestException.class, () -> tx.append(admin, room,
                registerModel("https://huggingface.co/" + "a".repeat(10_000))));
        assertTrue(tooLong.getMessage().contains("'url' is longer than"), tooLong.getMessage());
        TransactionId last = tx.create(user("third", Permission.UPLOAD)).id();
        assertThrows(InvalidRequestException.class, () -> tx.append(t.login("third", "third-password"), last,
                registerModel("ftp://example.com/model")));
    }

    @Test
    void openTransactionsExpireAndAreForgotten() {
        TransactionId id = open(admin, registerModel(publish("acme/slow", "w")));
        t.advance(Duration.ofMinutes(59));
        assertEquals(State.OPEN, tx.get(admin, id).state());
        t.advance(Duration.ofMinutes(2));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> tx.execute(admin, id));
        assertTrue(gone.getMessage().contains("expire"), gone.getMessage());
        tx.abandon(admin, tx.create(admin).id());
        assertEquals(0, t.catalog.count());
    }

    @Test
    void aServerThatStopsBeforeTheCommitLeavesNothingAndTheTransactionIsSettledAsFailed() {
        TransactionId id = open(admin, registerModel(publish("acme/a", "a")), registerModel(publish("acme/b", "b")));
        crash = CrashAt.BEFORE_APPLY;
        assertThrows(Crash.class, () -> tx.execute(admin, id));
        crash = CrashAt.NONE;

        assertEquals(0, t.catalog.count());
        assertEquals(State.EXECUTING, tx.get(admin, id).state(), "within its lease it may still be running");
        assertThrows(ConflictException.class, () -> tx.abandon(admin, id));
        t.advance(Duration.ofMinutes(6));
        TransactionRecord settled = tx.get(admin, id);
        assertEquals(State.FAILED, settled.state());
        assertTrue(settled.failure().orElseThrow().reason().contains("stopped before the commit"));
        t.registry.blobCollector().collect();
        assertTrue(blobs().isEmpty(), "the files it stored go with the next collection");
    }

    @Test
    void aServerThatStopsAfterTheCommitLeavesEverythingAndTheTransactionIsSettledAsCommitted() {
        TransactionId id = open(admin, registerModel(publish("acme/a", "a")), registerModel(publish("acme/b", "b")));
        crash = CrashAt.AFTER_APPLY;
        assertThrows(Crash.class, () -> tx.execute(admin, id));
        crash = CrashAt.NONE;

        assertEquals(2, t.catalog.count());
        t.advance(Duration.ofMinutes(6));
        tx.create(admin); // any creation settles stalled executions too
        TransactionRecord settled = tx.get(admin, id);
        assertEquals(State.COMMITTED, settled.state());
        assertEquals(Set.copyOf(catalogState().keySet()),
                Set.copyOf(settled.results().stream().map(r -> r.artifact().id()).toList()));
    }

    @Test
    void aStoreLostDuringTheCommitIsResolvedByFencingTheBatch() {
        TransactionId notApplied = open(admin, registerModel(publish("acme/a", "a")));
        crash = CrashAt.LOST_BEFORE_APPLY;
        lostCalls = 1;
        DependencyUnavailableException before = assertThrows(DependencyUnavailableException.class,
                () -> tx.execute(admin, notApplied));
        assertEquals("the database went away", before.getMessage(), "fenced off: plainly failed");
        assertEquals(State.FAILED, tx.get(admin, notApplied).state());

        TransactionId applied = open(admin, registerModel(publish("acme/b", "b")));
        crash = CrashAt.LOST_AFTER_APPLY;
        lostCalls = 1;
        assertEquals(State.COMMITTED, tx.execute(admin, applied).state(), "the fence finds the batch applied");
        assertEquals(State.COMMITTED, tx.get(admin, applied).state());
        assertEquals(1, t.catalog.count());
    }

    @Test
    void aStoreStillLostAfterTheCommitLeavesTheOutcomeToBeSettled() {
        TransactionId applied = open(admin, registerModel(publish("acme/b", "b")));
        crash = CrashAt.LOST_AFTER_APPLY;
        lostCalls = 2;
        DependencyUnavailableException unknown = assertThrows(DependencyUnavailableException.class,
                () -> tx.execute(admin, applied));
        crash = CrashAt.NONE;
        assertTrue(unknown.getMessage().contains("whether it committed is settled"), unknown.getMessage());
        assertEquals(State.EXECUTING, tx.get(admin, applied).state());
        t.advance(Duration.ofMinutes(6));
        assertEquals(State.COMMITTED, tx.get(admin, applied).state());
        assertEquals(1, t.catalog.count());
    }

    @Test
    void anExecutionThatOutlivesItsLeaseIsFencedOffAndCommitsNothing() {
        TransactionId id = open(admin, registerModel(publish("acme/slowpoke", "w")));
        List<TransactionRecord> seenByAnotherReader = new ArrayList<>();
        duringApply = () -> {
            duringApply = () -> { };
            // the executor stalls past its lease just before its commit; another request reads the transaction
            t.advance(Duration.ofMinutes(6));
            seenByAnotherReader.add(tx.get(admin, id));
        };

        ConflictException late = assertThrows(ConflictException.class, () -> tx.execute(admin, id));

        assertEquals(State.FAILED, seenByAnotherReader.get(0).state(), "settled by the other reader");
        assertTrue(late.getMessage().contains("ran past its lease"), late.getMessage());
        assertEquals(0, t.catalog.count(), "the fenced batch never applies");
        assertEquals(State.FAILED, tx.get(admin, id).state());
    }

    @Test
    void anExecutingTransactionCannotBeAbandoned() {
        TransactionId id = open(admin, registerModel(publish("acme/busy", "w")));
        List<Throwable> refused = new ArrayList<>();
        duringApply = () -> {
            duringApply = () -> { };
            refused.add(assertThrows(ConflictException.class, () -> tx.abandon(admin, id)));
        };
        assertEquals(State.COMMITTED, tx.execute(admin, id).state());
        assertEquals(1, refused.size());
        assertEquals(1, t.catalog.count());
    }

    @Test
    void aSettledCommitIsAuditedAsItsServerWouldHaveDone() {
        TransactionId id = open(admin, registerModel(publish("acme/late", "w")));
        crash = CrashAt.AFTER_APPLY;
        assertThrows(Crash.class, () -> tx.execute(admin, id));
        crash = CrashAt.NONE;
        t.advance(Duration.ofMinutes(6));
        TransactionRecord settled = tx.get(admin, id);
        ArtifactId created = settled.results().get(0).artifact().id();
        List<AuditEntry> trail = t.registry.auditTrail().auditTrail(admin, ArtifactType.MODEL, created);
        assertTrue(trail.stream().anyMatch(e -> e.action() == AuditAction.CREATE && e.userName().equals(admin.userName())
                && e.note().orElse("").contains("settled")), trail.toString());
    }

    @Test
    void aSensitiveModelsMonitorRunsBeforeTheGroupDownloadAndARefusalAuditsNothingElse() {
        ArtifactRecord plain = register(publish("acme/plain", "plain"));
        ArtifactRecord guarded = register(publish("acme/guarded", "guarded"));
        t.registry.sensitiveModels().markSensitive(admin, guarded.id(), true);
        t.registry.sensitiveModels().putMonitor(admin, guarded.id(), "process.exit(0);");
        TransactionId id = open(admin, new TransactionCommand.Download(ArtifactType.MODEL, plain.id()),
                new TransactionCommand.Download(ArtifactType.MODEL, guarded.id()));
        tx.execute(admin, id);

        // this registry has no sandbox: the monitor cannot run, so the group download is refused
        assertThrows(DependencyUnavailableException.class, () -> tx.download(admin, id));

        assertTrue(t.registry.auditTrail().auditTrail(admin, ArtifactType.MODEL, plain.id()).stream()
                .noneMatch(e -> e.action() == AuditAction.DOWNLOAD), "the plain model was not served");
        assertEquals(1, t.registry.sensitiveModels().downloadHistory(admin, guarded.id()).size(),
                "the guarded model's history holds the refused attempt");
    }

    @Test
    void aReRatingDoesNotInvalidateAGroupDownloadButANewSourceDoes() {
        String dataset = t.publishDataset("acme/books", 10);
        String modelUrl = t.publishModel("acme/reader", "# reader", Optional.of("mit"), 10, 5, List.of("acme/books"),
                List.of(), List.of());
        ArtifactRecord model = register(modelUrl);
        TransactionId id = open(admin, new TransactionCommand.Download(ArtifactType.MODEL, model.id()));
        tx.execute(admin, id);
        t.registry.registerArtifact().register(admin, new RegisterArtifactUseCase.Command(ArtifactType.DATASET, dataset,
                Optional.empty()));
        assertTrue(t.catalog.find(model.id()).orElseThrow().revision() > model.revision(),
                "registering its dataset re-rated the model");

        assertInstanceOf(DownloadPlan.Zip.class, tx.download(admin, id));

        t.registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(),
                model.id(), ArtifactType.MODEL, "reader", publish("acme/reader-v2", "new weights")));
        assertThrows(ConflictException.class, () -> tx.download(admin, id));
    }

    @Test
    void aGroupDownloadIsOneZipOfTheArtifactsAsCommitted() throws IOException {
        ArtifactRecord first = register(publish("acme/first", "first weights"));
        ArtifactRecord second = register(publish("acme/second", "second weights"));
        TransactionId id = open(admin, new TransactionCommand.Download(ArtifactType.MODEL, first.id()),
                new TransactionCommand.Download(ArtifactType.MODEL, second.id()));
        assertThrows(ConflictException.class, () -> tx.download(admin, id), "not before it committed");
        tx.execute(admin, id);

        DownloadPlan.Zip plan = assertInstanceOf(DownloadPlan.Zip.class, tx.download(admin, id));

        Map<String, String> entries = new TreeMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plan.zip().write(out);
        assertEquals(plan.zip().length(), out.size());
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Map.of("model/first-" + first.id() + "/model.safetensors", "first weights",
                "model/second-" + second.id() + "/model.safetensors", "second weights"), entries);
        assertEquals(id.value() + ".zip", plan.fileName());

        t.registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(ArtifactType.MODEL, second.id(),
                second.id(), ArtifactType.MODEL, "second", publish("acme/second-v2", "changed")));
        ConflictException changed = assertThrows(ConflictException.class, () -> tx.download(admin, id));
        assertTrue(changed.getMessage().contains("changed after transaction"), changed.getMessage());
        TransactionId noDownloads = open(admin, registerModel(publish("acme/c", "c")));
        tx.execute(admin, noDownloads);
        assertThrows(NotFoundException.class, () -> tx.download(admin, noDownloads));
    }

    @Test
    void twoExecutionsOfOneTransactionRunItOnce() throws Exception {
        TransactionId id = open(admin, registerModel(publish("acme/once", "once")));
        List<Throwable> outcomes = new ArrayList<>();
        duringApply = () -> outcomes.add(assertThrows(ConflictException.class, () -> tx.execute(admin, id)));
        tx.execute(admin, id);
        assertEquals(1, outcomes.size(), "the second execution, started during the first, was refused");
        assertEquals(1, t.catalog.count());
    }
}
