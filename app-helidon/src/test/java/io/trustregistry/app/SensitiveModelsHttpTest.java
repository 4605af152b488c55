package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.testkit.NodeRuntime;

/**
 * Sensitive models through HTTP on the filesystem and on PostgreSQL + S3: every kind of download
 * runs the monitor first (under real Node.js 24); exit 0 lets it through, anything else is a 451
 * carrying the program's output; hostile programs are refused; the history lists every attempt.
 * Every address a program is pointed at is on 127.0.0.0/8.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SensitiveModelsHttpTest {

    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path work;
    private EveryBackend backends;
    /** The organisation's audit server, the one host monitors may reach. */
    private com.sun.net.httpserver.HttpServer audit;
    private final List<String> audited = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws IOException {
        audit = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        audit.createContext("/audit", exchange -> {
            audited.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        audit.start();
        Map<String, String> env = new HashMap<>();
        env.put("REGISTRY_MONITOR_ALLOWED_HOSTS", "127.0.0.1:" + audit.getAddress().getPort());
        env.put("REGISTRY_MONITOR_NODE", NodeRuntime.nodeOrSkip().toString());
        env.put("REGISTRY_MONITOR_WORK_DIR", work.toString());
        env.put("REGISTRY_MONITOR_TIMEOUT", "PT3S");
        env.put("REGISTRY_MONITOR_OUTPUT_BYTES", "8192");
        // single files would be handed out as presigned S3 URLs: the monitor must run before that too
        env.put("REGISTRY_DOWNLOAD_REDIRECT", "true");
        env.put("REGISTRY_DOWNLOAD_REDIRECT_MIN_BYTES", "0");
        backends = EveryBackend.start(env);
    }

    @AfterAll
    void stop() {
        if (backends != null) {
            backends.close();
        }
        audit.stop(0);
    }

    @Test
    void aMonitorReportsToTheAuditServerItIsAllowedToReach() throws Exception {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            String id = sensitiveModel(t, admin);
            putMonitor(t, admin, id, "const [, , model, uploader, downloader] = process.argv;"
                    + "fetch('http://127.0.0.1:" + audit.getAddress().getPort() + "/audit', { method: 'POST',"
                    + " body: JSON.stringify({ model, uploader, downloader, backend: '" + t.server.baseUrl() + "' }) })"
                    + ".then((r) => { console.log('audit answered ' + r.status); process.exit(r.ok ? 0 : 1); })"
                    + ".catch((e) => { console.log('audit unreachable: ' + (e.cause || e)); process.exit(1); });");
            HttpResponse<byte[]> answer = download(t, admin, id, "", "GET");
            assertEquals(200, answer.statusCode(), new String(answer.body()));
            assertTrue(audited.stream().anyMatch(a -> a.contains("\"model\":\"tiny-model\"")
                    && a.contains("\"downloader\":\"ece30861defaultadminuser\"") && a.contains(t.server.baseUrl())),
                    audited.toString());
            assertEquals("audit answered 204", t.api.get("/artifacts/model/" + id + "/downloads", admin).expect(200)
                    .json().get(0).path("output").asText().strip());
        }
    }

    /** Without the Node.js it was told to use, a sensitive download is refused with 503 naming the setting. */
    @Test
    void withoutNodeASensitiveDownloadIsUnavailableAndSaysWhy() throws Exception {
        try (TestServer t = TestServer.start(Map.of("REGISTRY_MONITOR_NODE", work.resolve("no-node").toString(),
                "REGISTRY_MONITOR_WORK_DIR", work.toString()))) {
            String admin = t.api.admin();
            String id = sensitiveModel(t, admin);
            putMonitor(t, admin, id, "process.exit(0);");
            Api.Reply refused = t.api.get("/artifacts/model/" + id + "/download", admin).expectError(503);
            String message = refused.json().path("message").asText();
            assertTrue(message.startsWith("monitor programs cannot run: ") && message.contains("REGISTRY_MONITOR_NODE"),
                    message);
        }
    }

    private static String sensitiveModel(TestServer t, String token) {
        return t.api.post("/artifact/model", token, "{\"url\":\"https://huggingface.co/acme/tiny-model\","
                + "\"sensitive\":true}").expect(201).json().path("metadata").path("id").asText();
    }

    private static void putMonitor(TestServer t, String token, String id, String source) {
        t.api.put("/artifacts/model/" + id + "/monitor", token, "{\"source\":" + Api.quote(source) + "}").expect(200);
    }

    private static HttpResponse<byte[]> download(TestServer t, String token, String id, String query, String method)
            throws IOException, InterruptedException {
        return NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(t.server.baseUrl() + "/artifacts/model/" + id
                        + "/download" + query)).header("X-Authorization", token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    private void nothingLeftInTheWorkDirectory() throws IOException {
        try (Stream<Path> left = Files.exists(work) ? Files.walk(work).skip(1) : Stream.empty()) {
            assertEquals(List.of(), left.toList(), "each run's program and zip are deleted");
        }
    }

    @Test
    void aMonitorExitingZeroLetsEveryKindOfDownloadThroughAndHistoryListsThem() throws Exception {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            String id = sensitiveModel(t, admin);
            JsonNode marked = t.api.get("/artifacts/model/" + id + "/sensitivity", admin).expect(200).json();
            assertTrue(marked.path("sensitive").asBoolean());
            assertTrue(marked.path("monitor").isNull());
            putMonitor(t, admin, id, "const [, , model, uploader, downloader, zip] = process.argv;"
                    + "const bytes = require('fs').readFileSync(zip);"
                    + "console.log(`${model} by ${uploader} to ${downloader}: ${bytes.length} bytes, ${bytes.subarray(0, 2)}`);");
            assertEquals(200, download(t, admin, id, "", "GET").statusCode());
            assertEquals(200, download(t, admin, id, "?aspect=weights", "GET").statusCode());
            assertEquals(200, download(t, admin, id, "?aspect=full", "HEAD").statusCode());
            int single = download(t, admin, id, "?file=config.json", "GET").statusCode();
            // S3 presigns the single file (302), the filesystem serves it; both only after the monitor passed
            assertTrue(single == 200 || single == 302, "file download: " + single);

            JsonNode history = t.api.get("/artifacts/model/" + id + "/downloads", admin).expect(200).json();
            assertEquals(4, history.size(), history.toString());
            for (JsonNode line : history) {
                assertEquals("allowed", line.path("outcome").asText());
                assertEquals(0, line.path("exit_code").asInt(-1));
                assertEquals("ece30861defaultadminuser", line.path("user").asText());
                assertTrue(line.path("output").asText().startsWith("tiny-model by ece30861defaultadminuser to "
                        + "ece30861defaultadminuser: "), line.toString());
                assertTrue(line.path("output").asText().contains("bytes, PK"), "the fourth argument is the zip");
            }
            assertEquals(List.of("full", "weights", "full", "file config.json"),
                    history.findValuesAsText("request"));
            // the same attempts, with the changes, in the audit trail
            JsonNode audit = t.api.get("/artifact/model/" + id + "/audit", admin).expect(200).json();
            assertEquals("registered as sensitive", audit.get(0).path("note").asText());
            assertTrue(audit.toString().contains("monitor program set"), audit.toString());
            assertEquals(4, audit.findValues("download_check").size());
            nothingLeftInTheWorkDirectory();
        }
    }

    @Test
    void aNonZeroExitRejectsWithTheProgramsOutputAndIsRecorded() throws Exception {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            String id = sensitiveModel(t, admin);
            putMonitor(t, admin, id, "console.log('audit server says no to ' + process.argv[4]); process.exit(1);");
            for (String query : List.of("", "?aspect=code", "?file=config.json")) {
                HttpResponse<byte[]> refused = download(t, admin, id, query, "GET");
                assertEquals(451, refused.statusCode(), query);
                JsonNode body = json(refused);
                assertTrue(body.path("message").asText().contains("audit server says no to ece30861defaultadminuser"),
                        body.toString());
                assertEquals(1, body.path("download_check").path("exit_code").asInt());
                assertEquals("rejected", body.path("download_check").path("outcome").asText());
            }
            JsonNode history = t.api.get("/artifacts/model/" + id + "/downloads", admin).expect(200).json();
            assertEquals(List.of("rejected", "rejected", "rejected"), history.findValuesAsText("outcome"));
            assertEquals("exit 1", history.get(0).path("reason").asText());
            // a program that throws says why on its standard error: the answer and the history say it too
            putMonitor(t, admin, id, "throw new Error('boom from the monitor');");
            HttpResponse<byte[]> crashed = download(t, admin, id, "", "GET");
            assertEquals(451, crashed.statusCode());
            assertTrue(json(crashed).path("message").asText().contains("its error output: ")
                    && json(crashed).path("message").asText().contains("Error: boom from the monitor"), json(crashed).toString());
            JsonNode last = t.api.get("/artifacts/model/" + id + "/downloads", admin).expect(200).json().get(3);
            assertEquals("exit 1: Error: boom from the monitor", last.path("reason").asText());
            nothingLeftInTheWorkDirectory();
        }
    }

    @Test
    void anEndlessLoopIsKilledAtTheTimeoutAndRejects() throws Exception {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            String id = sensitiveModel(t, admin);
            putMonitor(t, admin, id, "console.log('thinking'); for (;;) {}");
            long started = System.nanoTime();
            HttpResponse<byte[]> refused = download(t, admin, id, "", "GET");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(451, refused.statusCode());
            assertTrue(json(refused).path("message").asText().contains("timed out after"), json(refused).toString());
            assertTrue(json(refused).path("message").asText().contains("thinking"));
            assertTrue(millis >= 3000 && millis < 15_000, millis + " ms");
            nothingLeftInTheWorkDirectory();
        }
    }

    @Test
    void hostileProgramsFailAndTheirDownloadsAreRejected() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            AtomicInteger reached = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try (Socket s = other.accept()) {
                        reached.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            for (TestServer t : backends.servers()) {
                String admin = t.api.admin();
                String id = sensitiveModel(t, admin);
                Path secret;
                try (Stream<Path> files = Files.walk(backends.servers().get(0).dataDirectory)) {
                    secret = files.filter(p -> p.getFileName().toString().startsWith("jwt-secret")).findFirst()
                            .orElseThrow(() -> new AssertionError("the filesystem server keeps its JWT secret"));
                }
                Path data = t.dataDirectory;
                Map<String, String> attacks = new java.util.LinkedHashMap<>();
                attacks.put("data directory", "fs.readdirSync(" + Api.quote(data.toString()) + ")");
                attacks.put("JWT secret", "fs.readFileSync(" + Api.quote(secret.toString()) + ")");
                attacks.put("/etc/passwd", "fs.readFileSync('/etc/passwd')");
                attacks.put("environment", "(() => { if (Object.keys(process.env).length === 0) "
                        + "{ const e = new Error('empty'); e.code = 'EMPTY_ENVIRONMENT'; throw e; } })()");
                attacks.put("write a file", "fs.writeFileSync('planted.txt', 'x')");
                attacks.put("spawn a process", "require('child_process').execSync('id')");
                attacks.put("connect to a host not allowed", "await new Promise((ok, no) => require('net')"
                        + ".connect(" + other.getLocalPort() + ", '127.0.0.2').on('connect', ok).on('error', no))");
                attacks.put("fetch from a host not allowed", "await fetch('http://127.0.0.2:" + other.getLocalPort() + "/')");
                for (Map.Entry<String, String> attack : attacks.entrySet()) {
                    putMonitor(t, admin, id, "const fs = require('fs');"
                            + "(async () => { " + attack.getValue() + "; console.log('LEAKED'); process.exit(0); })()"
                            + ".catch((e) => { console.log('refused: ' + (e.code || e.message)); process.exit(9); });");
                    HttpResponse<byte[]> answer = download(t, admin, id, "", "GET");
                    assertEquals(451, answer.statusCode(), attack.getKey() + ": " + new String(answer.body()));
                    String message = json(answer).path("message").asText();
                    assertTrue(message.contains("refused: ") && !message.contains("LEAKED"), attack.getKey() + ": " + message);
                }
                assertEquals(0, reached.get(), "no program reached the host that is not allowed");
                assertFalse(Files.exists(work.resolve("planted.txt")));
                nothingLeftInTheWorkDirectory();
            }
        }
    }

    @Test
    void megabytesOfOutputAreCapped() throws Exception {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            String id = sensitiveModel(t, admin);
            putMonitor(t, admin, id, "const line = 'y'.repeat(1023) + '\\n';"
                    + "for (let i = 0; i < 4096; i++) process.stdout.write(line); process.exitCode = 2;");
            HttpResponse<byte[]> refused = download(t, admin, id, "", "GET");
            assertEquals(451, refused.statusCode());
            assertTrue(refused.body().length < 12_000, refused.body().length + " bytes of error body");
            assertTrue(json(refused).path("message").asText().endsWith("[output truncated]"));
            JsonNode history = t.api.get("/artifacts/model/" + id + "/downloads", admin).expect(200).json();
            assertTrue(history.get(0).path("output").asText().length() <= 2000);
        }
    }

    @Test
    void changesNeedUploadReadingNeedsSearchAndBadRequestsAreNamed() {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            String id = t.api.register(admin, "model", "https://huggingface.co/acme/tiny-model");
            String base = "/artifacts/model/" + id;
            t.api.post("/users", admin, "{\"user\":{\"name\":\"reader\",\"is_admin\":false},"
                    + "\"secret\":{\"password\":\"reader-password\"},\"permissions\":[\"search\"]}");
            String reader = t.api.login("reader", "reader-password");

            // not sensitive yet: no monitor can be put, and downloads are not checked
            assertFalse(t.api.get(base + "/sensitivity", admin).expect(200).json().path("sensitive").asBoolean());
            t.api.put(base + "/monitor", admin, "{\"source\":\"process.exit(0)\"}").expectError(409);
            t.api.put(base + "/sensitivity", reader, "{\"sensitive\":true}").expectError(401);
            t.api.put(base + "/sensitivity", admin, "{\"sensitive\":\"yes\"}").expectError(400);
            t.api.put(base + "/sensitivity", admin, "{\"sensitive\":true}").expect(200);
            t.api.put(base + "/monitor", admin, "{\"source\":\"   \"}").expectError(400);
            t.api.put(base + "/monitor", admin, "{\"source\":" + Api.quote("x".repeat(64 * 1024 + 1)) + "}")
                    .expectError(400);
            t.api.put(base + "/monitor", reader, "{\"source\":\"process.exit(0)\"}").expectError(401);
            t.api.get(base + "/monitor", admin).expectError(404);
            t.api.delete(base + "/monitor", admin).expectError(404);
            putMonitor(t, admin, id, "process.exit(0)");
            assertEquals("process.exit(0)", t.api.get(base + "/monitor", reader).expect(200).json().path("source").asText());
            t.api.get(base + "/downloads", reader).expect(200);
            t.api.delete(base + "/monitor", reader).expectError(401);
            assertTrue(t.api.delete(base + "/monitor", admin).expect(200).json().path("monitor").isNull());
            t.api.get(base + "/monitor", reader).expectError(404);
            // unmarking removes the monitor; marking twice changes nothing
            t.api.put(base + "/sensitivity", admin, "{\"sensitive\":true}").expect(200);
            assertFalse(t.api.put(base + "/sensitivity", admin, "{\"sensitive\":false}").expect(200).json()
                    .path("sensitive").asBoolean());
            // what is not a model, or not there
            String dataset = t.api.register(admin, "dataset", "https://huggingface.co/datasets/acme/tiny-data");
            t.api.get("/artifacts/model/" + dataset + "/sensitivity", admin).expectError(404);
            t.api.get("/artifacts/model/9999999999/monitor", admin).expectError(404);
            t.api.get(base + "/downloads", null).expectError(403);
            t.api.post("/artifact/dataset", admin, "{\"url\":\"https://huggingface.co/datasets/acme/tiny-data\","
                    + "\"sensitive\":true}").expectError(400);
            t.api.post("/artifact/model", admin, "{\"url\":\"https://huggingface.co/acme/tiny-model\","
                    + "\"sensitive\":1}").expectError(400);
        }
    }

    @Test
    void theTrackIsListed() {
        TestServer t = backends.servers().get(0);
        assertTrue(t.api.get("/tracks", null).expect(200).json().path("plannedTracks").toString()
                .contains("Other Security track"));
    }
}
