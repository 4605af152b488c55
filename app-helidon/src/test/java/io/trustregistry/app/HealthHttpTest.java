package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /health} and {@code /health/components}: real per-component data that follows traffic. */
class HealthHttpTest {

    @Test
    void livenessNeedsNoTokenAndSaysOk() {
        try (TestServer t = TestServer.start()) {
            JsonNode health = t.api.get("/health", null).expect(200).json();
            assertEquals("ok", health.path("status").asText());
            assertTrue(health.has("checked_at") && health.has("uptime_seconds") && health.has("version"));
        }
    }

    @Test
    void componentsReportEachDependencyAndTheTraffic() {
        try (TestServer t = TestServer.start()) {
            JsonNode before = t.api.get("/health/components?windowMinutes=5", null).expect(200).json();
            assertEquals(5, before.path("window_minutes").asInt());
            assertTrue(before.has("generated_at"));
            assertEquals(List.of("api", "catalog", "blob-store", "hub-huggingface", "hub-github", "hub-kaggle", "monitors"),
                    ids(before));
            // open to everyone: nothing about the machine's insides
            String text = before.toString();
            assertTrue(!text.contains(t.dataDirectory.toString()) && !text.contains("free_bytes")
                    && !text.contains("Exception"), text);
            for (JsonNode component : before.path("components")) {
                assertTrue(List.of("ok", "degraded", "critical", "unknown").contains(component.path("status").asText()));
                assertTrue(component.has("observed_at") && component.path("metrics").isObject()
                        && component.path("issues").isArray(), component.toString());
                String id = component.path("id").asText();
                if (id.equals("monitors")) {
                    // this server's REGISTRY_MONITOR_NODE is the default "node" (Node 20 here, or none): it says why
                    assertTrue(component.path("status").asText().equals("ok")
                            || component.path("issues").get(0).path("details").asText().contains("REGISTRY_MONITOR_"),
                            component.toString());
                } else if (!id.equals("api")) {
                    assertEquals("ok", component.path("status").asText(), component.toString());
                }
            }
            long requestsBefore = component(before, "api").path("metrics").path("total_requests").asLong();
            String token = t.api.admin();
            for (int i = 0; i < 5; i++) {
                t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
            }
            t.api.get("/artifacts/model/invalidId", token).expect(404);
            JsonNode after = t.api.get("/health/components?includeTimeline=true", null).expect(200).json();
            JsonNode api = component(after, "api");
            assertTrue(api.path("metrics").path("total_requests").asLong() >= requestsBefore + 7, api.toString());
            assertEquals(5, api.path("metrics").path("requests POST /artifacts").asLong(), api.toString());
            assertTrue(api.path("metrics").path("client_errors").asLong() >= 1);
            assertEquals(60, api.path("timeline").size());
            assertTrue(api.path("timeline").get(59).path("value").asLong() >= 7);
        }
    }

    @Test
    void anUnreachableHubIsReportedCritical() {
        try (TestServer t = TestServer.start(java.util.Map.of("GITHUB_API_URL", "http://127.0.0.1:1"))) {
            JsonNode components = t.api.get("/health/components", null).expect(200).json();
            JsonNode github = component(components, "hub-github");
            assertEquals("critical", github.path("status").asText());
            assertEquals("unreachable", github.path("issues").get(0).path("code").asText());
            assertEquals("ok", component(components, "hub-huggingface").path("status").asText());
            String token = t.api.admin();
            t.api.post("/artifact/code", token, "{\"url\":\"https://github.com/acme/tiny-code\"}").expectError(502);
        }
    }

    private static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("components").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static JsonNode component(JsonNode report, String id) {
        for (JsonNode c : report.path("components")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no component " + id + " in " + report);
    }
}
