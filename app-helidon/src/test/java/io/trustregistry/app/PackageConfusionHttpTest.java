package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.testkit.HubFixtures;

/**
 * {@code POST /artifacts/PackageConfusionAudit} in the contract's shape: each suspect with its id,
 * name, source URL and the evidence (an object) of what it imitates; popular models are not suspects.
 */
class PackageConfusionHttpTest {

    private static HubFixtures.Model model(String hubId, long downloads) {
        return new HubFixtures.Model(hubId, "# " + hubId + "\n", Optional.of("apache-2.0"),
                Map.of("model.safetensors", 1024L), List.of(), List.of(), downloads, 0, Optional.empty());
    }

    @Test
    void anUnpopularLookAlikeOfAPopularModelIsSuspectedWithItsEvidence() {
        try (TestServer t = TestServer.start()) {
            t.hub.addModel(model("google-bert/bert-base-uncased", 50_000_000));
            t.hub.addModel(model("g00gle/bert-base-uncassed", 12));
            t.hub.addModel(model("openai/whisper-tiny", 9_000_000));
            String token = t.api.admin();
            String real = t.api.register(token, "model", "https://huggingface.co/google-bert/bert-base-uncased");
            String typo = t.api.register(token, "model", "https://huggingface.co/g00gle/bert-base-uncassed");
            t.api.register(token, "model", "https://huggingface.co/openai/whisper-tiny");

            JsonNode audit = t.api.post("/artifacts/PackageConfusionAudit", token, null).expect(200).json();

            List<String> suspected = new ArrayList<>();
            audit.path("suspected").forEach(s -> suspected.add(s.path("artifact_id").asText()));
            assertEquals(List.of(typo), suspected, audit.toString());
            JsonNode suspect = audit.path("suspected").get(0);
            assertEquals("bert-base-uncassed", suspect.path("name").asText());
            assertEquals("https://huggingface.co/g00gle/bert-base-uncassed", suspect.path("source_url").asText());
            assertTrue(suspect.path("metadata").isObject(), suspect.toString());
            assertEquals(real, suspect.path("metadata").path("imitates_artifact_id").asText(), suspect.toString());
        }
    }

    @Test
    void anEmptyRegistryHasNoSuspectsAndTheAuditNeedsAToken() {
        try (TestServer t = TestServer.start()) {
            JsonNode audit = t.api.post("/artifacts/PackageConfusionAudit", t.api.admin(), null).expect(200).json();
            assertEquals(0, audit.path("suspected").size(), audit.toString());
            t.api.post("/artifacts/PackageConfusionAudit", null, null).expectError(403);
        }
    }
}
