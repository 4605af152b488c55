package io.trustregistry.adapter.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterAll;

import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.testkit.BlobStoreContract;

/**
 * The blob store contract against S3Proxy, with a 5 MiB part size so that the contract's
 * 24 MiB blob goes through a real multipart upload and server-side copy.
 */
class S3ContractTest extends BlobStoreContract {

    private static final TestS3 S3 = TestS3.start();
    private S3BlobStore s3Store;

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Override
    protected BlobStore newStore() {
        S3Settings bucket = S3.freshBucket();
        s3Store = new S3BlobStore(new S3Settings(bucket.bucket(), bucket.region(), bucket.endpoint(), true,
                bucket.accessKey(), bucket.secretKey(), "registry/", S3Settings.MIN_PART, bucket.connectTimeout()));
        return s3Store;
    }

    @Override
    protected void closeStore(BlobStore store) {
        s3Store.close();
    }

    @Override
    protected boolean supportsPresignedUrls() {
        return true;
    }

    @Override
    protected void assertNothingHalfWritten() {
        assertEquals(List.of(), s3Store.pendingUploads(), "upload objects left behind");
        assertEquals(0, s3Store.openMultipartUploads(), "multipart uploads left open");
    }

    /** Uploads beyond the bound queue for a slot instead of each taking a part buffer of heap. */
    @org.junit.jupiter.api.Test
    void uploadsBeyondTheBoundWaitForASlot() throws Exception {
        S3BlobStore store = (S3BlobStore) newStore();
        var writes = new io.trustregistry.core.content.ContentStore(store);
        List<io.trustregistry.core.content.BlobWriter> open = new java.util.ArrayList<>();
        for (int i = 0; i < S3BlobStore.MAX_CONCURRENT_UPLOADS; i++) {
            open.add(writes.newWriter());
        }
        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(writes::newWriter);
        Thread.sleep(300);
        org.junit.jupiter.api.Assertions.assertFalse(waiting.isDone(), "a writer beyond the bound started at once");
        open.get(0).close();
        io.trustregistry.core.content.BlobWriter late = waiting.get(5, java.util.concurrent.TimeUnit.SECONDS);
        late.stream().write(new byte[] {1, 2, 3});
        late.commit();
        for (io.trustregistry.core.content.BlobWriter writer : open) {
            writer.close();
        }
        // every slot came back: the bound can be filled again
        List<io.trustregistry.core.content.BlobWriter> again = new java.util.ArrayList<>();
        for (int i = 0; i < S3BlobStore.MAX_CONCURRENT_UPLOADS; i++) {
            again.add(writes.newWriter());
        }
        again.forEach(io.trustregistry.core.content.BlobWriter::close);
    }

    /** A bucket that does not exist is a dependency problem named in words, never a raw SDK error. */
    @org.junit.jupiter.api.Test
    void aMissingBucketIsReportedAsSuch() throws Exception {
        S3Settings bucket = S3.freshBucket();
        try (S3BlobStore missing = new S3BlobStore(new S3Settings("no-such-bucket-" + System.nanoTime(),
                bucket.region(), bucket.endpoint(), true, bucket.accessKey(), bucket.secretKey(), "", S3Settings.MIN_PART,
                bucket.connectTimeout()))) {
            var health = missing.checkHealth();
            assertEquals(io.trustregistry.core.model.HealthStatus.CRITICAL, health.status());
            org.junit.jupiter.api.Assertions.assertTrue(health.issues().get(0).details().contains("does not exist"),
                    health.toString());
            var refused = org.junit.jupiter.api.Assertions.assertThrows(
                    io.trustregistry.core.error.DependencyUnavailableException.class, () -> {
                        try (var writer = new io.trustregistry.core.content.ContentStore(missing).newWriter()) {
                            writer.stream().write(new byte[] {1});
                            writer.commit();
                        }
                    });
            org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("REGISTRY_S3_BUCKET"),
                    refused.getMessage());
        }
    }

    /**
     * Blobs over S3's 5 GiB CopyObject limit are moved from their upload key, and touched when
     * uploaded again, by a multipart copy (UploadPartCopy): here with the limit lowered to 6 MiB
     * and 5 MiB copy parts, so an 11 MiB blob is copied in three parts.
     */
    @org.junit.jupiter.api.Test
    void blobsOverTheSingleCopyLimitAreCopiedInParts() throws Exception {
        S3Settings bucket = S3.freshBucket();
        try (S3BlobStore store = new S3BlobStore(new S3Settings(bucket.bucket(), bucket.region(), bucket.endpoint(), true,
                bucket.accessKey(), bucket.secretKey(), "registry/", S3Settings.MIN_PART, bucket.connectTimeout()),
                6L * 1024 * 1024, S3Settings.MIN_PART)) {
            byte[] content = new byte[11 * 1024 * 1024 + 17];
            new java.util.Random(11).nextBytes(content);
            var writes = new io.trustregistry.core.content.ContentStore(store);
            io.trustregistry.core.model.BlobInfo first = write(writes, content);
            assertEquals(content.length, first.size());
            Thread.sleep(1100); // S3 keeps LastModified to the second
            io.trustregistry.core.model.BlobInfo again = write(writes, content);
            assertEquals(first.digest(), again.digest());
            org.junit.jupiter.api.Assertions.assertTrue(again.lastWritten().isAfter(first.lastWritten()),
                    "uploading it again refreshed its write time (the collector's grace runs from it): " + first + " "
                            + again);
            try (java.io.InputStream in = store.open(first.digest(), 0)) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(content, in.readAllBytes());
            }
            assertEquals(List.of(), store.pendingUploads(), "upload objects left behind");
            assertEquals(0, store.openMultipartUploads(), "multipart uploads left open");
        }
    }

    private static io.trustregistry.core.model.BlobInfo write(io.trustregistry.core.content.ContentStore writes,
                                                              byte[] content) throws java.io.IOException {
        try (io.trustregistry.core.content.BlobWriter writer = writes.newWriter()) {
            writer.stream().write(content);
            return writer.commit();
        }
    }
}
