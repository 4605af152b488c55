package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /health?detailed=true} and {@code /metrics}: real figures that follow the traffic. */
class ObservabilityHttpTest {

    @Test
    void detailedHealthCountsRequestsOutcomesAndLatency() {
        try (TestServer t = TestServer.start()) {
            JsonNode before = t.api.get("/health?detailed=true", null).expect(200).json();
            assertEquals("ok", before.path("status").asText());
            long totalBefore = before.path("requests").path("total").asLong();

            String token = t.api.admin();
            for (int i = 0; i < 6; i++) {
                t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
            }
            t.api.get("/artifacts/model/9999", token).expectError(404);
            t.api.get("/artifacts/model/9999", null).expectError(403);

            JsonNode after = t.api.get("/health?detailed=true", null).expect(200).json();
            JsonNode requests = after.path("requests");
            // the first health call, the login, six enumerations and two failures
            assertEquals(totalBefore + 10, requests.path("total").asLong(), after.toString());
            assertEquals(requests.path("total").asLong(),
                    requests.path("successful").asLong() + requests.path("failed").asLong());
            assertEquals(2, requests.path("client_errors").asLong());
            assertEquals(0, requests.path("server_errors").asLong());
            assertEquals(round(100.0 * 2 / requests.path("total").asLong()),
                    after.path("error_rate_percent").asDouble(), 0.001);

            JsonNode latency = after.path("response_times_ms");
            assertTrue(latency.path("avg").asDouble() > 0, latency.toString());
            assertTrue(latency.path("p95").asDouble() <= latency.path("p99").asDouble());
            assertTrue(latency.path("p99").asDouble() <= latency.path("max").asDouble());
            assertEquals(10, latency.path("samples").asInt() - before.path("response_times_ms").path("samples").asInt());

            JsonNode memory = after.path("system").path("memory");
            assertTrue(memory.path("heap_used_mib").asDouble() > 0 && memory.path("heap_max_mib").asDouble()
                    >= memory.path("heap_used_mib").asDouble(), memory.toString());
            assertTrue(memory.path("resident_mib").asDouble() > 0, memory.toString());
            assertTrue(after.path("system").path("cpu").path("available_processors").asInt() >= 1);
            assertTrue(after.path("system").path("threads").asInt() > 0);

            JsonNode lastHour = after.path("last_hour");
            assertEquals(60, lastHour.size());
            long hourRequests = 0;
            long hourClientErrors = 0;
            for (JsonNode minute : lastHour) {
                hourRequests += minute.path("requests").asLong();
                hourClientErrors += minute.path("client_errors").asLong();
                assertTrue(minute.path("p50_ms").asDouble() <= minute.path("p95_ms").asDouble()
                        && minute.path("p95_ms").asDouble() <= minute.path("p99_ms").asDouble(), minute.toString());
            }
            // the minutes hold the same requests as the counters (this test's server is fresh)
            assertEquals(requests.path("total").asLong(), hourRequests);
            assertEquals(2, hourClientErrors);
            JsonNode busiest = lastHour.get(59).path("requests").asLong() > 0 ? lastHour.get(59) : lastHour.get(58);
            assertTrue(busiest.path("p99_ms").asDouble() > 0, busiest.toString());

            JsonNode top = after.path("top_endpoints").get(0);
            assertEquals("POST", top.path("method").asText());
            assertEquals("/artifacts", top.path("route").asText());
            assertEquals(6, top.path("requests").asLong());
            assertTrue(top.path("avg_ms").asDouble() > 0);
        }
    }

    @Test
    void plainHealthStaysLightAndABadFlagIsA400() {
        try (TestServer t = TestServer.start()) {
            JsonNode plain = t.api.get("/health", null).expect(200).json();
            assertFalse(plain.has("requests"));
            assertFalse(t.api.get("/health?detailed=false", null).expect(200).json().has("requests"));
            t.api.get("/health?detailed=maybe", null).expectError(400);
        }
    }

