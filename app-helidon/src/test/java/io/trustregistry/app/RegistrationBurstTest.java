package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * The Fargate task's heap (-Xmx307m of 512 MiB) carries a burst of 100 concurrent registrations
 * on PostgreSQL and S3 by queueing them: every one is answered, none with a 5xx, and the server
 * lives on. (Unbounded, each S3 upload held an 8 MiB part buffer: 12 at once killed this heap.)
 */
@Tag("e2e")
class RegistrationBurstTest {

    private static final int REGISTRATIONS = 100;

    @TempDir
    Path data;

    @Test
    void aHundredConcurrentRegistrationsOnTheFargateHeapAreAllAnswered() throws Exception {
        Backends.Shared shared = Backends.Shared.fresh();
        try (FakeHub hub = FakeHub.start()) {
            for (int i = 0; i < REGISTRATIONS; i++) {
                hub.addModel(new HubFixtures.Model("acme/burst-" + i, "# burst " + i + "\n", Optional.of("mit"),
                        HubFixtures.withReadme(Map.of("model.safetensors", 1L << 20, "config.json", 300L),
                                "# burst " + i + "\n"), List.of(), List.of(), 1, 0, Optional.empty()));
            }
            ServerProcess server = ServerProcess.start("307m", hub, data, shared.env());
            try {
                int port = server.port;
                Api api = server.api;
                String token = api.admin();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                Map<Integer, Integer> statuses = new TreeMap<>();
                try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<Integer>> answers = new ArrayList<>();
                    for (int i = 0; i < REGISTRATIONS; i++) {
                        String url = "https://huggingface.co/acme/burst-" + i;
                        answers.add(clients.submit(() -> http.send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/artifact/model"))
                                .header("X-Authorization", token).header("Content-Type", "application/json")
                                .timeout(Duration.ofMinutes(3))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode()));
                    }
                    for (Future<Integer> answer : answers) {
                        statuses.merge(answer.get(4, TimeUnit.MINUTES), 1, Integer::sum);
                    }
                }
                assertEquals(Map.of(201, REGISTRATIONS), statuses, "status -> registrations");
                assertTrue(server.isAlive(), "the server survived the burst");
                assertEquals(REGISTRATIONS, api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json().size());
            } finally {
                server.close();
                assertFalse(server.log().contains("OutOfMemoryError"), server.log());
                shared.drop();
            }
        }
    }
}
