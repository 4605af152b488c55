package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
import io.trustregistry.core.port.in.RegisterArtifactUseCase;
import io.trustregistry.core.port.in.UpdateArtifactUseCase;

/** Blobs live exactly as long as some stored artifact references them. */
class BundleLifecycleTest {

    private final TestRegistry t = new TestRegistry();
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

    @Test
    void sharedContentOutlivesOneOwnerAndGoesWithTheLast() {
        String url = publish("acme/shared", "same weights");
        ArtifactRecord first = register(url);
        ArtifactRecord second = register(url);
        Digest digest = Digest.of("same weights".getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of(digest), blobs());
        assertTrue(first.bundle().orElseThrow().complete());
        t.registry.deleteArtifact().delete(admin, ArtifactType.MODEL, first.id());
        assertEquals(Set.of(digest), blobs(), "still referenced by the second");
        t.registry.deleteArtifact().delete(admin, ArtifactType.MODEL, second.id());
        assertEquals(Set.of(), blobs());
    }

    @Test
    void anUpdateReleasesTheOldBundle() {
        ArtifactRecord model = register(publish("acme/v1", "old weights"));
        String newer = publish("acme/v2", "new weights");
        t.registry.updateArtifact().update(admin, new UpdateArtifactUseCase.Command(ArtifactType.MODEL, model.id(),
                model.id(), ArtifactType.MODEL, model.name().value(), newer));
        assertEquals(Set.of(Digest.of("new weights".getBytes(StandardCharsets.UTF_8))), blobs());
    }

    @Test
    void resetReleasesEverything() {
        register(publish("acme/x", "x"));
        t.registry.reset().reset(admin);
        assertEquals(Set.of(), blobs());
    }
}
