package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.testkit.Concurrently;

/**
 * Two registry servers on one PostgreSQL schema and one S3 bucket, as several Fargate tasks
 * behind a load balancer: either answers the same, concurrent writes through both lose
 * nothing, and a token's call limit is counted across both.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutTest {

    private final Backends.Shared shared = Backends.Shared.fresh();
    private TestServer a;
    private TestServer b;

    @BeforeAll
    void start() {
        Map<String, String> env = new HashMap<>(shared.env());
        env.put("REGISTRY_TOKEN_MAX_USES", "1000");
        a = TestServer.start(env);
        b = TestServer.start(env);
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        shared.drop();
    }

    @Test
    void eitherServerGivesTheSameAnswers() {
        String token = a.api.admin();
        String model = a.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        String data = b.api.register(token, "dataset", "https://huggingface.co/datasets/acme/tiny-data");
        for (String path : List.of("/artifacts/model/" + model, "/artifacts/dataset/" + data,
                "/artifact/model/" + model + "/rate", "/artifact/model/" + model + "/cost?dependency=true",
                "/artifact/model/" + model + "/lineage", "/artifact/byName/tiny-model")) {
            JsonNode fromA = a.api.get(path, token).expect(200).json();
            JsonNode fromB = b.api.get(path, token).expect(200).json();
            assertEquals(strip(fromA), strip(fromB), path);
        }
        assertEquals(a.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json(),
                b.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json());
        byte[] zipA = a.api.get("/artifacts/model/" + model + "/download", token).expect(200).response().body();
        byte[] zipB = b.api.get("/artifacts/model/" + model + "/download", token).expect(200).response().body();
        assertEquals(java.util.Arrays.hashCode(zipA), java.util.Arrays.hashCode(zipB), "identical bytes from S3");
    }

    /** download_url names the server that answered; everything else must be equal. */
    private static JsonNode strip(JsonNode node) {
        if (node.has("data") && node.path("data").has("download_url")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("data")).remove("download_url");
        }
        return node;
    }

    @Test
    void concurrentUpdatesThroughBothServersLoseNothing() throws Exception {
        String token = a.api.admin();
        String id = a.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        String body = "{\"metadata\":{\"name\":\"tiny-model\",\"id\":\"" + id + "\",\"type\":\"model\"},"
                + "\"data\":{\"url\":\"https://huggingface.co/acme/tiny-model\"}}";
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger turn = new AtomicInteger();
        Concurrently.run(6, () -> {
            TestServer server = turn.incrementAndGet() % 2 == 0 ? a : b;
            for (int i = 0; i < 3; i++) {
                int status = server.api.put("/artifacts/model/" + id, token, body).status();
                if (status == 200) {
                    applied.incrementAndGet();
                } else if (status == 409) {
                    refused.incrementAndGet();
                } else {
                    throw new AssertionError("unexpected status " + status);
                }
            }
            return null;
        });
        assertEquals(18, applied.get() + refused.get());
        assertTrue(applied.get() >= 1);
        List<String> actions = new ArrayList<>();
        b.api.get("/artifact/model/" + id + "/audit", token).expect(200).json()
                .forEach(e -> actions.add(e.path("action").asText()));
        assertEquals(applied.get(), actions.stream().filter("UPDATE"::equals).count(),
                "every applied update is recorded, and only those");
    }

    /**
     * Exactly the token's calls are served across two servers, and none refused for want of a
     * database connection, with 64 clients at once (a pool wait shorter than a burst's queue once
     * answered 503 "Connection is not available" to calls that should have been served).
     */
    @Test
    void aTokensThousandCallsAreServedExactlyUnderSixtyFourClients() throws Exception {
        Map<String, String> env = new HashMap<>(shared.env());
        env.put("REGISTRY_USER_RATE", "0"); // the token's count is under test, not the fair-use rate
        Map<Integer, Integer> statuses = callsAcrossTwoServers(env, 64, 17);
        assertEquals(1000, statuses.getOrDefault(404, 0), "calls served: exactly the token's limit");
        assertEquals(64 * 17 - 1000, statuses.getOrDefault(403, 0));
        assertEquals(2, statuses.size(), "answers other than served (404) or over the limit (403): " + statuses);
    }

    @Test
    void aTokensCallLimitIsCountedAcrossServers() throws Exception {
        Map<String, String> env = new HashMap<>(shared.env());
        env.put("REGISTRY_TOKEN_MAX_USES", "30");
        Map<Integer, Integer> statuses = callsAcrossTwoServers(env, 8, 6);
        assertEquals(30, statuses.getOrDefault(404, 0));
        assertEquals(18, statuses.getOrDefault(403, 0));
    }

    /**
     * One token's calls from {@code clients} clients at once, {@code each} apiece, alternating
     * between two servers on the shared database; answers counted by status.
     */
    private Map<Integer, Integer> callsAcrossTwoServers(Map<String, String> env, int clients, int each)
            throws Exception {
        try (TestServer c = TestServer.start(env); TestServer d = TestServer.start(env)) {
            String token = c.api.admin();
            Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicInteger turn = new AtomicInteger();
            Concurrently.run(clients, () -> {
                for (int i = 0; i < each; i++) {
                    TestServer server = turn.incrementAndGet() % 2 == 0 ? c : d;
                    statuses.merge(server.api.get("/artifact/byName/none", token).status(), 1, Integer::sum);
                }
                return null;
            });
            return statuses;
        }
    }
}
