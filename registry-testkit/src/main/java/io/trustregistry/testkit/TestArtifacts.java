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
import io.trustregistry.core.model.BundleFile;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.FileRole;
import io.trustregistry.core.model.Contributor;
import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.model.ModelRating;
import io.trustregistry.core.model.ParentReference;
import io.trustregistry.core.model.Popularity;
import io.trustregistry.core.model.RepositoryInsight;
import io.trustregistry.core.model.ReviewSample;
import io.trustregistry.core.model.Score;
import io.trustregistry.core.model.SizeScore;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceFile;
import io.trustregistry.core.model.SourceKind;
import io.trustregistry.core.model.StoredBundle;

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

    /** A rated Hugging Face model named {@code name} owned by {@code acme}, with a stored bundle. */
    public static ArtifactRecord model(String name) {
        return rated(record(ArtifactType.MODEL, name, evidence(SourceKind.HUGGING_FACE_MODEL, "acme/" + name).build()))
                .withBundle(new StoredBundle(List.of(new BundleFile("config.json", new Digest("b".repeat(64)), 512,
                        0xCAFEL, FileRole.OTHER)), false, List.of("model.safetensors: over the size cap")));
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
        return ArtifactRecord.registered(new ArtifactMetadata(new ArtifactName(name), nextId(), type),
                evidence.canonicalUrl(), evidence, "tester", T0);
    }

    /** Evidence with every field populated, so round trips exercise all of them. */
    public static SourceEvidence.Builder evidence(SourceKind kind, String hubId) {
        String url = switch (kind) {
            case HUGGING_FACE_MODEL -> "https://huggingface.co/" + hubId;
            case HUGGING_FACE_DATASET -> "https://huggingface.co/datasets/" + hubId;
            case GITHUB_REPOSITORY -> "https://github.com/" + hubId;
            case WEB_DOWNLOAD -> "https://downloads.example.com/" + hubId;
            case KAGGLE_DATASET -> "https://www.kaggle.com/datasets/" + hubId;
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
                .attributes(Map.of("pipeline_tag", "text-classification", "sha", "abc123"))
                .contributors(List.of(new Contributor("alice", 12), new Contributor("bob", 3)))
                .repository(kind == SourceKind.GITHUB_REPOSITORY ? new RepositoryInsight(List.of("src/a.py",
                        "tests/test_a.py", ".github/workflows/ci.yml"), false, Map.of("Python", 4096L), 42, 7, false,
                        java.util.Optional.of(T0), java.util.Optional.of(new ReviewSample(10, 7, 900, 600))) : null)
                .degradations(List.of("example degradation: an upstream call timed out"));
    }

    /** {@code record} with a complete rating, so round trips exercise every rating field. */
    public static ArtifactRecord rated(ArtifactRecord record) {
        java.util.Map<MetricId, Score> scores = new java.util.EnumMap<>(MetricId.class);
        scores.put(MetricId.NET_SCORE, new Score(0.81, 0.5));
        scores.put(MetricId.RAMP_UP_TIME, new Score(0.9, 0.01));
        scores.put(MetricId.BUS_FACTOR, new Score(0.5, 0.02));
        scores.put(MetricId.PERFORMANCE_CLAIMS, new Score(0.6, 0.03));
        scores.put(MetricId.LICENSE, new Score(1.0, 0.001));
        scores.put(MetricId.DATASET_AND_CODE_SCORE, new Score(0.5, 0.0));
        scores.put(MetricId.DATASET_QUALITY, new Score(0.0, 0.0));
        scores.put(MetricId.CODE_QUALITY, new Score(0.3, 0.1));
        scores.put(MetricId.REPRODUCIBILITY, new Score(1.0, 0.004));
        scores.put(MetricId.REVIEWEDNESS, new Score(-1, 0.0));
        scores.put(MetricId.TREE_SCORE, new Score(0.81, 0.0));
        return record.withRating(new ModelRating(record.name().value(), "fill-mask", scores,
                new SizeScore(0.2, 0.4, 1.0, 1.0, 0.002), T0,
                List.of("dataset_quality: no registered dataset is linked to this model")));
    }

    /** A model that declares {@code parentHubId} as its base model. */
    public static ArtifactRecord modelDerivedFrom(String name, String parentHubId) {
        return record(ArtifactType.MODEL, name, evidence(SourceKind.HUGGING_FACE_MODEL, "acme/" + name)
                .parents(List.of(new ParentReference(parentHubId, "card_data", "base_model"))).build());
    }
}
