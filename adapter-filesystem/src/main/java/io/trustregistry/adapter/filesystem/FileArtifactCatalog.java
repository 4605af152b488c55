package io.trustregistry.adapter.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.memory.InMemoryArtifactCatalog;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.json.StoredDocuments;

/**
 * A catalog of one JSON document per artifact, read into an in-memory index at start-up.
 * Every change is written to disk (atomically, durably) before it becomes visible in memory,
 * so a reader never sees a change that a crash could take back.
 *
 * <p>A batch ({@link #apply}) is made atomic by a journal: its every change is first written, as
 * one document, to {@code batches/<id>.json} (the commit point), then to the artifacts' own
 * files; then the journal is replaced by an empty marker that says "applied". Opening the
 * catalog finishes any journal a crash left unfinished before reading the artifacts.
 */
public final class FileArtifactCatalog implements ArtifactCatalog {

    private final DataDirectory directory;
    private final Path artifacts;
    private final Path batches;
    private final InMemoryArtifactCatalog index = new InMemoryArtifactCatalog();
    private final List<String> unreadable = new ArrayList<>();
    private final Object writeLock = new Object();
    /** A batch that could be neither finished nor rolled back: its journal finishes it at the next open. */
    private volatile String unfinishedBatch;

    public FileArtifactCatalog(DataDirectory directory) {
        this.directory = directory;
        this.artifacts = directory.resolve("artifacts");
        this.batches = directory.resolve("batches");
        finishJournals();
        load();
    }

