package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trustregistry.testkit.HubFixtures;

/**
 * Catastrophic regexes cannot starve everyone else: with eight clients searching a long README
 * with {@code (a?){100}a{100}b} non-stop (each search scans 200 KB, near a second of CPU), other
 * requests' median latency stays within twice its idle value (regex searches run on at most half
 * the cores, each within its time budget).
 */
@Tag("e2e")
class RegexStarvationTest {

    @Test
    void concurrentCatastrophicSearchesLeaveOtherRequestsFast() throws Exception {
        // one flooding user: the per-user rate limit is off so that the regex bound alone is tested
        try (TestServer t = TestServer.start(Map.of("REGISTRY_TOKEN_MAX_USES", "1000000", "REGISTRY_USER_RATE", "0"))) {
            String readme = "# long\n" + "a".repeat(200_000) + "\n";
            t.hub.addModel(new HubFixtures.Model("acme/long-readme", readme, Optional.of("mit"),
                    HubFixtures.withReadme(Map.of("config.json", 300L), readme), List.of(), List.of(), 1, 0,
                    Optional.empty()));
            String token = t.api.admin();
            t.api.register(token, "model", "https://huggingface.co/acme/long-readme");
            t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
            long idle = medianEnumerationMicros(t, token, 40);
            AtomicBoolean flooding = new AtomicBoolean(true);
            long loaded;
            try (ExecutorService attackers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 8; i++) {
                    attackers.submit(() -> {
                        while (flooding.get()) {
                            t.api.post("/artifact/byRegEx", token, "{\"regex\":\"(a?){100}a{100}b\"}");
                        }
                        return null;
                    });
                }
                Thread.sleep(500);
                loaded = medianEnumerationMicros(t, token, 40);
                flooding.set(false);
            }
            assertTrue(loaded <= Math.max(2 * idle, idle + 20_000), "median enumeration " + loaded
                    + " us under the regex flood, " + idle + " us idle");
        }
    }

    private static long medianEnumerationMicros(TestServer t, String token, int samples) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
            micros.add((System.nanoTime() - started) / 1_000);
        }
        micros.sort(Long::compare);
        return micros.get(samples / 2);
    }
}
