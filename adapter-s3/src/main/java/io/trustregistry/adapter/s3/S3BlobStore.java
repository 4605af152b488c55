package io.trustregistry.adapter.s3;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.model.BlobInfo;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.HealthStatus;
import io.trustregistry.core.port.out.BlobStore;
import io.trustregistry.core.port.out.BlobUpload;

/**
 * Blobs in an S3 bucket, named {@code <prefix>blobs/sha256/ab/<digest>}. An upload is buffered
 * one part at a time (so memory is bounded by the part size whatever the blob's size): a blob
 * that fits in one part is put under its digest directly; a larger one is streamed as a
 * multipart upload under {@code <prefix>uploads/<uuid>} and copied to its digest on commit
 * (server-side, multipart for objects over 5 GiB), so a blob key only ever holds complete,
 * complete content. Abandoned uploads are aborted; a bucket lifecycle rule should expire
 * {@code uploads/} for those a crash leaves behind. Reads stream with HTTP ranges.
 */
public final class S3BlobStore implements BlobStore, Closeable {

    /**
     * Longest wait for a byte from S3 before the call fails (and is retried once): a partition
     * fails a request in seconds instead of hanging it; S3 sends first bytes in well under this.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    /**
     * A whole metadata call (HEAD, DELETE, a health probe), retries included, ends within this:
     * a partition answers a request in under two seconds, not two read timeouts and a backoff.
     * Transfers (GET bodies, uploads, copies) are bounded by the read timeout instead, since a
     * large one legitimately takes longer.
     */
    static final Duration METADATA_DEADLINE = Duration.ofMillis(1_700);
    private static final software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration QUICK =
            software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.builder()
                    .apiCallTimeout(METADATA_DEADLINE).build();


    /** S3's limit for one CopyObject; larger objects are copied in parts (UploadPartCopy). */
    private static final long S3_MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
    private static final long S3_COPY_PART = 512L * 1024 * 1024;

    private final S3Settings settings;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final long maxSingleCopy;
    private final long copyPart;

    public S3BlobStore(S3Settings settings) {
        this(settings, S3_MAX_SINGLE_COPY, S3_COPY_PART);
    }

