package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.memory.InMemoryArtifactCatalog;
import io.trustregistry.core.memory.InMemoryBlobStore;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.content.BlobWriter;
import io.trustregistry.core.content.ContentStore;
import io.trustregistry.core.content.BlobCollector;

/** The collector's refusals, each a way it could otherwise delete bytes a record still needs. */
class BlobCollectorTest {

    private final InstantSource longAgo = InstantSource.fixed(Instant.parse("2020-01-01T00:00:00Z"));
    private final InMemoryBlobStore blobs = new InMemoryBlobStore(longAgo);

    private Digest store(String text) throws Exception {
        BlobWriter writer = new ContentStore(blobs).newWriter();
        writer.stream().write(text.getBytes(StandardCharsets.UTF_8));
        return writer.commit().digest();
    }

    @Test
    void aCatalogWithUnreadableRecordsIsNeverCollected() throws Exception {
        Digest orphan = store("bytes only an unreadable record refers to");
        InMemoryArtifactCatalog halfRead = new InMemoryArtifactCatalog() {
            @Override
            public int unreadableRecords() {
                return 1;
            }
        };
        BlobCollector.Collection done = new BlobCollector(halfRead, blobs, InstantSource.system(), Duration.ZERO)
                .collect();
        assertEquals(0, done.deleted());
        assertTrue(blobs.stat(orphan).isPresent());
    }

    @Test
    void aReadableCatalogsOldUnreferencedBlobIsCollected() throws Exception {
        Digest orphan = store("bytes no record refers to");
        BlobCollector.Collection done = new BlobCollector(new InMemoryArtifactCatalog(), blobs,
                InstantSource.system(), Duration.ZERO).collect();
        assertEquals(1, done.deleted());
        assertTrue(blobs.stat(orphan).isEmpty());
    }
}
