package io.trustregistry.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.content.ContentStore;
import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.memory.InMemoryBlobStore;
import io.trustregistry.core.testing.StaticUpstreamHub;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.BundleFile;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.FileRole;
import io.trustregistry.core.model.RepositoryLicense;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.model.SourceReference;
import io.trustregistry.core.model.StoredBundle;
import io.trustregistry.core.port.out.UpstreamHub;

class BundleIngesterTest {

    private static final String URL = "https://huggingface.co/acme/m";
    private final StaticUpstreamHub hub = new StaticUpstreamHub();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final ContentStore writes = new ContentStore(blobs);

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private SourceEvidence publish(List<SourceFile> files, long total, byte[]... contents) {
        for (int i = 0; i < files.size(); i++) {
            if (i < contents.length && contents[i] != null) {
                hub.publishFile(URL, files.get(i).path(), contents[i]);
            }
        }
        return SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, URL, "m").hubId("acme/m").files(files)
                .totalSizeBytes(total).build();
    }

    private static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    private byte[] stored(BundleFile file) throws IOException {
        try (InputStream in = blobs.open(file.digest(), 0)) {
            return in.readAllBytes();
        }
    }

    @Test
    void filesAreStoredVerifiedAndClassified() throws IOException {
        byte[] weights = bytes(200_000, 1);
        byte[] config = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        SourceEvidence evidence = publish(List.of(
                new SourceFile("model.safetensors", weights.length, Optional.of(Digest.of(weights).hex())),
                new SourceFile("config.json", config.length, Optional.empty())), weights.length + config.length,
                weights, config);
        StoredBundle bundle = new BundleIngester(hub, writes, 1 << 30, 1 << 20, 200).ingest(ArtifactType.MODEL, evidence);
        assertTrue(bundle.complete(), bundle.omitted().toString());
        assertEquals(List.of("config.json", "model.safetensors"), bundle.files().stream().map(BundleFile::path).toList());
        BundleFile w = bundle.files().get(1);
        assertEquals(FileRole.WEIGHTS, w.role());
        assertEquals(crc(weights), w.crc32());
        assertArrayEquals(weights, stored(w));
        assertEquals(FileRole.OTHER, bundle.files().get(0).role());
    }

    @Test
    void aFileWhoseDigestDoesNotMatchIsLeftOutAndNotStored() {
        byte[] weights = bytes(50_000, 2);
        SourceEvidence evidence = publish(List.of(new SourceFile("model.safetensors", weights.length,
                Optional.of("0".repeat(64)))), weights.length, weights);
        StoredBundle bundle = new BundleIngester(hub, writes, 1 << 30, 1 << 20, 200).ingest(ArtifactType.MODEL, evidence);
        assertFalse(bundle.complete());
        assertEquals(List.of(), bundle.files());
        assertTrue(bundle.omitted().get(0).contains("does not match"), bundle.omitted().toString());
        int[] blobCount = {0};
        blobs.scan(b -> ++blobCount[0] > 0);
        assertEquals(0, blobCount[0]);
    }

    @Test
    void overTheCapOnlySmallFilesAreKept() {
        byte[] small = bytes(1_000, 3);
        byte[] big = bytes(5_000, 4);
        SourceEvidence evidence = publish(List.of(new SourceFile("tokenizer.json", small.length, Optional.empty()),
                new SourceFile("model.safetensors", big.length, Optional.empty())), 10_000, small, big);
        StoredBundle bundle = new BundleIngester(hub, writes, 8_000, 2_000, 200).ingest(ArtifactType.MODEL, evidence);
        assertEquals(List.of("tokenizer.json"), bundle.files().stream().map(BundleFile::path).toList());
        assertTrue(bundle.omitted().get(0).startsWith("model.safetensors: over the bundle size cap"));
    }

    @Test
    void unavailableAndShortFilesAreRecordedAsOmitted() {
        byte[] truncated = bytes(10, 5);
        SourceEvidence evidence = publish(List.of(new SourceFile("missing.bin", 10, Optional.empty()),
                new SourceFile("short.bin", 99, Optional.empty())), 109, null, truncated);
        StoredBundle bundle = new BundleIngester(hub, writes, 1 << 30, 1 << 20, 200).ingest(ArtifactType.MODEL, evidence);
        assertEquals(List.of(), bundle.files());
        assertEquals(2, bundle.omitted().size());
        assertTrue(bundle.omitted().stream().anyMatch(o -> o.startsWith("short.bin: the source sent 10 bytes")));
    }

    @Test
    void atMostMaxFilesAreFetchedAndTheRestAreNamedAsOmitted() {
        byte[] a = bytes(100, 6);
        byte[] b = bytes(100, 7);
        byte[] c = bytes(100, 8);
        SourceEvidence evidence = publish(List.of(new SourceFile("a.bin", 100, Optional.empty()),
                new SourceFile("b.bin", 100, Optional.empty()), new SourceFile("c.bin", 100, Optional.empty())), 300,
                a, b, c);
        StoredBundle bundle = new BundleIngester(hub, writes, 1 << 30, 1 << 20, 2).ingest(ArtifactType.MODEL, evidence);
        assertEquals(2, bundle.files().size(), bundle.files().toString());
        assertFalse(bundle.complete());
        assertEquals(List.of("1 more files not stored: a registration fetches at most 2 files (REGISTRY_BUNDLE_MAX_FILES);"
                + " they count for cost with their listed sizes"), bundle.omitted());
    }

    @Test
    void aSourceThatRefusesItsFirstFileIsAskedForNoOther() {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        SourceEvidence evidence = publish(List.of(new SourceFile("config.json", config.length, Optional.empty()),
                new SourceFile("model.safetensors", 10, Optional.empty()),
                new SourceFile("tokenizer.json", 10, Optional.empty())), 12 + config.length, config);
        List<String> asked = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        UpstreamHub gated = opening(file -> {
            asked.add(file.path());
            throw new UpstreamException.AccessDenied("the repository is gated: accept its conditions first");
        });
        StoredBundle bundle = new BundleIngester(gated, writes, 1 << 30, 1 << 20, 200).ingest(ArtifactType.MODEL, evidence);
        assertEquals(1, asked.size(), "asked for " + asked);
        assertEquals(List.of(), bundle.files());
        assertEquals(3, bundle.omitted().size(), bundle.omitted().toString());
        assertEquals(2, bundle.omitted().stream().filter(o -> o.contains("not requested; the source refused its files"))
                .count(), bundle.omitted().toString());
        assertTrue(bundle.omitted().stream().allMatch(o -> o.contains("the repository is gated")),
                bundle.omitted().toString());
    }

    /** The static hub, except that each file is opened by {@code open}. */
    private UpstreamHub opening(java.util.function.Function<SourceFile, InputStream> open) {
        return new UpstreamHub() {
            @Override
            public SourceEvidence resolve(ArtifactType type, java.net.URI source) {
                return hub.resolve(type, source);
            }

            @Override
            public InputStream openFile(SourceEvidence from, SourceFile file) {
                return open.apply(file);
            }

            @Override
            public SourceReference identify(java.net.URI source) {
                return hub.identify(source);
            }

            @Override
            public RepositoryLicense repositoryLicense(java.net.URI repositoryUrl) {
                return hub.repositoryLicense(repositoryUrl);
            }

            @Override
            public List<ComponentHealth> checkHealth() {
                return hub.checkHealth();
            }
        };
    }

    private long storedBlobs() {
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        blobs.scan(b -> n.incrementAndGet() >= 0);
        return n.get();
    }

    @Test
    void aTransferCutMidFileIsOmittedWithItsCauseAndTheOtherFilesAreKept() {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        SourceEvidence evidence = publish(List.of(new SourceFile("config.json", config.length, Optional.empty()),
                new SourceFile("model.safetensors", 1000, Optional.empty())), 1000 + config.length, config);
        UpstreamHub cutting = opening(file -> file.path().equals("config.json")
                ? new java.io.ByteArrayInputStream(config)
                : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(bytes(400, 9)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Connection reset");
                    }
                }));
        StoredBundle bundle = new BundleIngester(cutting, writes, 1 << 30, 1 << 20, 200).ingest(ArtifactType.MODEL,
                evidence);
        assertEquals(List.of("config.json"), bundle.files().stream().map(BundleFile::path).toList());
        assertFalse(bundle.complete());
        assertEquals(List.of("model.safetensors: transfer failed: Connection reset"), bundle.omitted());
        assertEquals(1, storedBlobs(), "the cut file left nothing behind");
    }

    @Test
    void aRateLimitFailsTheWholeIngestAndStoresNothingMore() {
        SourceEvidence evidence = publish(List.of(new SourceFile("a.bin", 10, Optional.empty()),
                new SourceFile("b.bin", 10, Optional.empty()), new SourceFile("c.bin", 10, Optional.empty())), 30);
        UpstreamHub limited = opening(file -> {
            throw new UpstreamException.RateLimited("Hugging Face answered 429: retry in 60 s",
                    Optional.of(java.time.Duration.ofSeconds(60)));
        });
        UpstreamException.RateLimited thrown = org.junit.jupiter.api.Assertions.assertThrows(
                UpstreamException.RateLimited.class,
                () -> new BundleIngester(limited, writes, 1 << 30, 1 << 20, 1).ingest(ArtifactType.MODEL, evidence));
        assertEquals("Hugging Face answered 429: retry in 60 s", thrown.getMessage());
        assertEquals(0, storedBlobs());
    }

    @Test
    void aStoreThatGoesAwayFailsTheIngestAsUnavailable() {
        byte[] weights = bytes(100, 10);
        SourceEvidence evidence = publish(List.of(new SourceFile("model.safetensors", 100, Optional.empty())), 100,
                weights);
        InMemoryBlobStore healthy = new InMemoryBlobStore();
        ContentStore failing = new ContentStore(new io.trustregistry.core.port.out.BlobStore() {
            @Override
            public io.trustregistry.core.port.out.BlobUpload newUpload() {
                throw new io.trustregistry.core.error.DependencyUnavailableException("S3 cannot be reached");
            }

            @Override
            public Optional<io.trustregistry.core.model.BlobInfo> stat(Digest digest) {
                return healthy.stat(digest);
            }

            @Override
            public InputStream open(Digest digest, long offset) {
                return healthy.open(digest, offset);
            }

            @Override
            public boolean delete(Digest digest) {
                return healthy.delete(digest);
            }

            @Override
            public Optional<java.net.URI> presignedGetUrl(Digest digest, java.time.Duration ttl) {
                return Optional.empty();
            }

            @Override
            public void scan(java.util.function.Predicate<io.trustregistry.core.model.BlobInfo> visitor) {
                healthy.scan(visitor);
            }

            @Override
            public ComponentHealth checkHealth() {
                return healthy.checkHealth();
            }
        });
        io.trustregistry.core.error.DependencyUnavailableException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                io.trustregistry.core.error.DependencyUnavailableException.class,
                () -> new BundleIngester(hub, failing, 1 << 30, 1 << 20, 200).ingest(ArtifactType.MODEL, evidence));
        assertEquals("S3 cannot be reached", thrown.getMessage());
    }
}
