package io.trustregistry.adapter.s3;

import java.net.URI;
import java.util.UUID;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.containers.MinIOContainer;

import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.testkit.BlobStoreContract;

/** The blob store contract against a real MinIO, where Docker runs; skipped elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class MinioContractTest extends BlobStoreContract {

    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:latest");

    private S3BlobStore s3Store;

    @Override
    protected BlobStore newStore() {
        S3Settings settings = S3Settings.compatible(URI.create(MINIO.getS3URL()),
                "test-" + UUID.randomUUID().toString().substring(0, 8), MINIO.getUserName(), MINIO.getPassword());
        s3Store = new S3BlobStore(settings);
        s3Store.createBucketIfMissing();
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
}
