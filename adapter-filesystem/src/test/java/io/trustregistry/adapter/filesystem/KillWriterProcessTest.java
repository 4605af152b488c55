package io.trustregistry.adapter.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.Digest;

/**
 * Kills a writing process with SIGKILL at an arbitrary moment and proves that, after a
 * restart, everything it reported committed is there and intact, and nothing partial is
 * visible: every artifact document decodes, every blob's content matches its name.
 */
class KillWriterProcessTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(ints = {5, 17, 40})
    void aKilledWriterLosesNothingCommittedAndLeavesNothingPartial(int commitsBeforeKill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), root.toString()).redirectErrorStream(true).start();
        List<ArtifactId> artifacts = new ArrayList<>();
        List<Digest> blobs = new ArrayList<>();
        List<ArtifactId> audited = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "ARTIFACT" -> artifacts.add(new ArtifactId(parts[1]));
                    case "BLOB" -> blobs.add(new Digest(parts[1]));
                    case "AUDIT" -> audited.add(new ArtifactId(parts[1]));
                    default -> throw new AssertionError("writer said: " + line);
                }
                if (artifacts.size() >= commitsBeforeKill) {
                    writer.destroyForcibly();
                    break;
                }
            }
        } finally {
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(commitsBeforeKill, artifacts.size());

        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            for (ArtifactId id : artifacts) {
                assertTrue(storage.catalog().find(id).isPresent(), "committed artifact lost: " + id);
            }
            assertEquals(0, storage.catalog().checkHealth().metrics().get("unreadable_documents"));
            for (Digest digest : blobs) {
                assertTrue(storage.blobs().stat(digest).isPresent(), "committed blob lost: " + digest);
            }
            storage.blobs().scan(blob -> {
                assertEquals(blob.digest(), rehash(storage, blob.digest()), "a visible blob is partial");
                return true;
            });
            for (ArtifactId id : audited) {
                List<AuditEntry> entries = storage.audit().entriesFor(id);
                assertEquals(1, entries.size(), "audit entry lost for " + id);
            }
            assertEquals(List.of(), FilesystemContractTest.temporaryFiles(root));
        }
    }

    private static Digest rehash(FilesystemStorage storage, Digest digest) {
        MessageDigest sha = Digest.newSha256();
        try (InputStream in = storage.blobs().open(digest, 0)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Digest.finish(sha);
    }
}
