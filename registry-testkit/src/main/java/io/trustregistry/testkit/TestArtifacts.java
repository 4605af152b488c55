package io.trustregistry.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;

/** Builders for artifact records used across test suites. */
public final class TestArtifacts {

    private static final AtomicLong SEQUENCE = new AtomicLong(1_000_000_000_000_000_000L);
    /** A fixed instant, so records compare equal across a store round trip. */
    public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private TestArtifacts() {
    }

    /** A fresh, ascending id. */
    public static ArtifactId nextId() {
        return new ArtifactId(Long.toString(SEQUENCE.incrementAndGet()));
    }

    /** A Hugging Face model named {@code name} owned by {@code acme}. */
    public static ArtifactRecord model(String name) {
        return record(ArtifactType.MODEL, name, evidence(SourceKind.HUGGING_FACE_MODEL, "acme/" + name).build());
    }

    /** A Hugging Face dataset. */
    public static ArtifactRecord dataset(String name) {
        return record(ArtifactType.DATASET, name, evidence(SourceKind.HUGGING_FACE_DATASET, "acme/" + name).build());
    }

    /** A GitHub repository registered as code. */
    public static ArtifactRecord code(String name) {
        return record(ArtifactType.CODE, name, evidence(SourceKind.GITHUB_REPOSITORY, "acme/" + name).build());
    }

    /** A record with a fresh id. */
    public static ArtifactRecord record(ArtifactType type, String name, SourceEvidence evidence) {
        return new ArtifactRecord(new ArtifactMetadata(new ArtifactName(name), nextId(), type),
                evidence.canonicalUrl(), evidence, "tester", T0, T0, 1);
    }

    /** Evidence with every field populated, so round trips exercise all of them. */
    public static SourceEvidence.Builder evidence(SourceKind kind, String hubId) {
        String url = switch (kind) {
            case HUGGING_FACE_MODEL -> "https://huggingface.co/" + hubId;
            case HUGGING_FACE_DATASET -> "https://huggingface.co/datasets/" + hubId;
            case GITHUB_REPOSITORY -> "https://github.com/" + hubId;
            case WEB_DOWNLOAD -> "https://downloads.example.com/" + hubId;
        };
        String name = hubId.substring(hubId.lastIndexOf('/') + 1);
        return SourceEvidence.builder(kind, url, name)
                .hubId(hubId)
                .readme("# " + name + "\n\nA test artifact.\n")
                .license("apache-2.0")
                .files(List.of(new SourceFile("config.json", 512, java.util.Optional.empty()),
                        new SourceFile("model.safetensors", 2 * 1024 * 1024,
                                java.util.Optional.of("a".repeat(64)))))
                .totalSizeBytes(2 * 1024 * 1024 + 512)
                .popularity(new Popularity(1234, 56, java.util.Optional.of(T0)))
                .attributes(Map.of("pipeline_tag", "text-classification", "sha", "abc123"));
    }

    /** A model that declares {@code parentHubId} as its base model. */
    public static ArtifactRecord modelDerivedFrom(String name, String parentHubId) {
        return record(ArtifactType.MODEL, name, evidence(SourceKind.HUGGING_FACE_MODEL, "acme/" + name)
                .parents(List.of(new ParentReference(parentHubId, "card_data", "base_model"))).build());
    }
}
