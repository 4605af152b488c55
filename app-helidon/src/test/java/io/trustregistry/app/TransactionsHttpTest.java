package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Transactions through HTTP on the filesystem and on PostgreSQL + S3, each path a client walks:
 * create, append, execute, read the outcome, fetch the group download; and each refusal with
 * its status and message. (A server killed during execute: {@link TransactionCrashTest}.)
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsHttpTest {

    private static final String MODEL = "https://huggingface.co/acme/tiny-model";
    private static final String DATASET = "https://huggingface.co/datasets/acme/tiny-data";
    private static final String CODE = "https://github.com/acme/tiny-code";

    private EveryBackend backends;

    @BeforeAll
    void start() {
        backends = EveryBackend.start(java.util.Map.of("REGISTRY_TRANSACTION_MAX_COMMANDS", "4"));
    }

    @AfterAll
    void stop() {
        backends.close();
    }

    private static String create(TestServer t, String token) {
        Api.Reply created = t.api.post("/transactions", token, null).expect(201);
        String id = created.json().path("id").asText();
        assertEquals(t.server.baseUrl() + "/transactions/" + id, created.header("Location").orElseThrow());
        assertEquals("open", created.json().path("state").asText());
        return id;
    }

    private static JsonNode append(TestServer t, String token, String tx, String command) {
        return t.api.post("/transactions/" + tx + "/commands", token, command).expect(201).json();
    }

    private static String register(String type, String url) {
        return "{\"action\":\"register\",\"type\":\"" + type + "\",\"url\":" + Api.quote(url) + "}";
    }

    private static String on(String action, String type, String id) {
        return "{\"action\":\"" + action + "\",\"type\":\"" + type + "\",\"id\":\"" + id + "\"}";
    }

    /** The names of every artifact, as a client enumerates them. */
    private static Set<String> everything(TestServer t, String token) {
        Set<String> names = new TreeSet<>();
        for (JsonNode a : t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json()) {
            names.add(a.path("type").asText() + ":" + a.path("name").asText() + ":" + a.path("id").asText());
        }
        return names;
    }

    private static String user(TestServer t, String admin, String name, String permissions) {
        t.api.post("/users", admin, "{\"user\":{\"name\":\"" + name + "\",\"is_admin\":false},\"secret\":{\"password\":\""
                + name + "-password\"},\"permissions\":" + permissions + "}").expect(201);
        return t.api.login(name, name + "-password");
    }

    @Test
    void aGroupIsRegisteredAtOnceAndDownloadedAsOneZip() throws IOException {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            t.api.delete("/reset", admin).expect(200);
            String tx = create(t, admin);
            append(t, admin, tx, register("model", MODEL));
            append(t, admin, tx, register("dataset", DATASET));
            JsonNode listed = append(t, admin, tx, "{\"action\":\"register\",\"type\":\"code\",\"url\":\"" + CODE
                    + "\",\"name\":\"training-scripts\"}");
            assertEquals(3, listed.path("commands").size());
            assertEquals(Set.of(), everything(t, admin), "nothing is registered before execute");

            JsonNode done = t.api.post("/transactions/" + tx + "/execute", admin, null).expect(200).json();

            assertEquals("committed", done.path("state").asText());
            List<String> ids = new ArrayList<>();
            done.path("results").forEach(r -> ids.add(r.path("id").asText()));
            assertEquals(Set.of("model:tiny-model:" + ids.get(0), "dataset:tiny-data:" + ids.get(1),
                    "code:training-scripts:" + ids.get(2)), everything(t, admin));
            JsonNode model = t.api.get("/artifacts/model/" + ids.get(0), admin).expect(200).json();
            assertEquals(MODEL, model.path("data").path("url").asText());
            assertTrue(t.api.get("/artifact/model/" + ids.get(0) + "/rate", admin).expect(200).json()
                    .path("net_score").isNumber(), "rated as any registration is");
            assertEquals(done, t.api.get("/transactions/" + tx, admin).expect(200).json());

            String group = create(t, admin);
            append(t, admin, group, on("download", "model", ids.get(0)));
            append(t, admin, group, on("download", "code", ids.get(2)));
            t.api.get("/transactions/" + group + "/download", admin).expectError(409);
            JsonNode committed = t.api.post("/transactions/" + group + "/execute", admin, null).expect(200).json();
            String url = committed.path("download_url").asText();
            assertEquals(t.server.baseUrl() + "/transactions/" + group + "/download", url);

            Api.Reply zip = t.api.get("/transactions/" + group + "/download", admin).expect(200);
            assertEquals("application/zip", zip.header("Content-Type").orElseThrow());
            Set<String> entries = new TreeSet<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.response().body()))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    entries.add(e.getName());
                }
            }
            assertTrue(entries.contains("model/tiny-model-" + ids.get(0) + "/config.json"), entries.toString());
            // a code artifact is kept as the repository's archive (GitHub's zipball)
            assertTrue(entries.contains("code/training-scripts-" + ids.get(2) + "/tiny-code-main.zip"), entries.toString());
            assertTrue(entries.stream().allMatch(e -> e.startsWith("model/") || e.startsWith("code/")), entries.toString());
        }
    }

    @Test
    void aFailingCommandAnswersItsOwnStatusAndChangesNothing() {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            t.api.delete("/reset", admin).expect(200);
            String existing = t.api.register(admin, "dataset", DATASET);
            Set<String> before = everything(t, admin);
            String tx = create(t, admin);
            append(t, admin, tx, register("model", MODEL));
            append(t, admin, tx, on("delete", "dataset", existing));
            append(t, admin, tx, register("model", "https://huggingface.co/acme/no-such-model"));

            Api.Reply failed = t.api.post("/transactions/" + tx + "/execute", admin, null).expectError(400);

            String message = failed.json().path("message").asText();
            assertTrue(message.startsWith("command 2 (register model https://huggingface.co/acme/no-such-model) failed,"
                    + " so nothing was changed: "), message);
            assertEquals(before, everything(t, admin), "the deletion and the first registration are not applied");
            JsonNode recorded = t.api.get("/transactions/" + tx, admin).expect(200).json();
            assertEquals("failed", recorded.path("state").asText());
            assertEquals(2, recorded.path("failure").path("command").asInt());
            assertEquals(message, recorded.path("failure").path("reason").asText());
            t.api.post("/transactions/" + tx + "/execute", admin, null).expectError(409);
        }
    }

    @Test
    void ofTwoTransactionsUpdatingOneArtifactAtOnceOneCommitsAndTheOtherIs409() throws Exception {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            t.api.delete("/reset", admin).expect(200);
            String model = t.api.register(admin, "model", MODEL);
            List<String> txs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String tx = create(t, admin);
                append(t, admin, tx, register("code", CODE));
                append(t, admin, tx, "{\"action\":\"update\",\"type\":\"model\",\"id\":\"" + model + "\",\"url\":\""
                        + MODEL + "\"}");
                txs.add(tx);
            }
            // both read the model's revision, then wait on the hub: their prepares overlap
            t.hub.setLatencyMillis(400);
            try {
                List<CompletableFuture<Api.Reply>> running = txs.stream().map(tx -> CompletableFuture.supplyAsync(
                        () -> t.api.post("/transactions/" + tx + "/execute", admin, null))).toList();
                List<Integer> statuses = new ArrayList<>();
                for (CompletableFuture<Api.Reply> r : running) {
                    statuses.add(r.get().status());
                }
                assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), statuses.toString());
                // one transaction executed twice at once: the second is refused while the first runs
                String once = create(t, admin);
                append(t, admin, once, register("dataset", DATASET));
                CompletableFuture<Api.Reply> first = CompletableFuture.supplyAsync(
                        () -> t.api.post("/transactions/" + once + "/execute", admin, null));
                Thread.sleep(200);
                Api.Reply second = t.api.post("/transactions/" + once + "/execute", admin, null).expectError(409);
                assertTrue(second.json().path("message").asText().contains("no longer open")
                        || second.json().path("message").asText().contains("executed by another request"), second.text());
                assertEquals(200, first.get().status());
                // abandoning one while it executes
                String executing = create(t, admin);
                append(t, admin, executing, register("dataset", DATASET));
                CompletableFuture<Api.Reply> execution = CompletableFuture.supplyAsync(
                        () -> t.api.post("/transactions/" + executing + "/execute", admin, null));
                Thread.sleep(200);
                Api.Reply busy = t.api.delete("/transactions/" + executing, admin).expectError(409);
                assertTrue(busy.json().path("message").asText().contains("is executing; wait for it to finish"),
                        busy.text());
                assertEquals(200, execution.get().status());
            } finally {
                t.hub.setLatencyMillis(0);
            }
            assertEquals(1, countCode(t, admin), "one code artifact: the winner's; the loser registered nothing");
        }
    }

    @Test
    void aGroupDownloadAnswers409OnceAnArtifactChangedOrWent() {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            t.api.delete("/reset", admin).expect(200);
            String model = t.api.register(admin, "model", MODEL);
            String code = t.api.register(admin, "code", CODE);
            String group = create(t, admin);
            append(t, admin, group, on("download", "model", model));
            append(t, admin, group, on("download", "code", code));
            t.api.post("/transactions/" + group + "/execute", admin, null).expect(200);
            t.api.get("/transactions/" + group + "/download", admin).expect(200);

            t.api.put("/artifacts/model/" + model, admin, "{\"metadata\":{\"name\":\"tiny-model\",\"id\":\"" + model
                    + "\",\"type\":\"model\"},\"data\":{\"url\":\"https://huggingface.co/acme/tiny-model/tree/main\"}}")
                    .expect(200);
            Api.Reply changed = t.api.get("/transactions/" + group + "/download", admin).expectError(409);
            assertTrue(changed.json().path("message").asText().contains("changed after transaction"), changed.text());
            t.api.delete("/artifacts/model/" + model, admin).expect(200);
            Api.Reply gone = t.api.get("/transactions/" + group + "/download", admin).expectError(409);
            assertTrue(gone.json().path("message").asText().contains("was deleted after transaction"), gone.text());

            String noDownloads = create(t, admin);
            append(t, admin, noDownloads, on("delete", "code", code));
            JsonNode done = t.api.post("/transactions/" + noDownloads + "/execute", admin, null).expect(200).json();
            assertTrue(done.path("download_url").isMissingNode(), done.toString());
            t.api.get("/transactions/" + noDownloads + "/download", admin).expectError(404);
        }
    }

    @Test
    void aTransactionAndAUserAreBounded() {
        TestServer t = backends.servers().get(0);
        String admin = t.api.admin();
        t.api.delete("/reset", admin).expect(200);
        String tx = create(t, admin);
        for (int i = 0; i < 4; i++) {
            append(t, admin, tx, register("model", MODEL));
        }
        Api.Reply full = t.api.post("/transactions/" + tx + "/commands", admin, register("model", MODEL)).expectError(400);
        assertTrue(full.json().path("message").asText().contains("holds 4 commands, the most allowed"), full.text());
        t.api.post("/transactions/" + tx + "/commands", admin, "{\"action\":\"delete\",\"type\":\"model\","
                + "\"id\":\"not/an id\"}").expectError(400);
        String busy = user(t, admin, "busy", "[\"upload\"]");
        for (int i = 0; i < 100; i++) {
            create(t, busy);
        }
        Api.Reply many = t.api.post("/transactions", busy, null).expectError(429);
        assertTrue(many.json().path("message").asText().contains("100 open transactions"), many.text());
        assertTrue(Long.parseLong(many.header("Retry-After").orElseThrow()) > 0, many.text());
        create(t, admin);
    }

    @Test
    void anExecutionPastItsLeaseOrTheBlobGraceCommitsNothing() throws Exception {
        try (TestServer t = TestServer.start(java.util.Map.of("REGISTRY_TRANSACTION_LEASE", "PT1S"))) {
            String admin = t.api.admin();
            String tx = create(t, admin);
            append(t, admin, tx, register("dataset", DATASET));
            append(t, admin, tx, register("code", CODE));
            // each hub call takes a second: the first command alone outlasts the one-second lease
            t.hub.setLatencyMillis(1_000);
            CompletableFuture<Api.Reply> execution = CompletableFuture.supplyAsync(
                    () -> t.api.post("/transactions/" + tx + "/execute", admin, null));
            Thread.sleep(1_600);
            // another reader finds it past its lease and settles it, fencing its batch off
            t.api.get("/transactions/" + tx, admin).expect(200);
            Api.Reply late = execution.get();
            t.hub.setLatencyMillis(0);
            assertEquals(409, late.status(), late.text());
            assertTrue(late.json().path("message").asText().contains("ran past its lease of PT1S"), late.text());
            assertEquals(Set.of(), everything(t, admin));
            assertEquals("failed", t.api.get("/transactions/" + tx, admin).expect(200).json().path("state").asText());
        }
        try (TestServer t = TestServer.start(java.util.Map.of("REGISTRY_BLOB_GC_GRACE", "PT1S"))) {
            String admin = t.api.admin();
            String tx = create(t, admin);
            append(t, admin, tx, register("dataset", DATASET));
            t.hub.setLatencyMillis(300);
            Api.Reply slow = t.api.post("/transactions/" + tx + "/execute", admin, null).expectError(409);
            t.hub.setLatencyMillis(0);
            assertTrue(slow.json().path("message").asText().contains("to prepare (half the blob collection grace"),
                    slow.text());
            assertEquals(Set.of(), everything(t, admin));
        }
    }

    @Test
    void ofEightExecutionsOfOneTransactionAtOnceOneRunsIt() throws Exception {
        TestServer t = backends.servers().get(0);
        String admin = t.api.admin();
        t.api.delete("/reset", admin).expect(200);
        String tx = create(t, admin);
        append(t, admin, tx, register("dataset", DATASET));
        List<CompletableFuture<Api.Reply>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(CompletableFuture.supplyAsync(() -> t.api.post("/transactions/" + tx + "/execute", admin, null)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Api.Reply> r : all) {
            statuses.add(r.get().status());
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, everything(t, admin).size());
    }

    private static int countCode(TestServer t, String admin) {
        return t.api.post("/artifacts", admin, "[{\"name\":\"*\",\"types\":[\"code\"]}]").expect(200).json().size();
    }

    @Test
    void eachRefusalHasItsStatusAndAClearMessage() {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            t.api.delete("/reset", admin).expect(200);
            String model = t.api.register(admin, "model", MODEL);
            t.api.post("/transactions", null, null).expectError(403);
            String tx = create(t, admin);
            t.api.post("/transactions/" + tx + "/commands", admin, "{\"action\":\"rename\",\"type\":\"model\"}")
                    .expectError(400);
            t.api.post("/transactions/" + tx + "/commands", admin, "{\"action\":\"register\",\"type\":\"model\"}")
                    .expectError(400);
            t.api.post("/transactions/" + tx + "/commands", admin, "{\"action\":\"delete\",\"type\":\"robot\","
                    + "\"id\":\"x\"}").expectError(400);
            t.api.post("/transactions/" + tx + "/commands", admin, "[1]").expectError(400);
            t.api.post("/transactions/" + tx + "/commands", admin, on("delete", "model", "no-such-id")).expectError(404);
            append(t, admin, tx, on("delete", "model", model));
            Api.Reply twice = t.api.post("/transactions/" + tx + "/commands", admin, on("download", "model", model))
                    .expectError(400);
            assertTrue(twice.json().path("message").asText().contains("touches each artifact once"), twice.text());
            t.api.post("/transactions/" + create(t, admin) + "/execute", admin, null).expectError(400);
            t.api.get("/transactions/not_an_id!", admin).expectError(400);
            t.api.get("/transactions/tx-unknown", admin).expectError(404);

            String reader = user(t, admin, "reader", "[\"search\"]");
            String readers = create(t, reader);
            t.api.post("/transactions/" + readers + "/commands", reader, register("model", MODEL)).expectError(401);
            t.api.get("/transactions/" + tx, reader).expectError(404);
            t.api.post("/transactions/" + tx + "/execute", reader, null).expectError(404);

            t.api.delete("/transactions/" + tx, admin).expect(204);
            t.api.get("/transactions/" + tx, admin).expectError(404);
            assertEquals(1, everything(t, admin).size(), "an abandoned transaction changed nothing");
            t.api.send("PUT", "/transactions/" + readers, reader, "{}").expectError(405);
        }
    }
}
