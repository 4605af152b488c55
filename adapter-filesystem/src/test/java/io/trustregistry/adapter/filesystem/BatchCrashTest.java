package io.trustregistry.adapter.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.CatalogChange;
import io.trustregistry.testkit.TestArtifacts;

/**
 * A batch ({@code FileArtifactCatalog.apply}) interrupted at every step of every file it
 * writes: by a crash (the process stops; nothing after that step runs) the reopened catalog
 * holds all of the batch or none of it, and says which through {@code isApplied}; by a failing
 * disk (the write throws) the batch is rolled back and the caller told.
 */
class BatchCrashTest {

    /** The process stopping at that point: nothing catches it, no clean-up runs. */
    private static final class Death extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** Journal, the three artifacts' documents, the "applied" marker: five atomic writes of four steps. */
    private static final int WRITES = 5;

    @TempDir
    Path root;

    private final ArtifactRecord kept = TestArtifacts.model("kept");
    private final ArtifactRecord gone = TestArtifacts.model("gone");
    private final ArtifactRecord added = TestArtifacts.model("added");
    private final ArtifactRecord keptV2 = kept.updatedWith(kept.name(), "https://huggingface.co/acme/kept-v2",
            kept.evidence(), kept.updatedAt().plusSeconds(1));
    private final List<CatalogChange> batch = List.of(new CatalogChange.Insert(added),
            new CatalogChange.Replace(keptV2, 1), new CatalogChange.Remove(gone.id(), 1));

    /** Stops at the {@code step}-th step (counting every step of every write of the batch) with {@code how}. */
    private CrashPoint stopAt(int step, AtomicInteger seen, boolean diskFailure) {
        return reached -> {
            if (seen.get() >= 0 && seen.incrementAndGet() == step) {
                if (diskFailure) {
                    throw new IOException("simulated disk failure at " + reached);
                }
                throw new Death();
            }
        };
    }

    private boolean interrupt(int step, boolean diskFailure) {
        AtomicInteger seen = new AtomicInteger(-1);
        try (FilesystemStorage storage = FilesystemStorage.open(root, stopAt(step, seen, diskFailure))) {
            storage.catalog().insert(kept);
            storage.catalog().insert(gone);
            seen.set(0);
            try {
                storage.catalog().apply("tx-crash", batch);
                return true;
            } catch (Death death) {
                return false;
            } catch (DependencyUnavailableException failed) {
                assertEquals(Optional.of(kept), storage.catalog().find(kept.id()), "a failed batch shows nothing");
                assertEquals(Optional.empty(), storage.catalog().find(added.id()));
                return false;
            }
        }
    }

    private void assertAllOrNothing(boolean expectApplied) {
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            FileArtifactCatalog catalog = storage.catalog();
            boolean applied = catalog.isApplied("tx-crash");
            if (applied) {
                assertEquals(Optional.of(added), catalog.find(added.id()));
                assertEquals(Optional.of(keptV2), catalog.find(kept.id()));
                assertEquals(Optional.empty(), catalog.find(gone.id()));
            } else {
                assertEquals(Optional.empty(), catalog.find(added.id()));
                assertEquals(Optional.of(kept), catalog.find(kept.id()));
                assertEquals(Optional.of(gone), catalog.find(gone.id()));
            }
            if (expectApplied) {
                assertEquals(true, applied, "the batch returned, so it must have been applied");
            }
            assertEquals(0, catalog.checkHealth().metrics().get("unreadable_documents"));
        }
    }

    @ParameterizedTest(name = "crash at step {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "8", "10", "12", "14", "16", "17", "18", "19", "20", "21"})
    void aCrashAtAnyStepLeavesAllOrNothingAndSaysWhich(int step) {
        boolean returned = interrupt(step, false);
        assertAllOrNothing(returned);
    }

    @ParameterizedTest(name = "disk failure at step {0}")
    @CsvSource({"1", "2", "4", "6", "10", "14", "18", "20"})
    void aFailingDiskRollsTheBatchBack(int step) {
        boolean returned = interrupt(step, true);
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            boolean applied = storage.catalog().isApplied("tx-crash");
            assertEquals(returned, applied, "told the caller what happened");
            if (!applied) {
                assertEquals(Optional.of(kept), storage.catalog().find(kept.id()));
                assertEquals(Optional.of(gone), storage.catalog().find(gone.id()));
                assertEquals(Optional.empty(), storage.catalog().find(added.id()));
            }
        }
        assertFalse(WRITES * 4 < step);
    }
}
