package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.DownloadCheck;
import io.trustregistry.core.port.out.AuditLog;

/** What every {@link AuditLog} must do. */
public abstract class AuditLogContract {

    protected AuditLog log;

    /** A new, empty log. */
    protected abstract AuditLog newLog() throws Exception;

    /** Releases what {@link #newLog()} acquired. */
    protected void closeLog(AuditLog log) throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        log = newLog();
    }

    @AfterEach
    void close() throws Exception {
        closeLog(log);
    }

    /** An entry about {@code artifact} at {@code T0 + seconds}. */
    protected static AuditEntry entry(ArtifactRecord artifact, String user, AuditAction action, int seconds) {
        return new AuditEntry(user, user.startsWith("admin"), TestArtifacts.T0.plusSeconds(seconds),
                artifact.metadata(), action);
    }

    @Test
    void entriesComeBackPerArtifactInAppendOrder() {
        ArtifactRecord a = TestArtifacts.model("a");
        ArtifactRecord b = TestArtifacts.model("b");
        List<AuditEntry> forA = List.of(entry(a, "admin", AuditAction.CREATE, 0), entry(a, "lina", AuditAction.RATE, 5),
                entry(a, "casey", AuditAction.DOWNLOAD, 9));
        log.append(forA.get(0));
        log.append(entry(b, "admin", AuditAction.CREATE, 1));
        log.append(forA.get(1));
        log.append(forA.get(2));
        assertEquals(forA, log.entriesFor(a.id()));
        assertEquals(1, log.entriesFor(b.id()).size());
        assertEquals(List.of(), log.entriesFor(TestArtifacts.nextId()));
    }

    @Test
    void notesAndDownloadChecksComeBackIntact() {
        ArtifactRecord a = TestArtifacts.model("sensitive");
        List<AuditEntry> entries = List.of(
                new AuditEntry("admin", true, TestArtifacts.T0, a.metadata(), AuditAction.UPDATE,
                        Optional.of("marked sensitive"), Optional.empty()),
                new AuditEntry("mallory", false, TestArtifacts.T0.plusSeconds(1), a.metadata(), AuditAction.DOWNLOAD,
                        Optional.empty(), Optional.of(new DownloadCheck(DownloadCheck.Outcome.REJECTED, "file config.json",
                                Optional.of(1), "exit 1", "no \"config\" for mallory\n\u2603 ünïcødé"))),
                new AuditEntry("bob", false, TestArtifacts.T0.plusSeconds(2), a.metadata(), AuditAction.DOWNLOAD,
                        Optional.empty(), Optional.of(new DownloadCheck(DownloadCheck.Outcome.FAILED, "full",
                                Optional.empty(), "monitor programs cannot run here", ""))));
        entries.forEach(log::append);
        assertEquals(entries, log.entriesFor(a.id()));
    }

    @Test
    void deletingOneArtifactsEntriesLeavesOthers() {
        ArtifactRecord a = TestArtifacts.model("a");
        ArtifactRecord b = TestArtifacts.dataset("b");
        log.append(entry(a, "admin", AuditAction.CREATE, 0));
        log.append(entry(b, "admin", AuditAction.CREATE, 0));
        log.deleteEntriesFor(a.id());
        log.deleteEntriesFor(a.id());
        assertEquals(List.of(), log.entriesFor(a.id()));
        assertEquals(1, log.entriesFor(b.id()).size());
    }

    @Test
    void clearForgetsEverything() {
        ArtifactRecord a = TestArtifacts.model("a");
        log.append(entry(a, "admin", AuditAction.CREATE, 0));
        log.clear();
        log.clear();
        assertEquals(List.of(), log.entriesFor(a.id()));
        log.append(entry(a, "admin", AuditAction.UPDATE, 1));
        assertEquals(1, log.entriesFor(a.id()).size());
    }

    @Test
    void concurrentAppendsAreAllKept() throws Exception {
        ArtifactRecord a = TestArtifacts.code("busy");
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        Concurrently.run(8, () -> {
            for (int i = 0; i < 25; i++) {
                log.append(entry(a, "user" + n.incrementAndGet(), AuditAction.DOWNLOAD, i));
            }
            return null;
        });
        List<AuditEntry> entries = log.entriesFor(a.id());
        assertEquals(200, entries.size());
        assertEquals(200, new HashSet<>(new ArrayList<>(entries.stream().map(AuditEntry::userName).toList())).size());
    }
}
