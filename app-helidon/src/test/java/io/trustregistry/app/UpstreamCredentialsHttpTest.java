package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trustregistry.testkit.HubFixtures;
import io.trustregistry.testkit.ModelVariant;

/**
 * The registry's own upstream credentials and the upstreams' rate limits, through HTTP: a
 * token goes to its hub only (never to the CDN the Hub redirects LFS files to), a revoked
 * token is the operator's problem (503, and {@code /health/components} says so), and a rate
 * limit is waited out when it resets soon or answered 503 with {@code Retry-After}.
 */
@Tag("e2e")
class UpstreamCredentialsHttpTest {

    private static final String HF_TOKEN = "hf_registry_test_token";
    private TestServer t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static HubFixtures.Model weights(String id) {
        String readme = "# " + id + "\n";
        return new HubFixtures.Model(id, readme, Optional.of("mit"), HubFixtures.withReadme(Map.of("config.json", 100L,
                "model.safetensors", 2_500_000L), readme), List.of(), List.of(), 10, 1, Optional.empty());
    }

    private Api.Reply register(String token, String url) {
        return t.api.post("/artifact/model", token, "{\"url\":" + Api.quote(url) + "}");
    }

    @Test
    void theTokenOpensAGatedRepositoryButNeverReachesTheCdn() {
        t = TestServer.start(Map.of("HF_TOKEN", HF_TOKEN));
        t.hub.grantGatedAccess(HF_TOKEN);
        t.hub.addModel(weights("acme/gated-weights"), ModelVariant.plain().gated("auto"));
        String token = t.api.admin();
        JsonNode created = register(token, "https://huggingface.co/acme/gated-weights").expect(201).json();
        assertFalse(created.has("ingest"), "everything was fetched: " + created);
        assertEquals(Optional.of("Bearer " + HF_TOKEN), t.hub.lastHeader("/api/models/acme/gated-weights",
                "Authorization"));
        assertTrue(t.hub.callsTo("cdn:") > 0, "the weights came from the CDN");
        assertFalse(t.hub.anyRequestCarried("cdn:", "Authorization"), "a token reached the CDN");
        String id = created.path("metadata").path("id").asText();
        Api.Reply weights = t.api.get("/artifacts/model/" + id + "/download?file=model.safetensors", token);
        assertEquals(200, weights.status(), weights.text());
        assertEquals(2_500_000, weights.response().body().length);
    }

    @Test
    void aRevokedTokenIsTheOperatorsProblemAndHealthSaysSo() {
        t = TestServer.start(Map.of("HF_TOKEN", HF_TOKEN));
        t.hub.revokeToken(HF_TOKEN);
        t.hub.addModel(weights("acme/public-model"));
        Api.Reply reply = register(t.api.admin(), "https://huggingface.co/acme/public-model").expectError(503);
        assertTrue(reply.json().path("message").asText().contains("HF_TOKEN"), reply.text());
        JsonNode components = t.api.get("/health/components", null).expect(200).json().path("components");
        JsonNode hub = null;
        for (JsonNode component : components) {
            if (component.path("id").asText().equals("hub-huggingface")) {
                hub = component;
            }
        }
        assertTrue(hub != null, components.toString());
        assertEquals("rejected", hub.path("metrics").path("credentials").asText(), hub.toString());
        assertTrue(hub.toString().contains("credentials_rejected"), hub.toString());
    }

    @Test
    void aRateLimitThatResetsLaterThanTheRegistryWaitsIsA503WithRetryAfter() {
        t = TestServer.start(Map.of("REGISTRY_HUB_RATE_LIMIT_WAIT", "PT1S"));
        t.hub.addModel(weights("acme/popular"));
        String token = t.api.admin();
        t.hub.limitHub(1, 300);
        Api.Reply reply = register(token, "https://huggingface.co/acme/popular").expectError(503);
        assertTrue(reply.json().path("message").asText().contains("rate-limiting"), reply.text());
        long retryAfter = Long.parseLong(reply.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 200 && retryAfter <= 300, "Retry-After " + retryAfter);
    }

    @Test
    void aRateLimitThatResetsSoonIsWaitedOut() {
        t = TestServer.start(Map.of());
        t.hub.addModel(weights("acme/soon"));
        String token = t.api.admin();
        t.hub.limitHub(2, 2);
        register(token, "https://huggingface.co/acme/soon").expect(201);
    }

    @Test
    void gitHubsSecondaryRateLimitIsWaitedOut() {
        t = TestServer.start(Map.of());
        String token = t.api.admin();
        t.hub.gitHubSecondaryLimit(1, 1);
        register(token, "https://github.com/acme/tiny-code").expect(201);
    }
}
