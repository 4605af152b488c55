package io.trustregistry.core.content;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.trustregistry.core.model.BundleFile;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.StoredBundle;
import io.trustregistry.core.port.out.ArtifactCatalog;
import io.trustregistry.core.port.out.BlobStore;

/**
 * Deletes the blobs no artifact references: mark and sweep, off the request path (as CNCF
 * Distribution collects garbage above its storage drivers). No request but a reset deletes a blob
 * itself: a delete or an update only drops a record, and a failed ingest only forgets its bundle.
 *
 * <p>Why it cannot take a blob from under an ingest: an ingest commits its blobs before it
 * inserts its record, so between the two a blob is referenced by nothing. A collection spares
 * every blob written (or rewritten: a commit of bytes already stored refreshes the write time)
 * less than {@code grace} before it started, and every blob of an ingest in flight in this
 * process ({@link #pin}). The mark is taken before the sweep, so a record inserted during a
 * collection holds blobs that are either in the mark, pinned, or younger than the grace.
 *
 * <p>Safe beside requests and beside other servers' collectors: deletes are idempotent.
 */
public final class BlobCollector {

    /**
     * What one collection did.
     *
     * @param referenced blobs some artifact references
     * @param spared     unreferenced blobs kept, being younger than the grace or pinned
     * @param deleted    blobs deleted
     * @param startedAt  when it started
     * @param took       how long it took
     */
    public record Collection(int referenced, int spared, int deleted, Instant startedAt, Duration took) {
    }

    private final ArtifactCatalog catalog;
    private final BlobStore blobs;
    private final InstantSource clock;
    private final Duration grace;
    /** Digest to the number of ingests in flight holding it. */
    private final Map<Digest, Integer> pinned = new ConcurrentHashMap<>();

    public BlobCollector(ArtifactCatalog catalog, BlobStore blobs, InstantSource clock, Duration grace) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.clock = clock;
        this.grace = grace;
    }

    /** Keeps {@code bundle}'s blobs from being collected until {@link #unpin}: an ingest in flight. */
    public void pin(StoredBundle bundle) {
        bundle.files().forEach(f -> pinned.merge(f.digest(), 1, Integer::sum));
    }

    /** Ends a {@link #pin}: the bundle is committed in a record, or abandoned. */
    public void unpin(StoredBundle bundle) {
        bundle.files().forEach(f -> pinned.computeIfPresent(f.digest(), (d, n) -> n > 1 ? n - 1 : null));
    }

    /** Runs one collection. */
    public Collection collect() {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        if (catalog.unreadableRecords() > 0) {
            // their blobs are unmarked but not garbage: collect nothing until they are readable again
            return new Collection(0, 0, 0, started, Duration.ZERO);
        }
        Set<Digest> referenced = new HashSet<>();
        catalog.scan(record -> {
            record.bundle().ifPresent(b -> {
                for (BundleFile file : b.files()) {
                    referenced.add(file.digest());
                }
            });
            return true;
        });
        Instant cutoff = started.minus(grace);
        List<Digest> garbage = new ArrayList<>();
        int[] spared = {0};
        blobs.scan(blob -> {
            if (!referenced.contains(blob.digest())) {
                if (!blob.lastWritten().isAfter(cutoff) && !pinned.containsKey(blob.digest())) {
                    garbage.add(blob.digest());
                } else {
                    spared[0]++;
                }
            }
            return true;
        });
        int deleted = 0;
        for (Digest digest : garbage) {
            // looked at again just before the delete: an ingest may have rewritten (touched) or pinned
            // these bytes since the sweep listed them
            boolean stillGarbage = blobs.stat(digest).map(b -> !b.lastWritten().isAfter(cutoff)).orElse(false)
                    && !pinned.containsKey(digest);
            if (stillGarbage && blobs.delete(digest)) {
                deleted++;
            } else {
                spared[0]++;
            }
        }
        return new Collection(referenced.size(), spared[0], deleted, started,
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
