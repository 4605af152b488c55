package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.BlobUpload;
import io.trustregistry.core.content.BlobWriter;
import io.trustregistry.core.content.ContentStore;

/**
 * What every {@link BlobStore} driver must do, after CNCF Distribution's storage-driver test
 * suite. Writes go through the core's {@link ContentStore}, as in the registry, so the suite
 * holds each driver to the writer's contract too.
 * After each test the store must hold exactly the blobs the test committed and left, and an
 * adapter may check for stray temporary files in {@link #assertNothingHalfWritten}.
 */
public abstract class BlobStoreContract {

    protected BlobStore store;
    /** How the core writes to {@link #store}: the digests and writer state above the driver. */
    protected ContentStore writes;

    /** A new, empty store. */
    protected abstract BlobStore newStore() throws Exception;

    /** Releases what {@link #newStore()} acquired. */
    protected void closeStore(BlobStore store) throws Exception {
    }

    /** Whether this backend issues presigned URLs. */
    protected boolean supportsPresignedUrls() {
        return false;
    }

    /** Adapter-specific check that no temporary or partial upload is lying around. */
    protected void assertNothingHalfWritten() throws Exception {
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
        writes = new ContentStore(store);
    }

    @AfterEach
    void checkAndClose() throws Exception {
        try {
            assertNothingHalfWritten();
        } finally {
            closeStore(store);
        }
    }

    @Test
    void committedBytesReadBackAndAreNamedBySha256() throws Exception {
        byte[] content = "hello, registry".getBytes(StandardCharsets.UTF_8);
        BlobInfo info = put(content);
        assertEquals(Digest.of(content), info.digest());
        assertEquals(content.length, info.size());
        assertEquals(Optional.of(info), store.stat(info.digest()));
        assertArrayEquals(content, read(info.digest(), 0));
    }

    @Test
    void theEmptyBlobIsABlob() throws Exception {
        BlobInfo info = put(new byte[0]);
        assertEquals(0, info.size());
        assertArrayEquals(new byte[0], read(info.digest(), 0));
    }

    @Test
    void readsResumeAtAnOffset() throws Exception {
        byte[] content = "0123456789".getBytes(StandardCharsets.US_ASCII);
        BlobInfo info = put(content);
        assertArrayEquals("789".getBytes(StandardCharsets.US_ASCII), read(info.digest(), 7));
        assertArrayEquals(new byte[0], read(info.digest(), 10));
        assertThrows(IllegalArgumentException.class, () -> store.open(info.digest(), 11).close());
        assertThrows(IllegalArgumentException.class, () -> store.open(info.digest(), -1).close());
    }

