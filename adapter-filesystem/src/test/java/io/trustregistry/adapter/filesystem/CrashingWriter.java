package io.trustregistry.adapter.filesystem;

import java.nio.file.Path;
import java.util.Random;

import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.AuditAction;
import io.trustregistry.core.model.AuditEntry;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.content.BlobWriter;
import io.trustregistry.core.content.ContentStore;
import io.trustregistry.testkit.TestArtifacts;

/**
 * A child process for {@link KillWriterProcessTest}: writes artifacts, blobs and audit entries
 * as fast as it can and prints a line for each one committed, until it is killed.
 */
public final class CrashingWriter {

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random();
        try (FilesystemStorage storage = FilesystemStorage.open(Path.of(args[0]))) {
            for (int i = 0; ; i++) {
                ArtifactRecord record = TestArtifacts.record(ArtifactType.MODEL, "crash-" + i,
                        TestArtifacts.evidence(SourceKind.HUGGING_FACE_MODEL, "acme/crash-" + i)
                                .readme("x".repeat(200_000 + random.nextInt(200_000))).build());
                storage.catalog().insert(record);
                System.out.println("ARTIFACT " + record.id());
                byte[] chunk = new byte[64 * 1024];
                BlobInfo blob;
                try (BlobWriter writer = new ContentStore(storage.blobs()).newWriter()) {
                    for (int c = 0; c < 16; c++) {
                        random.nextBytes(chunk);
                        writer.stream().write(chunk);
                    }
                    blob = writer.commit();
                }
                System.out.println("BLOB " + blob.digest().hex());
                storage.audit().append(new AuditEntry("writer", false, TestArtifacts.T0, record.metadata(),
                        AuditAction.CREATE));
                System.out.println("AUDIT " + record.id());
                System.out.flush();
            }
        }
    }
}
