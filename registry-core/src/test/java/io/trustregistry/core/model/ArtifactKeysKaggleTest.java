package io.trustregistry.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Kaggle datasets are findable as {@code kaggle:owner/slug}, and Kaggle URLs reference them so. */
class ArtifactKeysKaggleTest {

    private static ArtifactRecord kaggleDataset() {
        SourceEvidence evidence = SourceEvidence.builder(SourceKind.KAGGLE_DATASET,
                "https://www.kaggle.com/datasets/UCIML/Iris", "Iris").hubId("UCIML/Iris").build();
        return ArtifactRecord.registered(new ArtifactMetadata(new ArtifactName("Iris"), new ArtifactId("1"),
                ArtifactType.DATASET), evidence.canonicalUrl(), evidence, "tester", Instant.EPOCH);
    }

    @Test
    void aKaggleDatasetIsKnownByItsNamespacedRef() {
        Set<String> keys = ArtifactKeys.identityKeys(kaggleDataset());
        assertTrue(keys.contains("kaggle:uciml/iris"), keys.toString());
        assertTrue(keys.contains("url:https://www.kaggle.com/datasets/uciml/iris"), keys.toString());
        assertFalse(keys.contains("kaggle:iris"), "a slug alone is not unique on Kaggle: " + keys);
    }

    @Test
    void aKaggleReferenceInAnyCaseFindsTheDataset() {
        Set<String> identity = ArtifactKeys.identityKeys(kaggleDataset());
        for (SourceReference reference : new SourceReference[] {new SourceReference.Kaggle("uciml", "iris"),
                new SourceReference.Kaggle("UCIML", "Iris")}) {
            Set<String> keys = ArtifactKeys.datasetKeys(reference);
            assertEquals("kaggle:uciml/iris", keys.iterator().next(), reference.toString());
            assertTrue(keys.stream().anyMatch(identity::contains), reference.toString());
        }
        assertFalse(ArtifactKeys.datasetKeys(new SourceReference.Kaggle("other", "iris")).stream()
                .filter(k -> k.startsWith("kaggle:")).anyMatch(identity::contains));
    }
}
