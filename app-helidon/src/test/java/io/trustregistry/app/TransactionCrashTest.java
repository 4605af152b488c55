package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * A server killed (SIGKILL: no shutdown hook) while it executes a transaction leaves, once it is
 * started again, all of the transaction or none of it, on the filesystem and on PostgreSQL + S3;
 * the transaction itself is then settled as committed or failed to match.
 */
@Tag("e2e")
class TransactionCrashTest {

    private static final String MODEL = "https://huggingface.co/acme/tiny-model";
    private static final String CODE = "https://github.com/acme/tiny-code";
    private static final String DATASET = "https://huggingface.co/datasets/acme/tiny-data";

    @TempDir
    Path work;

    private static Set<String> everything(ServerProcess server, String token) {
        Set<String> names = new TreeSet<>();
        for (JsonNode a : server.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json()) {
            names.add(a.path("type").asText() + ":" + a.path("name").asText() + ":" + a.path("id").asText());
        }
        return names;
    }

    private static String command(String action, String type, String field, String value) {
        return "{\"action\":\"" + action + "\",\"type\":\"" + type + "\",\"" + field + "\":" + Api.quote(value) + "}";
    }

    /** A transaction that registers a model and code and, if given one, deletes a dataset, ready to execute. */
    private static String prepare(ServerProcess server, String admin, String datasetId) {
        String tx = server.api.post("/transactions", admin, null).expect(201).json().path("id").asText();
        server.api.post("/transactions/" + tx + "/commands", admin, command("register", "model", "url", MODEL)).expect(201);
        server.api.post("/transactions/" + tx + "/commands", admin, command("register", "code", "url", CODE)).expect(201);
        if (datasetId != null) {
            server.api.post("/transactions/" + tx + "/commands", admin, command("delete", "dataset", "id", datasetId))
                    .expect(201);
        }
        return tx;
    }

    /** Waits out the execution lease, then reads how the transaction was settled. */
    private static String settledState(ServerProcess server, String admin, String tx) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String state = server.api.get("/transactions/" + tx, admin).expect(200).json().path("state").asText();
            if (!state.equals("executing")) {
                return state;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("transaction " + tx + " was never settled");
    }

    private void killDuringExecuteAndRestart(Map<String, String> backend, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (FakeHub hub = FakeHub.serving(HubFixtures.standard())) {
            // the test servers' settings (small bundles: the fixtures' large files are left upstream)
            Map<String, String> env = new HashMap<>(TestServer.environment(hub));
            env.putAll(backend);
            env.put("REGISTRY_TRANSACTION_LEASE", "PT2S");
            Set<String> before;
            String datasetId;
            String slowTx;
            String[] racedTxs = new String[1];
            ServerProcess server = ServerProcess.start("256m", hub, dir, env);
            try {
                String admin = server.api.admin();
                datasetId = server.api.register(admin, "dataset", DATASET);
                before = everything(server, admin);
                slowTx = prepare(server, admin, datasetId);
                // the hub answers slowly, so the execution is surely in its prepare phase when the kill comes
                hub.setLatencyMillis(500);
                int calls = hub.totalCalls();
                CompletableFuture.runAsync(() -> {
                    try {
                        server.api.post("/transactions/" + slowTx + "/execute", admin, null);
                    } catch (RuntimeException cut) {
                        // the connection dies with the server
                    }
                });
                for (int i = 0; i < 100 && hub.totalCalls() < calls + 2; i++) {
                    Thread.sleep(50);
                }
                assertTrue(hub.totalCalls() >= calls + 2, "the execution never reached the hub");
                server.kill();
            } finally {
                server.close();
            }
            hub.setLatencyMillis(0);

            ServerProcess restarted = ServerProcess.start("256m", hub, dir, env);
            try {
                String admin = restarted.api.admin();
                assertEquals(before, everything(restarted, admin), "a kill before the commit leaves none of it");
                assertEquals("failed", settledState(restarted, admin, slowTx));
                String reason = restarted.api.get("/transactions/" + slowTx, admin).expect(200).json().path("failure")
                        .path("reason").asText();
                assertTrue(reason.contains("stopped before the commit"), reason);
                for (int i = 0; i < racedTxs.length; i++) {
                    racedTxs[i] = prepare(restarted, admin, null);
                }
            } finally {
                restarted.close();
            }

            // kills at random moments of fast executions: whatever the moment, all or nothing
            for (String tx : racedTxs) {
                ServerProcess victim = ServerProcess.start("256m", hub, dir, env);
                Set<String> state;
                try {
                    String admin = victim.api.admin();
                    state = everything(victim, admin);
                    CompletableFuture.runAsync(() -> {
                        try {
                            victim.api.post("/transactions/" + tx + "/execute", admin, null);
                        } catch (RuntimeException cut) {
                            // the connection dies with the server
                        }
                    });
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 400));
                    victim.kill();
                } finally {
                    victim.close();
                }
                ServerProcess after = ServerProcess.start("256m", hub, dir, env);
                try {
                    String admin = after.api.admin();
                    String settled = settledState(after, admin, tx);
                    Set<String> now = everything(after, admin);
                    if (settled.equals("committed")) {
                        Set<String> added = new TreeSet<>(now);
                        added.removeAll(state);
                        assertTrue(now.containsAll(state) && added.size() == 2
                                        && added.stream().anyMatch(a -> a.startsWith("model:tiny-model:"))
                                        && added.stream().anyMatch(a -> a.startsWith("code:tiny-code:")),
                                "committed means all of it: " + state + " -> " + now);
                    } else {
                        // killed before the execute request arrived, the transaction is still open
                        assertTrue(settled.equals("failed") || settled.equals("open"), tx + " " + settled);
                        assertEquals(state, now, "failed means none of it");
                    }
                } finally {
                    after.close();
                }
            }
        }
    }

    @Test
    void onTheFilesystem() throws Exception {
        killDuringExecuteAndRestart(Map.of(), work.resolve("fs"));
    }

    @Test
    void onPostgresAndS3() throws Exception {
        Backends.Shared shared = Backends.Shared.fresh();
        try {
            killDuringExecuteAndRestart(shared.env(), work.resolve("pg"));
        } finally {
            shared.drop();
        }
    }
}
