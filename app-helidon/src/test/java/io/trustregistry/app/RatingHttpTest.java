package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.testkit.CalibrationFixtures;
import io.trustregistry.testkit.Concurrently;
import io.trustregistry.testkit.HubFixtures;

/** {@code GET /artifact/model/{id}/rate} end to end: complete, stable, discriminating, gated. */
class RatingHttpTest {

    static final List<String> SCORES = List.of("net_score", "ramp_up_time", "bus_factor", "performance_claims",
            "license", "dataset_and_code_score", "dataset_quality", "code_quality", "reproducibility", "reviewedness",
            "tree_score");

    /** Asserts the contract's ModelRating shape: every field present, typed and in range. */
    static void assertComplete(JsonNode rating) {
        assertTrue(rating.path("name").isTextual() && rating.path("category").isTextual(), rating.toString());
        for (String score : SCORES) {
            JsonNode value = rating.get(score);
            assertTrue(value != null && value.isNumber(), score + " in " + rating);
            double min = score.equals("reviewedness") ? -1 : 0;
            assertTrue(value.asDouble() >= min && value.asDouble() <= 1, score + "=" + value);
            JsonNode latency = rating.get(score + "_latency");
            assertTrue(latency != null && latency.isNumber() && latency.asDouble() >= 0, score + "_latency");
        }
        for (String device : List.of("raspberry_pi", "jetson_nano", "desktop_pc", "aws_server")) {
            JsonNode value = rating.path("size_score").get(device);
            assertTrue(value != null && value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 1, device);
        }
        assertTrue(rating.path("size_score_latency").isNumber());
    }

    @Test
    void anExcellentModelScoresWellAboveAPoorOne() {
        try (TestServer t = TestServer.start()) {
            t.hub.add(CalibrationFixtures.all());
            t.hub.addModel(new HubFixtures.Model("nobody/huge-and-bare", "", Optional.empty(),
                    Map.of("model-00001-of-00004.safetensors", 10_000_000_000L,
                            "model-00002-of-00004.safetensors", 10_000_000_000L,
                            "model-00003-of-00004.safetensors", 10_000_000_000L,
                            "model-00004-of-00004.safetensors", 10_000_000_000L),
                    List.of(), List.of(), 3, 0, Optional.empty(), List.of("nobody"), 0));
            String token = t.api.admin();
            t.api.register(token, "dataset", "https://huggingface.co/datasets/bookcorpus/bookcorpus");
            t.api.register(token, "code", "https://github.com/google-research/bert");
            String excellent = t.api.register(token, "model", "https://huggingface.co/google-bert/bert-base-uncased");
            String poor = t.api.register(token, "model", "https://huggingface.co/nobody/huge-and-bare");
            JsonNode good = t.api.get("/artifact/model/" + excellent + "/rate", token).expect(200).json();
            JsonNode bad = t.api.get("/artifact/model/" + poor + "/rate", token).expect(200).json();
            assertComplete(good);
            assertComplete(bad);
            assertTrue(good.path("net_score").asDouble() >= 0.85, good.toString());
            assertTrue(bad.path("net_score").asDouble() <= 0.35, bad.toString());
            assertEquals(0.0, bad.path("size_score").path("desktop_pc").asDouble());
            assertEquals(0.0, bad.path("license").asDouble());
            assertEquals(-1.0, bad.path("reviewedness").asDouble());
            assertEquals("fill-mask", good.path("category").asText());
        }
    }

    @Test
    void ratingsAreCompleteEvenWhenUpstreamCallsFail() {
        try (TestServer t = TestServer.start()) {
            t.hub.failNext("/acme/tiny-model/resolve", 503, 1_000);
            t.hub.failNext("/api/models/acme/tiny-model/commits", 503, 1_000);
            String token = t.api.admin();
            String id = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
            JsonNode rating = t.api.get("/artifact/model/" + id + "/rate", token).expect(200).json();
            assertComplete(rating);
            assertEquals(0.0, rating.path("bus_factor").asDouble(), "no history: no credit");
        }
    }

    @Test
    void thirtyRegistrationsThenConcurrentRatesAllMatchTheSnapshot() throws Exception {
        try (TestServer t = TestServer.start()) {
            t.hub.add(CalibrationFixtures.all());
            String token = t.api.admin();
            List<String> urls = List.of("https://huggingface.co/google-bert/bert-base-uncased",
                    "https://huggingface.co/openai/whisper-tiny", "https://huggingface.co/parvk11/audience_classifier_model");
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            Concurrently.run(10, () -> {
                for (int i = 0; i < 3; i++) {
                    ids.add(t.api.register(token, "model", urls.get((ids.size() + i) % urls.size())));
                }
                return null;
            });
            assertEquals(30, ids.size());
            assertTrue(System.nanoTime() - started < 30_000_000_000L, "30 registrations took too long");
            Map<String, JsonNode> snapshot = new HashMap<>();
            for (String id : ids) {
                snapshot.put(id, t.api.get("/artifact/model/" + id + "/rate", token).expect(200).json());
            }
            Concurrently.run(10, () -> {
                for (String id : ids) {
                    JsonNode rating = t.api.get("/artifact/model/" + id + "/rate", token).expect(200).json();
                    assertComplete(rating);
                    assertEquals(snapshot.get(id), rating, "rating of " + id + " changed between reads");
                }
                return null;
            });
        }
    }

    @Test
    void theGateRefusesPoorModelsWith424AndStoresNothing() {
        try (TestServer t = TestServer.start(Map.of("REGISTRY_RATING_GATE", "true"))) {
            t.hub.add(CalibrationFixtures.all());
            String token = t.api.admin();
            Api.Reply refused = t.api.post("/artifact/model", token,
                    "{\"url\":\"https://huggingface.co/parvk11/audience_classifier_model\"}").expectError(424);
            assertTrue(refused.json().path("message").asText().contains("license"), refused.text());
            assertEquals(0, t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json().size());
        }
    }
}