    @Test
    void unknownBlobsAreAbsent() {
        Digest missing = Digest.of("never stored".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), store.stat(missing));
        assertThrows(NotFoundException.class, () -> store.open(missing, 0).close());
        assertFalse(store.delete(missing));
    }

    @Test
    void sameContentTwiceIsStoredOnce() throws Exception {
        byte[] content = "twice".getBytes(StandardCharsets.UTF_8);
        BlobInfo first = put(content);
        BlobInfo second = put(content);
        assertEquals(first.digest(), second.digest());
        assertEquals(first.size(), second.size());
        assertEquals(List.of(first.digest()), allBlobs().stream().map(BlobInfo::digest).toList());
    }

    /**
     * A commit of bytes already stored refreshes the blob's write time, which the garbage
     * collector's grace window runs from (S3 keeps whole seconds, hence the wait).
     */
    @Test
    void writingTheSameBytesAgainRefreshesTheirWriteTime() throws Exception {
        byte[] content = "written twice, a while apart".getBytes(StandardCharsets.UTF_8);
        BlobInfo first = put(content);
        Thread.sleep(2_100);
        java.time.Instant beforeSecond = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        BlobInfo second = put(content);
        assertTrue(!second.lastWritten().isBefore(beforeSecond) && second.lastWritten().isAfter(first.lastWritten()),
                first + " then " + second);
        assertEquals(second.lastWritten(), store.stat(first.digest()).orElseThrow().lastWritten());
        assertEquals(List.of(second.lastWritten()), allBlobs().stream().map(BlobInfo::lastWritten).toList());
        assertEquals(content.length, read(first.digest(), 0).length, "the bytes are unchanged");
    }

    @Test
    void cancelledAndAbandonedWritesLeaveNothing() throws Exception {
        try (BlobWriter writer = writes.newWriter()) {
            writer.stream().write("cancelled".getBytes(StandardCharsets.UTF_8));
            writer.cancel();
        }
        try (BlobWriter writer = writes.newWriter()) {
            writer.stream().write("abandoned".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), allBlobs());
    }

    /** The driver's own half of an upload: discarding is idempotent and leaves no trace. */
    @Test
    void aDriverUploadDiscardedTwiceLeavesNothing() throws Exception {
        BlobUpload upload = store.newUpload();
        upload.stream().write("staged, then dropped".getBytes(StandardCharsets.UTF_8));
        upload.discard();
        upload.discard();
        assertEquals(List.of(), allBlobs());
    }

    @Test
    void aWrongExpectedDigestPublishesNothing() throws Exception {
        Digest expected = Digest.of("something else".getBytes(StandardCharsets.UTF_8));
        try (BlobWriter writer = writes.newWriter()) {
            writer.stream().write("actual".getBytes(StandardCharsets.UTF_8));
            assertThrows(InvalidRequestException.class, () -> writer.commit(expected));
        }
        assertEquals(List.of(), allBlobs());
    }

    @Test
    void theRightExpectedDigestPublishes() throws Exception {
        byte[] content = "verified".getBytes(StandardCharsets.UTF_8);
        try (BlobWriter writer = writes.newWriter()) {
            writer.stream().write(content);
            assertEquals(content.length, writer.written());
            assertEquals(Digest.of(content), writer.commit(Digest.of(content)).digest());
        }
        assertArrayEquals(content, read(Digest.of(content), 0));
    }

    @Test
    void aWriterCommitsAtMostOnce() throws Exception {
        try (BlobWriter writer = writes.newWriter()) {
            writer.stream().write(1);
            writer.commit();
            assertThrows(IllegalStateException.class, writer::commit);
        }
    }

    @Test
    void deleteIsIdempotent() throws Exception {
        BlobInfo info = put("short-lived".getBytes(StandardCharsets.UTF_8));
        assertTrue(store.delete(info.digest()));
        assertFalse(store.delete(info.digest()));
        assertEquals(Optional.empty(), store.stat(info.digest()));
        assertEquals(List.of(), allBlobs());
    }

    @Test
    void largeBlobsStreamThroughIntact() throws Exception {
        int size = 24 * 1024 * 1024 + 17;
        Random random = new Random(42);
        MessageDigest written = Digest.newSha256();
        BlobInfo info;
        try (BlobWriter writer = writes.newWriter()) {
            byte[] chunk = new byte[64 * 1024];
            int remaining = size;
            OutputStream out = writer.stream();
            while (remaining > 0) {
                random.nextBytes(chunk);
                int n = Math.min(chunk.length, remaining);
                out.write(chunk, 0, n);
                written.update(chunk, 0, n);
                remaining -= n;
            }
            info = writer.commit();
        }
        assertEquals(Digest.finish(written), info.digest());
        assertEquals(size, info.size());
        MessageDigest readBack = Digest.newSha256();
        try (InputStream in = store.open(info.digest(), 0)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                readBack.update(buffer, 0, n);
            }
        }
        assertEquals(info.digest(), Digest.finish(readBack));
    }

    @Test
    void concurrentWritersOfTheSameContentBothSucceed() throws Exception {
        byte[] content = new byte[256 * 1024];
        new Random(7).nextBytes(content);
        Concurrently.run(6, () -> put(content));
        assertEquals(List.of(Digest.of(content)), allBlobs().stream().map(BlobInfo::digest).toList());
    }

    @Test
    void concurrentReadersSeeTheSameBytes() throws Exception {
        byte[] content = new byte[512 * 1024];
        new Random(9).nextBytes(content);
        BlobInfo info = put(content);
        Concurrently.run(6, () -> {
            assertArrayEquals(content, read(info.digest(), 0));
            return null;
        });
    }

    @Test
    void scanListsEveryBlobAndStopsWhenAsked() throws Exception {
        List<BlobInfo> stored = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stored.add(put(("blob " + i).getBytes(StandardCharsets.UTF_8)));
        }
        List<BlobInfo> all = allBlobs();
        assertEquals(stored.size(), all.size());
        assertTrue(all.containsAll(stored));
        int[] visits = {0};
        store.scan(b -> ++visits[0] < 2);
        assertEquals(2, visits[0]);
    }

    @Test
    void presignedUrlsMatchTheBackendsCapability() throws Exception {
        BlobInfo info = put("presign me".getBytes(StandardCharsets.UTF_8));
        assertEquals(supportsPresignedUrls(), store.presignedGetUrl(info.digest(), Duration.ofMinutes(5)).isPresent());
    }

    @Test
    void healthIsOkWhenTheBackendAnswers() {
        assertEquals(HealthStatus.OK, store.checkHealth().status());
        assertEquals("blob-store", store.checkHealth().id());
    }

    /** Writes and commits {@code content}. */
    protected BlobInfo put(byte[] content) throws IOException {
        try (BlobWriter writer = writes.newWriter()) {
            writer.stream().write(content);
            return writer.commit();
        }
    }

    /** Reads a blob from {@code offset} to its end. */
    protected byte[] read(Digest digest, long offset) throws IOException {
        try (InputStream in = store.open(digest, offset)) {
            return in.readAllBytes();
        }
    }

    /** Every blob in the store. */
    protected List<BlobInfo> allBlobs() {
        List<BlobInfo> all = new ArrayList<>();
        store.scan(all::add);
        return all;
    }
}
