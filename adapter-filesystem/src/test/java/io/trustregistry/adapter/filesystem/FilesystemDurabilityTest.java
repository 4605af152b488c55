package io.trustregistry.adapter.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.TokenUse;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.TransactionRecord;
import io.trustregistry.core.content.BlobWriter;
import io.trustregistry.core.content.ContentStore;
import io.trustregistry.testkit.TestArtifacts;
import io.trustregistry.testkit.UserStoreContract;

/** What the filesystem adapter promises beyond the port contracts: it survives restarts. */
class FilesystemDurabilityTest {

    @TempDir
    Path root;

    @Test
    void everythingCommittedSurvivesARestart() throws Exception {
        ArtifactRecord model = TestArtifacts.model("durable");
        AuditEntry entry = new AuditEntry("admin", true, TestArtifacts.T0, model.metadata(), AuditAction.CREATE);
        TokenRecord token = new TokenRecord("tok", "alice", "uid-alice", TestArtifacts.T0,
                TestArtifacts.T0.plus(Duration.ofHours(10)), 1000);
        byte[] content = "bundle bytes".getBytes(StandardCharsets.UTF_8);
        BlobInfo blob;
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.catalog().insert(model);
            storage.users().insert(UserStoreContract.user("alice"));
            storage.audit().append(entry);
            storage.tokens().save(token);
            storage.tokens().recordUse("tok", TestArtifacts.T0);
            try (BlobWriter writer = new ContentStore(storage.blobs()).newWriter()) {
                writer.stream().write(content);
                blob = writer.commit();
            }
        }
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(Optional.of(model), storage.catalog().find(model.id()));
            assertEquals(List.of(model), storage.catalog().findByName("durable"));
            assertEquals(Optional.of(UserStoreContract.user("alice")), storage.users().find("alice"));
            assertEquals(List.of(entry), storage.audit().entriesFor(model.id()));
            assertInstanceOf(TokenUse.Accepted.class, storage.tokens().recordUse("tok", TestArtifacts.T0));
            try (InputStream in = storage.blobs().open(blob.digest(), 0)) {
                assertArrayEquals(content, in.readAllBytes());
            }
        }
    }

    @Test
    void aRestartNeverGrantsATokenMoreCallsThanItsLimit() {
        TokenRecord token = new TokenRecord("limited", "bob", "uid-bob", TestArtifacts.T0,
                TestArtifacts.T0.plus(Duration.ofHours(10)), 120);
        long accepted = 0;
        for (int restart = 0; restart < 5; restart++) {
            try (FilesystemStorage storage = FilesystemStorage.open(root)) {
                if (restart == 0) {
                    storage.tokens().save(token);
                }
                for (int i = 0; i < 30; i++) {
                    if (storage.tokens().recordUse("limited", TestArtifacts.T0) instanceof TokenUse.Accepted) {
                        accepted++;
                    }
                }
            }
        }
        assertTrue(accepted <= 120, "accepted " + accepted);
        assertTrue(accepted >= 120 - 5 * FileTokenStore.LEASE, "a restart loses at most one lease: " + accepted);
    }

    @Test
    void aSecondOpenIsRefusedWithAClearMessage() {
        try (FilesystemStorage first = FilesystemStorage.open(root)) {
            DataDirectoryLockedException e = assertThrows(DataDirectoryLockedException.class,
                    () -> FilesystemStorage.open(root));
            assertTrue(e.getMessage().contains("in use by another registry process"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        FilesystemStorage.open(root).close();
    }

    @Test
    void aTornAuditLineIsIgnoredAndRepaired() throws Exception {
        ArtifactRecord model = TestArtifacts.model("torn");
        AuditEntry first = new AuditEntry("a", false, TestArtifacts.T0, model.metadata(), AuditAction.CREATE);
        AuditEntry second = new AuditEntry("b", false, TestArtifacts.T0, model.metadata(), AuditAction.RATE);
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.audit().append(first);
        }
        Files.write(root.resolve("audit").resolve(model.id().value() + ".jsonl"),
                "{\"format\":1,\"user\":\"half".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(List.of(first), storage.audit().entriesFor(model.id()));
            storage.audit().append(second);
            assertEquals(List.of(first, second), storage.audit().entriesFor(model.id()));
        }
    }

    @Test
    void leftoverTemporaryFilesAreRemovedAtOpen() throws Exception {
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.catalog().insert(TestArtifacts.model("x"));
        }
        Files.writeString(root.resolve("tmp").resolve("tmp-interrupted"), "partial");
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(List.of(), FilesystemContractTest.temporaryFiles(root));
            assertEquals(1, storage.catalog().count());
        }
    }

    @Test
    void clearSurvivesARestart() {
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.catalog().insert(TestArtifacts.model("gone"));
            storage.catalog().clear();
        }
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(0, storage.catalog().count());
        }
    }

    @Test
    void anUnreadableDocumentIsSetAsideAndReportedWhileTheRestOpens() throws Exception {
        ArtifactRecord good = TestArtifacts.model("good");
        ArtifactRecord damaged = TestArtifacts.model("damaged");
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.catalog().insert(good);
            storage.catalog().insert(damaged);
        }
        // as a disk fault or a hand edit would leave it
        Files.writeString(root.resolve("artifacts").resolve(damaged.id().value() + ".json"), "{\"format\":1,\"na");
        Files.writeString(root.resolve("batches").resolve("tx-torn.json"), "not json");
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(Optional.of(good), storage.catalog().find(good.id()));
            assertEquals(Optional.empty(), storage.catalog().find(damaged.id()));
            assertEquals(2, storage.catalog().unreadableRecords());
            ComponentHealth health = storage.catalog().checkHealth();
            assertEquals(HealthStatus.DEGRADED, health.status());
            ComponentHealth.Issue issue = health.issues().get(0);
            assertEquals("unreadable-documents", issue.code());
            assertTrue(issue.details().contains(damaged.id().value() + ".json") && issue.details().contains("tx-torn.json"),
                    issue.details());
        }
    }

    @Test
    void anUnreadableTransactionIsDroppedAsExpired() throws Exception {
        TransactionRecord open = TransactionRecord.open(new TransactionId("tx-kept"), "alice", TestArtifacts.T0,
                TestArtifacts.T0.plusSeconds(3600));
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            storage.transactions().create(open);
        }
        Path torn = root.resolve("transactions").resolve("tx-torn.json");
        Files.writeString(torn, "{\"id\":");
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            assertEquals(Optional.of(open), storage.transactions().find(open.id()));
            assertEquals(Optional.empty(), storage.transactions().find(new TransactionId("tx-torn")));
            assertFalse(Files.exists(torn), "a transaction that cannot be read is as good as expired");
        }
    }
}
