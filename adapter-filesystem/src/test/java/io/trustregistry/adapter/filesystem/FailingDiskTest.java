package io.trustregistry.adapter.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.core.content.BlobWriter;
import io.trustregistry.core.content.ContentStore;
import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.TransactionCommand;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.testkit.TestArtifacts;
import io.trustregistry.testkit.UserStoreContract;

/**
 * What each store does when the disk under one of its directories fails while the registry runs.
 * The failure is made real, not mocked: the directory is swapped for a plain file, so every call
 * under it meets the I/O error (ENOTDIR) the kernel gives, as after a disk or mount that went away.
 * Each call must answer {@link DependencyUnavailableException} (HTTP 503) naming what it tried and
 * the data directory, change nothing in memory, and work again once the directory is back.
 */
class FailingDiskTest {

    @TempDir
    Path root;

    @Test
    void catalogWritesFailAsUnavailableAndChangeNothing() throws Exception {
        ArtifactRecord kept = TestArtifacts.model("kept");
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.catalog().insert(kept);
            try (Broken broken = Broken.directory(root.resolve("artifacts"))) {
                ArtifactRecord added = TestArtifacts.model("added");
                assertUnavailable("write artifact " + added.id(), () -> storage.catalog().insert(added));
                assertEquals(Optional.empty(), storage.catalog().find(added.id()), "a failed insert is not visible");
                assertEquals(1, storage.catalog().count());
            }
            ArtifactRecord later = TestArtifacts.model("later");
            storage.catalog().insert(later);
            assertEquals(2, storage.catalog().count(), "writes resume once the directory is back");
        }
        try (FilesystemStorage reopened = FilesystemStorage.open(root)) {
            assertEquals(2, reopened.catalog().count());
        }
    }

    @Test
    void blobUploadsAndReadsFailAsUnavailable() throws Exception {
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            BlobInfo stored = store(storage, "stored bytes");
            try (Broken broken = Broken.directory(root.resolve("tmp"))) {
                assertUnavailable("start a blob upload", () -> storage.blobs().newUpload());
                ComponentHealth health = storage.blobs().checkHealth();
                assertEquals(HealthStatus.CRITICAL, health.status());
                assertEquals(List.of("not-writable"), health.issues().stream().map(ComponentHealth.Issue::code).toList());
            }
            assertEquals(Optional.of(stored.size()), storage.blobs().stat(stored.digest()).map(BlobInfo::size),
                    "the blob is intact once the directory is back");
            assertEquals(HealthStatus.OK, storage.blobs().checkHealth().status());
        }
    }

    @Test
    void auditUsersTokensAndTransactionsFailAsUnavailable() throws Exception {
        ArtifactRecord model = TestArtifacts.model("audited");
        AuditEntry entry = new AuditEntry("admin", true, TestArtifacts.T0, model.metadata(), AuditAction.CREATE);
        TokenRecord token = new TokenRecord("tok", "alice", "uid-alice", TestArtifacts.T0,
                TestArtifacts.T0.plus(Duration.ofHours(10)), 1000);
        TransactionRecord transaction = TransactionRecord.open(new TransactionId("tx-disk"), "alice", TestArtifacts.T0,
                TestArtifacts.T0.plusSeconds(3600));
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.audit().append(entry);
            try (Broken broken = Broken.directory(root.resolve("audit"))) {
                assertUnavailable("read the audit log", () -> storage.audit().entriesFor(model.id()));
                assertUnavailable("append to the audit log", () -> storage.audit().append(entry));
            }
            assertEquals(List.of(entry), storage.audit().entriesFor(model.id()), "the trail survived");
            try (Broken broken = Broken.directory(root.resolve("users"))) {
                assertUnavailable("write user", () -> storage.users().insert(UserStoreContract.user("alice")));
                assertEquals(Optional.empty(), storage.users().find("alice"));
            }
            storage.users().insert(UserStoreContract.user("alice"));
            try (Broken broken = Broken.directory(root.resolve("users"))) {
                assertUnavailable("write user", () -> storage.users().insert(UserStoreContract.user("bob")));
                assertTrue(storage.users().find("alice").isPresent());
            }
            try (Broken broken = Broken.directory(root.resolve("tokens"))) {
                assertUnavailable("record token use", () -> storage.tokens().save(token));
            }
            try (Broken broken = Broken.directory(root.resolve("transactions"))) {
                assertUnavailable("write transaction tx-disk", () -> storage.transactions().create(transaction));
                assertEquals(Optional.empty(), storage.transactions().find(transaction.id()));
            }
            storage.transactions().create(transaction);
            try (Broken broken = Broken.directory(root.resolve("transactions"))) {
                TransactionRecord changed = transaction.with(new TransactionCommand.Delete(model.metadata().type(), model.id()));
                assertUnavailable("write transaction tx-disk",
                        () -> storage.transactions().replace(changed, transaction.revision()));
                assertEquals(Optional.of(transaction), storage.transactions().find(transaction.id()));
            }
        }
    }

    @Test
    void aDataDirectoryWhoseLayoutIsDamagedIsRefusedAtOpenWithItsPath() throws Exception {
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.catalog().insert(TestArtifacts.model("before"));
        }
        Broken broken = Broken.directory(root.resolve("artifacts"));
        DependencyUnavailableException refused = assertThrows(DependencyUnavailableException.class,
                () -> FilesystemStorage.open(root));
        assertTrue(refused.getMessage().contains(root.toAbsolutePath().normalize().toString()), refused.getMessage());
        broken.close();
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(1, storage.catalog().count(), "the refused open changed nothing; the lock was released");
        }
    }

    private static BlobInfo store(FilesystemStorage storage, String text) throws IOException {
        try (BlobWriter writer = new ContentStore(storage.blobs()).newWriter()) {
            writer.stream().write(text.getBytes(StandardCharsets.UTF_8));
            return writer.commit();
        }
    }

    private void assertUnavailable(String action, Executable call) {
        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class, call);
        assertTrue(e.getMessage().startsWith("local storage failed to " + action + " in "
                + root.toAbsolutePath().normalize()), e.getMessage());
    }

    /** A directory swapped for a regular file until closed, when it comes back as it was. */
    private record Broken(Path directory, Path aside) implements AutoCloseable {

        static Broken directory(Path directory) throws IOException {
            Path aside = directory.resolveSibling(directory.getFileName() + ".aside");
            Files.move(directory, aside);
            Files.writeString(directory, "not a directory");
            return new Broken(directory, aside);
        }

        @Override
        public void close() throws IOException {
            Files.delete(directory);
            Files.move(aside, directory);
        }
    }
}
