package io.trustregistry.adapter.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the blobs live. On AWS only the bucket and region are needed (credentials come from
 * the task role through the SDK's default chain); for MinIO or another S3-compatible server,
 * also the endpoint, path-style addressing and static keys.
 *
 * @param bucket         the bucket, which must exist
 * @param region         its region (any value for MinIO)
 * @param endpoint       an endpoint override (MinIO, S3Proxy), empty for AWS
 * @param pathStyle      address objects as {@code endpoint/bucket/key} (MinIO needs it)
 * @param accessKey      a static access key, empty to use the default credential chain
 * @param secretKey      its secret
 * @param prefix         a key prefix, so several registries can share a bucket ("" for none)
 * @param partSizeBytes  multipart part size: also the upload's memory per writer (at least 5 MiB)
 * @param connectTimeout how long to wait for a connection before failing with 503
 */
public record S3Settings(String bucket, String region, Optional<URI> endpoint, boolean pathStyle,
                         Optional<String> accessKey, Optional<String> secretKey, String prefix, int partSizeBytes,
                         Duration connectTimeout) {

    /** S3's smallest part but the last. */
    public static final int MIN_PART = 5 * 1024 * 1024;

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(prefix, "prefix");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("the S3 bucket must be named");
        }
        if (partSizeBytes < MIN_PART) {
            throw new IllegalArgumentException("the part size must be at least 5 MiB");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a key prefix must end with /");
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("give both an access key and its secret, or neither");
        }
    }

    /** AWS S3 with the default credential chain. */
    public static S3Settings aws(String bucket, String region) {
        return new S3Settings(bucket, region, Optional.empty(), false, Optional.empty(), Optional.empty(), "",
                8 * 1024 * 1024, Duration.ofSeconds(1));
    }

    /** An S3-compatible server (MinIO, S3Proxy) with static keys and path-style addressing. */
    public static S3Settings compatible(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new S3Settings(bucket, "us-east-1", Optional.of(endpoint), true, Optional.of(accessKey),
                Optional.of(secretKey), "", 8 * 1024 * 1024, Duration.ofSeconds(1));
    }
}
