package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.testkit.HubFixtures;

/**
 * {@code GET /artifact/{type}/{id}/cost} and {@code GET /artifact/model/{id}/lineage} on their
 * own, in the shapes of the contract's {@code ArtifactCost} and {@code ArtifactLineageGraph}
 * (the end-to-end session checks them on linked artifacts).
 */
class CostAndLineageHttpTest {

    private static final String README = "# Alone\n\nNo datasets, no base model.\n";

    @Test
    void anArtifactWithoutDependenciesCostsItsOwnSizeWithOrWithoutThem() {
        try (TestServer t = TestServer.start()) {
            t.hub.addModel(new HubFixtures.Model("acme/alone", README, Optional.of("mit"),
                    Map.of("model.safetensors", 2L * 1024 * 1024), List.of(), List.of(), 1, 0, Optional.empty()));
            String token = t.api.admin();
            String id = t.api.register(token, "model", "https://huggingface.co/acme/alone");
            // the weights and the README the Hub lists beside them, in MB
            double mb = (2L * 1024 * 1024 + README.getBytes(StandardCharsets.UTF_8).length) / 1024.0 / 1024.0;

            JsonNode alone = t.api.get("/artifact/model/" + id + "/cost", token).expect(200).json();
            assertEquals(1, alone.size(), alone.toString());
            assertEquals(mb, alone.path(id).path("total_cost").asDouble(), 1e-6);
            assertFalse(alone.path(id).has("standalone_cost"), "standalone_cost only with dependency=true");

            JsonNode closure = t.api.get("/artifact/model/" + id + "/cost?dependency=true", token).expect(200).json();
            assertEquals(1, closure.size(), closure.toString());
            assertEquals(mb, closure.path(id).path("standalone_cost").asDouble(), 1e-6);
            assertEquals(mb, closure.path(id).path("total_cost").asDouble(), 1e-6);

            JsonNode lineage = t.api.get("/artifact/model/" + id + "/lineage", token).expect(200).json();
            assertEquals(1, lineage.path("nodes").size(), lineage.toString());
            JsonNode node = lineage.path("nodes").get(0);
            assertEquals(id, node.path("artifact_id").asText());
            assertEquals("alone", node.path("name").asText());
            assertTrue(node.path("metadata").isObject(), node.toString());
            assertEquals(0, lineage.path("edges").size(), lineage.toString());
        }
    }

    @Test
    void aDatasetCostsItsFilesUnderItsOwnType() {
        try (TestServer t = TestServer.start()) {
            String token = t.api.admin();
            String id = t.api.register(token, "dataset", "https://huggingface.co/datasets/acme/tiny-data");
            double mb = HubFixtures.standard().datasets().get(0).files().values().stream().mapToLong(Long::longValue)
                    .sum() / 1024.0 / 1024.0;
            JsonNode cost = t.api.get("/artifact/dataset/" + id + "/cost", token).expect(200).json();
            assertEquals(mb, cost.path(id).path("total_cost").asDouble(), 1e-6);
            t.api.get("/artifact/model/" + id + "/cost", token).expectError(404);
        }
    }

    @Test
    void aFineTunedModelsLineageHasAnEdgeFromItsBaseThatSaysHow() {
        try (TestServer t = TestServer.start()) {
            String token = t.api.admin();
            String base = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
            String derived = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model-finetuned");
            JsonNode lineage = t.api.get("/artifact/model/" + derived + "/lineage", token).expect(200).json();
            assertEquals(1, lineage.path("edges").size(), lineage.toString());
            JsonNode edge = lineage.path("edges").get(0);
            assertEquals(base, edge.path("from_node_artifact_id").asText());
            assertEquals(derived, edge.path("to_node_artifact_id").asText());
            assertFalse(edge.path("relationship").asText().isBlank(), edge.toString());
            for (JsonNode node : lineage.path("nodes")) {
                assertTrue(node.path("source").isTextual() && !node.path("source").asText().isBlank(), node.toString());
            }
        }
    }
}