    /** With other copy limits, so tests reach the multipart copy without 5 GiB objects. */
    S3BlobStore(S3Settings settings, long maxSingleCopy, long copyPart) {
        this.settings = settings;
        this.maxSingleCopy = maxSingleCopy;
        this.copyPart = copyPart;
        AwsCredentialsProvider credentials = settings.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(),
                settings.secretKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // S3-compatible servers do not all accept the newer default checksum headers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(settings.connectTimeout())
                        .socketTimeout(READ_TIMEOUT).maxConnections(64))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(2)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.s3 = builder.build();
        var presign = S3Presigner.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(presign::endpointOverride);
        this.presigner = presign.build();
    }

    String keyOf(Digest digest) {
        return settings.prefix() + "blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex();
    }

    /**
     * Uploads in flight at once. Each holds a part buffer ({@code partSizeBytes}, 8 MiB by
     * default) until it commits or is cancelled; without a bound, a burst of registrations
     * exhausted the heap (measured: 12 at once killed a 307 MiB JVM). Further writers queue.
     */
    static final int MAX_CONCURRENT_UPLOADS = 6;
    private static final Duration UPLOAD_QUEUE_WAIT = Duration.ofSeconds(60);
    private final java.util.concurrent.Semaphore uploads = new java.util.concurrent.Semaphore(MAX_CONCURRENT_UPLOADS,
            true);

    /**
     * {@inheritDoc}
     *
     * <p>Waits up to a minute for one of {@value #MAX_CONCURRENT_UPLOADS} upload slots.
     *
     * @throws DependencyUnavailableException if no slot frees up in time
     */
    @Override
    public BlobUpload newUpload() {
        try {
            if (!uploads.tryAcquire(UPLOAD_QUEUE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new DependencyUnavailableException("S3 is busy with " + MAX_CONCURRENT_UPLOADS
                        + " uploads; retry in a moment", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while waiting to upload to S3", e);
        }
        try {
            return new Upload();
        } catch (RuntimeException | OutOfMemoryError e) {
            uploads.release();
            throw e;
        }
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        return head(keyOf(digest)).map(h -> new BlobInfo(digest, h.contentLength(), h.lastModified()));
    }

    @Override
    public InputStream open(Digest digest, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        String key = keyOf(digest);
        if (offset > 0) {
            long size = head(key).orElseThrow(() -> new NotFoundException("no blob " + digest)).contentLength();
            if (offset > size) {
                throw new IllegalArgumentException("offset " + offset + " outside 0.." + size);
            }
            if (offset == size) {
                return InputStream.nullInputStream();
            }
        }
        try {
            return call(() -> s3.getObject(r -> {
                r.bucket(settings.bucket()).key(key);
                if (offset > 0) {
                    r.range("bytes=" + offset + "-");
                }
            }));
        } catch (NoSuchKeyException missing) {
            throw new NotFoundException("no blob " + digest);
        }
    }

    @Override
    public boolean delete(Digest digest) {
        String key = keyOf(digest);
        boolean existed = head(key).isPresent();
        if (existed) {
            call(() -> s3.deleteObject(r -> r.bucket(settings.bucket()).key(key).overrideConfiguration(QUICK)));
        }
        return existed;
    }

    @Override
    public Optional<URI> presignedGetUrl(Digest digest, Duration ttl) {
        try {
            return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(settings.bucket()).key(keyOf(digest)))).url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK produced an invalid URL", e);
        }
    }

    @Override
    public void scan(Predicate<BlobInfo> visitor) {
        String prefix = settings.prefix() + "blobs/sha256/";
        for (S3Object object : call(() -> s3.listObjectsV2Paginator(r -> r.bucket(settings.bucket()).prefix(prefix))
                .contents())) {
            String hex = object.key().substring(object.key().lastIndexOf('/') + 1);
            if (Digest.isWellFormed(hex) && !visitor.test(new BlobInfo(new Digest(hex), object.size(),
                    object.lastModified()))) {
                return;
            }
        }
    }

    @Override
    public ComponentHealth checkHealth() {
        long started = System.nanoTime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("backend", "s3");
        metrics.put("bucket", settings.bucket());
        settings.endpoint().ifPresent(e -> metrics.put("endpoint", e.toString()));
        HealthStatus status = HealthStatus.OK;
        List<ComponentHealth.Issue> issues = new ArrayList<>();
        try {
            call(() -> s3.headBucket(r -> r.bucket(settings.bucket()).overrideConfiguration(QUICK)));
        } catch (DependencyUnavailableException e) {
            status = HealthStatus.CRITICAL;
            // S3-compatible servers (S3Proxy, MinIO) name a missing bucket in HEAD's answer too
            issues.add(e.getCause() instanceof S3Exception refused && refused.statusCode() == 404
                    ? noBucket(e.getMessage())
                    : new ComponentHealth.Issue("s3-unreachable", "error", "the S3 bucket cannot be reached",
                            e.getMessage()));
        } catch (S3Exception e) {
            // AWS answers HEAD of a missing bucket 404 without a body, so without an error code
            status = HealthStatus.CRITICAL;
            issues.add(noBucket(missingBucket(e).getMessage()));
        }
        metrics.put("probe_ms", (System.nanoTime() - started) / 1_000_000.0);
        return new ComponentHealth("blob-store", "Blob store (S3)", "Artifact bundles in bucket " + settings.bucket(),
                status, Instant.now(), metrics, issues);
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private static ComponentHealth.Issue noBucket(String details) {
        return new ComponentHealth.Issue("s3-no-bucket", "error", "the S3 bucket does not exist", details);
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(call(() -> s3.headObject(r -> r.bucket(settings.bucket()).key(key)
                    .overrideConfiguration(QUICK))));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Runs an S3 call, turning an unreachable or failing service into a 503. */
    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException missing) {
            throw missing;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && isMissingBucket(e)) {
                throw missingBucket(e);
            }
            if (e.statusCode() == 404) {
                throw e;
            }
            throw new DependencyUnavailableException("S3 refused the request (HTTP " + e.statusCode() + ", "
                    + errorCode(e) + "); check REGISTRY_S3_BUCKET, the region and the credentials", e);
        } catch (SdkException e) {
            throw new DependencyUnavailableException(unavailable(e.getMessage()), e);
        }
    }

    /**
     * The message of an outage, for the client and the operator alike: what is gone, what that
     * means for requests, and what to check.
     */
    private String unavailable(String why) {
        String where = settings.endpoint().map(e -> "at " + e).orElse("in " + settings.region());
        return "the artifact file store (S3 bucket '" + settings.bucket() + "' " + where + ") is unreachable (" + why
                + "): downloads and registrations answer 503 until it returns, other requests are unaffected; check"
                + " S3's status, the network path to it (on AWS the VPC endpoint or NAT gateway), the task's"
                + " credentials and REGISTRY_S3_BUCKET" + (settings.endpoint().isPresent() ? "/REGISTRY_S3_ENDPOINT" : "");
    }

    private static boolean isMissingBucket(S3Exception e) {
        return "NoSuchBucket".equals(errorCode(e));
    }

    private static String errorCode(S3Exception e) {
        // a refusal without a body (a HEAD's 403) has details but no code
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "no error code" : code;
    }

    private DependencyUnavailableException missingBucket(S3Exception e) {
        return new DependencyUnavailableException("the S3 bucket '" + settings.bucket() + "' does not exist; create"
                + " it or correct REGISTRY_S3_BUCKET", e);
    }

    private final class Upload implements BlobUpload {
        private final byte[] part = new byte[settings.partSizeBytes()];
        private final List<CompletedPart> parts = new ArrayList<>();
        private final String uploadKey = settings.prefix() + "uploads/" + UUID.randomUUID();
        private int filled;
        private long written;
        private String uploadId;
        private boolean ended;
        private boolean slotReleased;

        /** Gives the upload slot back, once: after commit or cancel, the part buffer is garbage. */
        private void releaseSlot() {
            if (!slotReleased) {
                slotReleased = true;
                uploads.release();
            }
        }

        private final OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written += len;
                int offset = off;
                int remaining = len;
                while (remaining > 0) {
                    int n = Math.min(remaining, part.length - filled);
                    System.arraycopy(b, offset, part, filled, n);
                    filled += n;
                    offset += n;
                    remaining -= n;
                    if (filled == part.length) {
                        flushPart();
                    }
                }
            }
        };

        @Override
        public OutputStream stream() {
            return stream;
        }

        private void flushPart() {
            if (uploadId == null) {
                uploadId = call(() -> s3.createMultipartUpload(r -> r.bucket(settings.bucket()).key(uploadKey)))
                        .uploadId();
            }
            int number = parts.size() + 1;
            int length = filled;
            String etag = call(() -> s3.uploadPart(r -> r.bucket(settings.bucket()).key(uploadKey).uploadId(uploadId)
                    .partNumber(number).contentLength((long) length),
                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        }

        @Override
        public BlobInfo publish(Digest digest) {
            ended = true;
            String key = keyOf(digest);
            try {
                if (uploadId == null) {
                    // a blob that is there gets its write time refreshed; one that is not (or that a
                    // collection removed between the check and the refresh) is put
                    if (head(key).isEmpty() || !touched(key, written)) {
                        call(() -> s3.putObject(r -> r.bucket(settings.bucket()).key(key).contentLength((long) filled),
                                RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled)));
                    }
                    return stat(digest).orElseThrow(() -> new DependencyUnavailableException("S3 lost blob " + digest
                            + " right after writing it", null));
                }
                if (filled > 0) {
                    flushPart();
                }
                call(() -> s3.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(uploadKey)
                        .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
                uploadId = null;
                if (head(key).isEmpty() || !touched(key, written)) {
                    copy(uploadKey, key, written);
                }
                return stat(digest).orElseThrow(() -> new DependencyUnavailableException("S3 lost blob " + digest
                        + " right after writing it", null));
            } catch (RuntimeException e) {
                abort();
                throw e;
            } finally {
                if (!parts.isEmpty()) {
                    deleteQuietly(uploadKey);
                }
                releaseSlot();
            }
        }

        /** {@link #touch}, or false if the blob is gone by then. */
        private boolean touched(String key, long size) {
            try {
                touch(key, size);
                return true;
            } catch (NoSuchKeyException gone) {
                return false;
            }
        }

        /**
         * Refreshes an existing blob's LastModified, which the garbage collector's grace window
         * runs from: S3 has no touch, so the object is copied onto itself (allowed when the
         * metadata is replaced), server-side.
         */
        private void touch(String key, long size) {
            if (size <= maxSingleCopy) {
                call(() -> s3.copyObject(r -> r.sourceBucket(settings.bucket()).sourceKey(key)
                        .destinationBucket(settings.bucket()).destinationKey(key)
                        .metadataDirective(software.amazon.awssdk.services.s3.model.MetadataDirective.REPLACE)
                        .metadata(java.util.Map.of("written", java.time.Instant.now().toString()))));
            } else {
                copy(key, key, size);
            }
        }

        private void copy(String from, String to, long size) {
            if (size <= maxSingleCopy) {
                call(() -> s3.copyObject(r -> r.sourceBucket(settings.bucket()).sourceKey(from)
                        .destinationBucket(settings.bucket()).destinationKey(to)));
                return;
            }
            String copyId = call(() -> s3.createMultipartUpload(r -> r.bucket(settings.bucket()).key(to))).uploadId();
            List<CompletedPart> copied = new ArrayList<>();
            for (long start = 0; start < size; start += copyPart) {
                long first = start;
                long last = Math.min(size, start + copyPart) - 1;
                int number = copied.size() + 1;
                String etag = call(() -> s3.uploadPartCopy(r -> r.sourceBucket(settings.bucket()).sourceKey(from)
                        .destinationBucket(settings.bucket()).destinationKey(to).uploadId(copyId).partNumber(number)
                        .copySourceRange("bytes=" + first + "-" + last))).copyPartResult().eTag();
                copied.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            call(() -> s3.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(to).uploadId(copyId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(copied).build())));
        }

        @Override
        public void discard() {
            if (!ended) {
                ended = true;
                abort();
            }
            releaseSlot();
        }

        private void abort() {
            if (uploadId != null) {
                String id = uploadId;
                uploadId = null;
                try {
                    s3.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(uploadKey).uploadId(id)
                            .overrideConfiguration(QUICK));
                } catch (SdkException e) {
                    // the bucket's lifecycle rule expires what an abort could not reach
                }
            }
        }

        private void deleteQuietly(String key) {
            try {
                s3.deleteObject(r -> r.bucket(settings.bucket()).key(key).overrideConfiguration(QUICK));
            } catch (SdkException e) {
                // left for the lifecycle rule on uploads/
            }
        }
    }

    /** Creates the bucket if it does not exist (development and tests; production buckets come from IaC). */
    public void createBucketIfMissing() {
        try {
            s3.headBucket(r -> r.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new DependencyUnavailableException("cannot check bucket " + settings.bucket(), e);
            }
            call(() -> s3.createBucket(r -> r.bucket(settings.bucket())));
        }
    }

    /** Keys under the upload prefix (tests check that nothing is left behind). */
    List<String> pendingUploads() {
        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(settings.bucket())
                .prefix(settings.prefix() + "uploads/")).contents()) {
            keys.add(object.key());
        }
        return keys;
    }

    /** Multipart uploads not completed or aborted (tests). */
    int openMultipartUploads() {
        return s3.listMultipartUploads(r -> r.bucket(settings.bucket())).uploads().size();
    }
}