    @Test
    void prometheusExpositionCarriesPerRouteSeriesThatGrow() {
        try (TestServer t = TestServer.start()) {
            String token = t.api.admin();
            t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
            Api.Reply first = t.api.get("/metrics", null).expect(200);
            assertTrue(first.header("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                    first.header("Content-Type").toString());
            String text = first.text();
            assertTrue(text.contains("# TYPE http_server_requests_seconds summary")
                    || text.contains("# TYPE http_server_requests summary"), text);
            String series = "http_server_route_seconds_count{method=\"POST\",route=\"/artifacts\"}";
            double before = value(text, series);
            assertEquals(1, before, text);
            assertTrue(text.contains("jvm_memory_heap_used"), text);

            t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
            t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
            assertEquals(3, value(t.api.get("/metrics", null).expect(200).text(), series));
        }
    }

    @Test
    void stdoutCarriesOneJsonLinePerRequestAndPeriodicEmbeddedMetrics() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
        try (TestServer t = TestServer.start(java.util.Map.of("REGISTRY_EMF_INTERVAL", "PT0.2S",
                "REGISTRY_EMF_SERVICE", "registry-staging"), java.util.Optional.of(out))) {
            String token = t.api.admin();
            t.api.get("/artifacts/model/424242", token).expectError(404);
            JsonNode emf = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (emf == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
                for (JsonNode line : lines(captured)) {
                    if (line.has("_aws") && line.path("ClientErrors").asLong() >= 1) {
                        emf = line;
                    }
                }
            }
            assertTrue(emf != null, "no EMF line with the 404 in:\n" + captured);
            assertEquals("TrustRegistry", emf.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText());
            // the deployment's own name: two deployments in one account keep their figures apart
            assertEquals("registry-staging", emf.path("Service").asText(), emf.toString());

            JsonNode access = lines(captured).stream()
                    .filter(l -> "request".equals(l.path("type").asText()) && l.path("status").asInt() == 404)
                    .findFirst().orElseThrow();
            assertEquals("GET", access.path("method").asText());
            assertEquals("/artifacts/{type}/{id}", access.path("route").asText());
            assertEquals(io.trustregistry.core.DefaultAdmin.NAME, access.path("user").asText());
            assertFalse(access.path("request_id").asText().isEmpty());
            assertTrue(access.path("latency_ms").isNumber());
            assertFalse(captured.toString(java.nio.charset.StandardCharsets.UTF_8).contains(token.replace("bearer ", "")),
                    "a token reached the log");
        }
    }

    private static java.util.List<JsonNode> lines(java.io.ByteArrayOutputStream captured) throws Exception {
        java.util.List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : captured.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                lines.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
            }
        }
        return lines;
    }

    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(exposition);
        if (!m.find()) {
            throw new AssertionError("no series " + series + " in\n" + exposition);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    @Test
    void madeUpMethodsFoldIntoOneLabelSoNoClientCanGrowTheMetrics() {
        try (TestServer t = TestServer.start()) {
            for (int i = 0; i < 200; i++) {
                t.api.send("GET", "/tracks", null, null);
            }
            int before = t.api.get("/metrics", null).expect(200).text().length();
            for (int i = 0; i < 500; i++) {
                t.api.send("BREW" + i, "/tracks", null, null);
            }
            String after = t.api.get("/metrics", null).expect(200).text();
            assertFalse(after.contains("BREW"), "a made-up method became a label");
            assertTrue(after.length() < before + 4_000, "metrics grew from " + before + " to " + after.length()
                    + " bytes");
            JsonNode health = t.api.get("/health?detailed=true", null).expect(200).json();
            assertFalse(health.toString().contains("BREW"), "a made-up method reached the health figures");
        }
    }

    /**
     * The flood that once grew the heap by 288 MiB in 30,000 requests: made-up methods and paths
     * from many clients. The heap, measured after a collection, rises by less than 16 MiB.
     */
    @Test
    void aFloodOfMadeUpMethodsAndPathsDoesNotGrowTheHeap() throws Exception {
        try (TestServer t = TestServer.start()) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            Runnable flood = () -> {
                for (int i = 0; i < 250; i++) {
                    try {
                        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.server.baseUrl() + "/x"
                                + System.nanoTime())).method("M" + System.nanoTime(),
                                java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
                        answered.incrementAndGet();
                    } catch (java.io.IOException raced) {
                        // a kept-alive connection the server closed as it was reused: the flood goes on
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            };
            flood.run(); // warm up: classes, pools, buffers
            long before = usedHeapAfterGc();
            io.trustregistry.testkit.Concurrently.run(8, () -> {
                for (int round = 0; round < 10; round++) {
                    flood.run();
                }
                return null;
            });
            long rise = usedHeapAfterGc() - before;
            assertTrue(answered.get() > 19_000, "only " + answered.get() + " of 20,250 requests were answered");
            assertTrue(rise < 16L << 20, "20,000 made-up requests grew the heap by " + (rise >> 20) + " MiB");
            assertTrue(t.api.get("/metrics", null).expect(200).text().length() < 64_000, "the metrics grew");
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
