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
}
