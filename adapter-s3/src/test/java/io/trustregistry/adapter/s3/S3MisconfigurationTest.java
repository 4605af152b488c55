package io.trustregistry.adapter.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.HealthStatus;

/**
 * What an operator sees when the S3 settings are wrong: a bucket that does not exist or
 * credentials S3 refuses are a 503 naming the setting to correct, on every call and in the
 * health report, never a raw SDK exception (a 500). S3Proxy answers both as S3 does: 404
 * {@code NoSuchBucket} and 403 {@code SignatureDoesNotMatch}.
 */
class S3MisconfigurationTest {

    private static final TestS3 S3 = TestS3.start();
    private static final Digest SOME_BLOB = Digest.of("some bytes".getBytes(StandardCharsets.UTF_8));

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Test
    void aMissingBucketIsNamedOnEveryCallAndInTheHealthReport() {
        S3Settings missing = S3Settings.compatible(S3.endpoint(), "no-such-bucket", TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
        try (S3BlobStore store = new S3BlobStore(missing)) {
            DependencyUnavailableException read = assertThrows(DependencyUnavailableException.class,
                    () -> store.open(SOME_BLOB, 0).close());
            assertTrue(read.getMessage().contains("the S3 bucket 'no-such-bucket' does not exist"), read.getMessage());
            assertTrue(read.getMessage().contains("REGISTRY_S3_BUCKET"), read.getMessage());

            ComponentHealth health = store.checkHealth();
            assertEquals(HealthStatus.CRITICAL, health.status());
            assertEquals("s3-no-bucket", health.issues().getFirst().code(), health.issues().toString());
            assertTrue(health.issues().getFirst().details().contains("no-such-bucket"), health.issues().toString());
        }
    }

    @Test
    void refusedCredentialsAreADependencyFailureNamingWhatToCheck() {
        S3Settings bucket = S3.freshBucket();
        S3Settings wrongSecret = S3Settings.compatible(S3.endpoint(), bucket.bucket(), TestS3.ACCESS_KEY, "not-the-secret");
        try (S3BlobStore store = new S3BlobStore(wrongSecret)) {
            DependencyUnavailableException stat = assertThrows(DependencyUnavailableException.class,
                    () -> store.stat(SOME_BLOB));
            assertTrue(stat.getMessage().startsWith("S3 refused the request (HTTP 403"), stat.getMessage());
            assertTrue(stat.getMessage().contains("the credentials"), stat.getMessage());
            assertThrows(DependencyUnavailableException.class, () -> store.delete(SOME_BLOB));

            ComponentHealth health = store.checkHealth();
            assertEquals(HealthStatus.CRITICAL, health.status());
            assertEquals("s3-unreachable", health.issues().getFirst().code());
            assertTrue(health.issues().getFirst().details().contains("HTTP 403"), health.issues().toString());
        }
        try (S3BlobStore rightSecret = new S3BlobStore(bucket)) {
            assertEquals(HealthStatus.OK, rightSecret.checkHealth().status(), "the same bucket with the right secret");
        }
    }
}
