package io.trustregistry.core.rating;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.ArtifactMetadata;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.ArtifactRecord;
import io.trustregistry.core.model.ArtifactType;
import io.trustregistry.core.model.SourceEvidence;
import io.trustregistry.core.model.SourceKind;

/** Small builders for metric tests. */
final class RatingFixtures {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static long next = 1_000_000_000_000_000_000L;

    private RatingFixtures() {
    }

    static SourceEvidence.Builder model(String hubId) {
        return SourceEvidence.builder(SourceKind.HUGGING_FACE_MODEL, "https://huggingface.co/" + hubId,
                hubId.substring(hubId.lastIndexOf('/') + 1)).hubId(hubId);
    }

    static ArtifactRecord record(ArtifactType type, SourceEvidence evidence) {
        return ArtifactRecord.registered(new ArtifactMetadata(new ArtifactName(evidence.suggestedName()),
                new ArtifactId(Long.toString(++next)), type), evidence.canonicalUrl(), evidence, "t", NOW);
    }

    static RatingInputs alone(SourceEvidence evidence) {
        return RatingInputs.alone(record(ArtifactType.MODEL, evidence));
    }

    static RatingInputs with(SourceEvidence model, List<SourceEvidence> datasets, List<SourceEvidence> code) {
        return new RatingInputs(record(ArtifactType.MODEL, model),
                datasets.stream().map(d -> record(ArtifactType.DATASET, d)).toList(),
                code.stream().map(c -> record(ArtifactType.CODE, c)).toList(), List.of());
    }

    static Map<String, String> attributes(String... keysAndValues) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