    private void load() {
        try (Stream<Path> files = Files.list(artifacts)) {
            for (Path file : files.filter(p -> AtomicFiles.nameOf(p).endsWith(".json")).sorted().toList()) {
                try {
                    index.insert(StoredDocuments.decodeArtifact(Files.readAllBytes(file)));
                } catch (StoredDocuments.UnreadableDocumentException | ConflictException e) {
                    unreadable.add(AtomicFiles.nameOf(file) + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw directory.failure("read the catalog", e);
        }
    }

    /** Replays every journal that a crash left between its commit point and its marker. */
    private void finishJournals() {
        try (Stream<Path> files = Files.list(batches)) {
            for (Path journal : files.filter(p -> AtomicFiles.nameOf(p).endsWith(".json")).sorted().toList()) {
                StoredDocuments.Batch batch;
                try {
                    batch = StoredDocuments.decodeBatch(Files.readAllBytes(journal));
                } catch (StoredDocuments.UnreadableDocumentException e) {
                    unreadable.add(AtomicFiles.nameOf(journal) + ": " + e.getMessage());
                    continue;
                }
                if (!batch.applied()) {
                    writeFiles(batch.changes());
                    directory.files().write(journal, StoredDocuments.encodeBatch(StoredDocuments.Batch.APPLIED));
                }
            }
        } catch (IOException e) {
            throw directory.failure("finish the catalog's batch journals", e);
        }
    }

    private Path journalOf(String batchId) {
        if (!io.trustregistry.core.model.TransactionId.isWellFormed(batchId)) {
            throw new IllegalArgumentException("a batch id has the shape of a transaction id");
        }
        return batches.resolve(batchId + ".json");
    }

    @Override
    public void apply(String batchId, List<CatalogChange> changes) {
        synchronized (writeLock) {
            refuseWritesWhileUnfinished();
            Path journal = journalOf(batchId);
            if (Files.exists(journal)) {
                throw new ConflictException("batch " + batchId + " was applied already");
            }
            index.check(batchId, changes);
            try {
                // the commit point: once this journal is durable, the batch is applied, if need be at the next open
                directory.files().write(journal, StoredDocuments.encodeBatch(new StoredDocuments.Batch(false, changes)));
                writeFiles(changes);
                directory.files().write(journal, StoredDocuments.encodeBatch(StoredDocuments.Batch.APPLIED));
            } catch (IOException e) {
                rollBack(journal, changes, e);
                throw directory.failure("apply batch " + batchId, e);
            }
            index.applyChecked(batchId, changes);
        }
    }

    /**
     * Puts back what the index (still the state before the batch) holds for each artifact the
     * batch touched, then drops the journal. Should that fail too, the journal stays and the
     * batch is finished when the catalog is next opened: whole, never half, though its caller was
     * told it failed (a disk failing twice over; the transaction is then settled from
     * {@link #isApplied}, not from what its caller was told).
     */
    private void rollBack(Path journal, List<CatalogChange> changes, IOException cause) {
        try {
            for (CatalogChange change : changes) {
                Optional<ArtifactRecord> before = index.find(change.id());
                if (before.isPresent()) {
                    directory.files().write(fileOf(change.id()), StoredDocuments.encodeArtifact(before.get()));
                } else {
                    directory.files().delete(fileOf(change.id()));
                }
            }
            directory.files().delete(journal);
        } catch (IOException again) {
            cause.addSuppressed(again);
            unfinishedBatch = AtomicFiles.nameOf(journal);
        }
    }

    private void writeFiles(List<CatalogChange> changes) throws IOException {
        for (CatalogChange change : changes) {
            switch (change) {
                case CatalogChange.Insert insert -> directory.files().write(fileOf(insert.id()),
                        StoredDocuments.encodeArtifact(insert.record()));
                case CatalogChange.Replace replace -> directory.files().write(fileOf(replace.id()),
                        StoredDocuments.encodeArtifact(replace.record()));
                case CatalogChange.Remove remove -> directory.files().delete(fileOf(remove.id()));
                case CatalogChange.Unchanged unchanged -> {
                    // a precondition only
                }
            }
        }
    }

    /**
     * While a batch is neither finished nor rolled back, the documents on disk and the index
     * disagree; a write now would be overwritten when the journal is finished at the next open.
     */
    private void refuseWritesWhileUnfinished() {
        if (unfinishedBatch != null) {
            throw new io.trustregistry.core.error.DependencyUnavailableException("local storage could neither finish"
                    + " nor roll back a transaction's batch (batches/" + unfinishedBatch + " in " + directory.root()
                    + "); the catalog takes no writes until the registry is restarted with the disk fixed");
        }
    }

    @Override
    public boolean isApplied(String batchId) {
        return Files.exists(journalOf(batchId));
    }

    @Override
    public void forgetBatch(String batchId) {
        try {
            directory.files().delete(journalOf(batchId));
        } catch (IOException e) {
            throw directory.failure("forget batch " + batchId, e);
        }
    }

    private Path fileOf(ArtifactId id) {
        return artifacts.resolve(id.value() + ".json");
    }

    @Override
    public void insert(ArtifactRecord record) {
        synchronized (writeLock) {
            refuseWritesWhileUnfinished();
            if (index.find(record.id()).isPresent()) {
                throw new ConflictException("an artifact with id " + record.id() + " exists already");
            }
            write(record);
            index.insert(record);
        }
    }

    @Override
    public Optional<ArtifactRecord> find(ArtifactId id) {
        return index.find(id);
    }

    @Override
    public void update(ArtifactRecord updated, long expectedRevision) {
        synchronized (writeLock) {
            refuseWritesWhileUnfinished();
            ArtifactRecord current = index.find(updated.id())
                    .orElseThrow(() -> new NotFoundException("no artifact has id " + updated.id()));
            if (current.revision() != expectedRevision) {
                throw new ConflictException("artifact " + updated.id() + " was changed concurrently (revision "
                        + current.revision() + ", expected " + expectedRevision + "); retry");
            }
            write(updated);
            index.update(updated, expectedRevision);
        }
    }

    @Override
    public boolean delete(ArtifactId id) {
        synchronized (writeLock) {
            refuseWritesWhileUnfinished();
            try {
                directory.files().delete(fileOf(id));
            } catch (IOException e) {
                throw directory.failure("delete artifact " + id, e);
            }
            return index.delete(id);
        }
    }

    @Override
    public ArtifactPage page(List<ArtifactQuery> queries, Optional<ArtifactId> after, int limit) {
        return index.page(queries, after, limit);
    }

    @Override
    public List<ArtifactRecord> findByName(String name) {
        return index.findByName(name);
    }

    @Override
    public List<ArtifactRecord> findByIdentityKeys(Collection<String> keys) {
        return index.findByIdentityKeys(keys);
    }

    @Override
    public List<ArtifactRecord> findReferencing(Collection<String> keys) {
        return index.findReferencing(keys);
    }

    @Override
    public void scan(Predicate<ArtifactRecord> visitor) {
        index.scan(visitor);
    }

    @Override
    public long count() {
        return index.count();
    }

    @Override
    public void clear() {
        synchronized (writeLock) {
            try {
                directory.files().replaceWithEmpty(artifacts);
                directory.files().replaceWithEmpty(batches);
            } catch (IOException e) {
                throw directory.failure("clear the catalog", e);
            }
            index.clear();
        }
    }

    @Override
    public ComponentHealth checkHealth() {
        List<ComponentHealth.Issue> issues = new ArrayList<>();
        HealthStatus status = HealthStatus.OK;
        if (!unreadable.isEmpty()) {
            issues.add(new ComponentHealth.Issue("unreadable-documents", "warning",
                    unreadable.size() + " artifact documents could not be read at start-up",
                    String.join("; ", unreadable.subList(0, Math.min(5, unreadable.size())))));
            status = HealthStatus.DEGRADED;
        }
        String unfinished = unfinishedBatch;
        if (unfinished != null) {
            issues.add(new ComponentHealth.Issue("unfinished-batch", "critical",
                    "a transaction's batch could be neither finished nor rolled back (the disk failed twice)",
                    "batches/" + unfinished + " in " + directory.root() + ": free the disk or fix it, then restart the"
                            + " registry, which finishes the batch as it opens the catalog"));
            status = HealthStatus.CRITICAL;
        }
        return FilesystemHealth.probe(directory, "catalog", "Artifact catalog (local disk)",
                "Artifact metadata and ingest evidence, one document per artifact in the data directory",
                Map.of("artifacts", index.count(), "unreadable_documents", unreadable.size()), issues, status,
                Instant.now());
    }

    private void write(ArtifactRecord record) {
        try {
            directory.files().write(fileOf(record.id()), StoredDocuments.encodeArtifact(record));
        } catch (IOException e) {
            throw directory.failure("write artifact " + record.id(), e);
        }
    }

    @Override
    public int unreadableRecords() {
        // filled once, while the catalog is opened; an unfinished batch's records are not in the index either
        return unreadable.size() + (unfinishedBatch == null ? 0 : 1);
    }
}
