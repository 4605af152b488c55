package io.trustregistry.adapter.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.content.BlobWriter;
import io.trustregistry.core.content.ContentStore;
import io.trustregistry.testkit.TestArtifacts;
import io.trustregistry.testkit.UserStoreContract;

/**
 * Interrupts each step of an atomic write and proves that, after the directory is reopened,
 * the record in flight is either wholly old or wholly new, everything committed before it is
 * intact, and no temporary file survives.
 */
class CrashInjectionTest {

    @TempDir
    Path root;

    private static final class SimulatedCrash extends IOException {
        SimulatedCrash(CrashPoint.Step step) {
            super("simulated crash after " + step);
        }
    }

    /** Crashes once at {@code step}, when armed. */
    private static CrashPoint crashAt(CrashPoint.Step step, AtomicBoolean armed) {
        return reached -> {
            if (reached == step && armed.getAndSet(false)) {
                throw new SimulatedCrash(step);
            }
        };
    }

    private static boolean newContentIsDurable(CrashPoint.Step step) {
        return step == CrashPoint.Step.RENAMED || step == CrashPoint.Step.DIRECTORY_SYNCED;
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.Step.class)
    void anInterruptedInsertLeavesNothingOrEverything(CrashPoint.Step step) throws Exception {
        ArtifactRecord committed = TestArtifacts.model("committed");
        ArtifactRecord inFlight = TestArtifacts.model("in-flight");
        AtomicBoolean armed = new AtomicBoolean(false);
        try (FilesystemStorage storage = FilesystemStorage.open(root, crashAt(step, armed))) {
            storage.catalog().insert(committed);
            armed.set(true);
            assertThrows(DependencyUnavailableException.class, () -> storage.catalog().insert(inFlight));
            assertEquals(Optional.empty(), storage.catalog().find(inFlight.id()), "visible before commit returned");
        }
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(Optional.of(committed), storage.catalog().find(committed.id()));
            Optional<ArtifactRecord> after = storage.catalog().find(inFlight.id());
            assertEquals(newContentIsDurable(step) ? Optional.of(inFlight) : Optional.empty(), after);
            assertEquals(0, storage.catalog().checkHealth().metrics().get("unreadable_documents"));
            assertEquals(List.of(), FilesystemContractTest.temporaryFiles(root));
        }
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.Step.class)
    void anInterruptedUpdateLeavesTheOldOrTheNewRecord(CrashPoint.Step step) throws Exception {
        ArtifactRecord original = TestArtifacts.model("versioned");
        ArtifactRecord updated = original.updatedWith(original.name(), "https://example.com/new", original.evidence(),
                Instant.parse("2026-02-02T00:00:00Z"));
        AtomicBoolean armed = new AtomicBoolean(false);
        try (FilesystemStorage storage = FilesystemStorage.open(root, crashAt(step, armed))) {
            storage.catalog().insert(original);
            armed.set(true);
            assertThrows(DependencyUnavailableException.class, () -> storage.catalog().update(updated, 1));
            assertEquals(Optional.of(original), storage.catalog().find(original.id()));
        }
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(Optional.of(newContentIsDurable(step) ? updated : original),
                    storage.catalog().find(original.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.Step.class)
    void anInterruptedUserWriteLeavesNothingOrEverything(CrashPoint.Step step) {
        AtomicBoolean armed = new AtomicBoolean(true);
        try (FilesystemStorage storage = FilesystemStorage.open(root, crashAt(step, armed))) {
            assertThrows(DependencyUnavailableException.class,
                    () -> storage.users().insert(UserStoreContract.user("erin")));
        }
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(newContentIsDurable(step), storage.users().find("erin").isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(value = CrashPoint.Step.class, names = {"RENAMED", "DIRECTORY_SYNCED"})
    void anInterruptedBlobCommitLeavesNoPartialBlob(CrashPoint.Step step) throws Exception {
        byte[] content = "blob in flight".getBytes(StandardCharsets.UTF_8);
        AtomicBoolean armed = new AtomicBoolean(true);
        try (FilesystemStorage storage = FilesystemStorage.open(root, crashAt(step, armed))) {
            try (BlobWriter writer = new ContentStore(storage.blobs()).newWriter()) {
                writer.stream().write(content);
                assertThrows(DependencyUnavailableException.class, writer::commit);
            }
        }
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.blobs().scan(blob -> {
                assertEquals(Digest.of(content), blob.digest(), "only the complete blob may be visible");
                return true;
            });
            assertEquals(List.of(), FilesystemContractTest.temporaryFiles(root));
        }
    }

    @Test
    void anUncommittedBlobUploadIsInvisible() throws Exception {
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            BlobWriter writer = new ContentStore(storage.blobs()).newWriter();
            writer.stream().write("never committed".getBytes(StandardCharsets.UTF_8));
            // the process "dies" here: no commit, no cancel
        }
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            boolean[] any = {false};
            storage.blobs().scan(blob -> any[0] = true);
            assertTrue(!any[0]);
            assertEquals(List.of(), FilesystemContractTest.temporaryFiles(root));
        }
    }
}
