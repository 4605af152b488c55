package io.trustregistry.core.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactPage;
import io.trustregistry.core.model.ArtifactQuery;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.core.model.ComponentHealth;

/**
 * The durable record of every registered artifact: its metadata and the evidence gathered at
 * ingest (MLflow's "metadata store"). Blobs live in the {@link BlobStore}.
 *
 * <p><b>Thread-safety.</b> Every implementation is safe for concurrent use by many threads and,
 * where it is shared (a database), by many processes. A write is atomic: readers see a record
 * either wholly before or wholly after it, never in between.
 *
 * <p><b>Failures.</b> A backing store that cannot be reached raises
 * {@link io.trustregistry.core.error.DependencyUnavailableException}; in that case the call
 * changed nothing.
 */
public interface ArtifactCatalog {

    /**
     * Stores a new artifact.
     *
     * @throws io.trustregistry.core.error.ConflictException if an artifact with the same id
     *         exists already; the existing record is left untouched. Callers generating ids
     *         retry with a fresh id.
     */
    void insert(ArtifactRecord record);

    /**
     * The artifact with this id, or empty when none exists ("not found" is never an exception
     * here: it is an answer).
     */
    Optional<ArtifactRecord> find(ArtifactId id);

    /**
     * Replaces an existing artifact if nobody changed it since it was read.
     *
     * @param updated          the new state; its revision must be {@code expectedRevision + 1}
     * @param expectedRevision the revision the caller read
     * @throws io.trustregistry.core.error.NotFoundException if no artifact has that id
     * @throws io.trustregistry.core.error.ConflictException if its stored revision is not
     *         {@code expectedRevision} (a concurrent update won); nothing is changed
     */
    void update(ArtifactRecord updated, long expectedRevision);

    /**
     * Deletes an artifact. Idempotent.
     *
     * @return whether it existed
     */
    boolean delete(ArtifactId id);

    /**
     * One page of the artifacts matching any of {@code queries}, in ascending id order, each at
     * most once. Keyset pagination: the cost of a page grows with {@code limit}, not with the
     * size of the catalog or the position of the page.
     *
     * @param queries the union of these is returned; must not be empty
     * @param after   start strictly after this id; empty for the first page
     * @param limit   the most items to return, at least 1
     * @return the page; {@code nextCursor} is present exactly when more matches may follow
     */
    ArtifactPage page(List<ArtifactQuery> queries, Optional<ArtifactId> after, int limit);

    /**
     * Every artifact whose name equals {@code name} exactly (case-sensitive), in ascending id
     * order; empty when there is none.
     */
    List<ArtifactRecord> findByName(String name);

    /**
     * Artifacts having at least one of {@code keys} among their
     * {@linkplain io.trustregistry.core.model.ArtifactKeys#identityKeys identity keys}, in
     * ascending id order, each once; empty when none. Adapters index the keys the core computes
     * at {@link #insert} and {@link #update} time.
     */
    List<ArtifactRecord> findByIdentityKeys(Collection<String> keys);

    /**
     * Artifacts having at least one of {@code keys} among their
     * {@linkplain io.trustregistry.core.model.ArtifactKeys#referenceKeys reference keys}: the
     * artifacts that point at something known under those keys. Ascending id order, each once.
     */
    List<ArtifactRecord> findReferencing(Collection<String> keys);

    /**
     * Visits every artifact in ascending id order until {@code visitor} returns {@code false}.
     * Records inserted or deleted during the scan may or may not be seen; each record seen is
     * a complete committed state.
     */
    void scan(Predicate<ArtifactRecord> visitor);

    /**
     * Applies {@code changes} all or nothing: if it throws, nothing changed; a crash at any point
     * leaves, once the catalog is opened again, either every change or none; and no other writer
     * interleaves with it. Each record a reader reads is whole, but a reader of several records
     * while the batch is applied may see some of its changes before others where the adapter does
     * not isolate reads (memory, filesystem; PostgreSQL does). The step also records
     * {@code batchId} as applied, atomically with the changes, so that after a crash a caller can
     * tell which it was ({@link #isApplied}); an empty batch under an id fences that id off.
     *
     * @param batchId names the batch (a transaction's id); at most one batch is applied per id
     * @param changes at most one change per artifact id
     * @throws io.trustregistry.core.error.ConflictException if any precondition fails (an
     *         {@link CatalogChange.Insert} whose id exists, or a stored revision other than the one
     *         expected), or a batch with this id was applied already; nothing is changed
     * @throws io.trustregistry.core.error.NotFoundException if an artifact to replace, remove or
     *         keep unchanged does not exist; nothing is changed
     * @throws IllegalArgumentException if two changes name the same artifact
     */
    void apply(String batchId, List<CatalogChange> changes);

    /**
     * Whether a batch with this id was applied (and not yet {@linkplain #forgetBatch forgotten}).
     * Answered from durable state: after a crash during {@link #apply}, this says which way it went.
     */
    boolean isApplied(String batchId);

    /** Forgets that batch {@code batchId} was applied (its caller has recorded the outcome). Idempotent. */
    void forgetBatch(String batchId);

    /** Number of stored artifacts. */
    long count();

    /** Deletes every artifact. Idempotent. */
    void clear();

    /** Checks that the store answers, and how fast. Never throws. */
    ComponentHealth checkHealth();

    /**
     * How many stored records this catalog could not read (and so leaves out of {@link #scan});
     * while any exist, garbage collection must not run, or it would take their blobs.
     */
    default int unreadableRecords() {
        return 0;
    }
}
