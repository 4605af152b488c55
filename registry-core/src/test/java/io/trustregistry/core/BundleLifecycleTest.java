package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.content.BlobWriter;
import io.trustregistry.core.content.ContentStore;
import io.trustregistry.core.content.BlobCollector;
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;

/** Blobs live exactly as long as some stored artifact references them. */
class BundleLifecycleTest {

    /** Collections here take any unreferenced blob at once; the grace is what the race test varies. */
    private final TestRegistry t = new TestRegistry(RegistrySettings.builder().blobCollectionGrace(Duration.ZERO)
            .build());
    private final Principal admin = t.admin();

    private String publish(String hubId, String content) {
        String url = "https://huggingface.co/" + hubId;
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        t.hub.publish(url, SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, url, hubId.substring(hubId.indexOf('/') + 1))
                .hubId(hubId).files(List.of(new SourceFile("model.safetensors", bytes.length, Optional.empty())))
                .totalSizeBytes(bytes.length).build());
        t.hub.publishFile(url, "model.safetensors", bytes);
        return url;
    }

    private ArtifactRecord register(String url) {
        return t.registry.registerArtifact().register(admin,
                new RegisterArtifactUseCase.Command(ArtifactType.MODEL, url, Optional.empty()));
    }

    private Set<Digest> blobs() {
        Set<Digest> digests = new HashSet<>();
        t.blobs.scan(b -> digests.add(b.digest()));
        return digests;
    }

    private BlobCollector.Collection collect() {
        return t.registry.blobCollector().collect();
    }

    @Test
    void noRequestDeletesABlobAndTheCollectorTakesOnlyWhatNothingReferences() {
        String url = publish("acme/shared", "same weights");
        ArtifactRecord first = register(url);
        ArtifactRecord second = register(url);
        Digest digest = Digest.of("same weights".getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of(digest), blobs());
        assertTrue(first.bundle().orElseThrow().complete());
        t.registry.deleteArtifact().delete(admin, ArtifactType.MODEL, first.id());
        assertEquals(0, collect().deleted());
        assertEquals(Set.of(digest), blobs(), "still referenced by the second");
        t.registry.deleteArtifact().delete(admin, ArtifactType.MODEL, second.id());
        assertEquals(Set.of(digest), blobs(), "a delete only drops the record");
        assertEquals(1, collect().deleted());
        assertEquals(Set.of(), blobs());
    }

    @Test
    void anUpdatesOldBundleGoesWithTheNextCollection() {
        ArtifactRecord model = register(publish("acme/v1", "old weights"));
        String newer = publish("acme/v2", "new weights");
        t.registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(),
                model.id(), ArtifactType.MODEL, model.name().value(), newer));
        collect();
        assertEquals(Set.of(Digest.of("new weights".getBytes(StandardCharsets.UTF_8))), blobs());
    }

    @Test
    void blobsYoungerThanTheGraceAreSpared() {
        TestRegistry patient = new TestRegistry(RegistrySettings.builder().blobCollectionGrace(Duration.ofHours(1))
                .build());
        try (BlobWriter writer = new ContentStore(patient.blobs).newWriter()) {
            writer.stream().write("an ingest's blob, its record not yet stored".getBytes(StandardCharsets.UTF_8));
            writer.commit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        BlobCollector.Collection done = patient.registry.blobCollector().collect();
        assertEquals(0, done.deleted());
        assertEquals(1, done.spared());
    }

    /**
     * The race the collector exists for: an ingest of bytes that another artifact, being deleted
     * at that moment, also holds. With a request-path release, the delete's scan could miss the
     * ingest's record (not yet inserted) and delete the shared blob under it. Now every record
     * that was stored must stay downloadable, whatever the collector does meanwhile.
     */
    @Test
    void concurrentIngestDeleteAndCollectionNeverLoseAStoredRecordsBytes() throws Exception {
        TestRegistry racing = new TestRegistry(RegistrySettings.builder().blobCollectionGrace(Duration.ofMinutes(10))
                .build());
        Principal root = racing.admin();
        String url = "https://huggingface.co/acme/contended";
        byte[] bytes = "weights that two artifacts share".getBytes(StandardCharsets.UTF_8);
        racing.hub.publish(url, SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, url, "contended")
                .hubId("acme/contended").files(List.of(new SourceFile("model.safetensors", bytes.length,
                        Optional.empty()))).totalSizeBytes(bytes.length).build());
        racing.hub.publishFile(url, "model.safetensors", bytes);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread collector = Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                racing.registry.blobCollector().collect();
            }
        });
        List<ArtifactRecord> kept = new java.util.ArrayList<>();
        try {
            ArtifactRecord previous = null;
            for (int i = 0; i < 200; i++) {
                ArtifactRecord doomed = previous;
                java.util.concurrent.Future<ArtifactRecord> ingest;
                try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                    ingest = threads.submit(() -> racing.registry.registerArtifact().register(root,
                            new RegisterArtifactUseCase.Command(ArtifactType.MODEL, url, Optional.empty())));
                    if (doomed != null) {
                        threads.submit(() -> {
                            racing.registry.deleteArtifact().delete(root, ArtifactType.MODEL, doomed.id());
                            return null;
                        });
                    }
                }
                previous = ingest.get();
                // the moment its record is stored, its bytes must be there (a request-path release
                // racing this ingest would have deleted them between the blob's commit and the insert)
                assertTrue(racing.blobs.stat(Digest.of(bytes)).isPresent(), "iteration " + i + " lost its bytes");
                if (i % 20 == 0) {
                    kept.add(previous);
                    previous = null;
                }
            }
        } finally {
            stop.set(true);
            collector.join();
        }
        racing.registry.blobCollector().collect();
        Digest digest = Digest.of(bytes);
        for (ArtifactRecord record : kept) {
            assertEquals(Optional.of(record.id()), racing.catalog.find(record.id()).map(ArtifactRecord::id));
            try (java.io.InputStream in = racing.blobs.open(digest, 0)) {
                assertEquals(bytes.length, in.readAllBytes().length);
            }
        }
    }

    @Test
    void resetDeletesEverythingAtOnce() {
        register(publish("acme/x", "x"));
        t.registry.reset().reset(admin);
        assertEquals(Set.of(), blobs());
    }
}
