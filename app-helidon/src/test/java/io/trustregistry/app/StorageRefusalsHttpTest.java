package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.trustregistry.adapter.s3.TestS3;

/**
 * An S3 bucket the registry is configured wrongly for answers every request that needs it with a
 * 503 telling the operator which setting to correct (S3Proxy checks signatures and buckets as S3 does).
 */
class StorageRefusalsHttpTest {

    private static final String URL = "{\"url\":\"https://huggingface.co/acme/tiny-model\"}";

    private static Map<String, String> s3(String bucket, String secret) {
        return Map.of("REGISTRY_BLOBS", "s3", "REGISTRY_S3_BUCKET", bucket,
                "REGISTRY_S3_ENDPOINT", Backends.s3().endpoint().toString(),
                "REGISTRY_S3_ACCESS_KEY", TestS3.ACCESS_KEY, "REGISTRY_S3_SECRET_KEY", secret);
    }

    @Test
    void aWrongSecretKeyIsA503NamingTheSettings() {
        try (TestServer t = TestServer.start(s3(Backends.s3().freshBucket().bucket(), "not-the-secret"))) {
            // S3 refuses the signature; a HEAD's refusal has no body, hence no error code to name
            String message = t.api.post("/artifact/model", t.api.admin(), URL).expectError(503).json().path("message")
                    .asText();
            assertTrue(message.matches("S3 refused the request \\(HTTP 403, (SignatureDoesNotMatch|no error code)\\);"
                    + " check REGISTRY_S3_BUCKET, the region and the credentials"), message);
        }
    }

    @Test
    void aMissingBucketIsA503NamingIt() {
        try (TestServer t = TestServer.start(s3("no-such-bucket", TestS3.SECRET_KEY))) {
            assertEquals("the S3 bucket 'no-such-bucket' does not exist; create it or correct REGISTRY_S3_BUCKET",
                    t.api.post("/artifact/model", t.api.admin(), URL).expectError(503).json().path("message").asText());
        }
    }
}
