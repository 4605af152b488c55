package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.adapter.filesystem.AtomicFiles;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * A server whose heap is a third of the artifact's size ingests a 300 MB model and serves it
 * back intact: nothing on either path holds the artifact in memory.
 */
class LargeArtifactMemoryTest {

    static final long SIZE = 300L * 1024 * 1024;

    @TempDir
    Path data;

    @Test
    void aSmallHeapServerIngestsAndServesALargeArtifact() throws Exception {
        try (FakeHub hub = FakeHub.start()) {
            hub.addModel(new HubFixtures.Model("acme/big-model", "# big\n", Optional.of("mit"),
                    HubFixtures.withReadme(Map.of("model.safetensors", SIZE), "# big\n"), List.of(), List.of(), 1, 0,
                    Optional.empty()));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()).redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
            builder.environment().putAll(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1",
                    "REGISTRY_DATA_DIR", data.resolve("registry").toString(), "HF_ENDPOINT", hub.baseUrl(),
                    "GITHUB_API_URL", hub.baseUrl(), "REGISTRY_HUB_ALLOWED_NETWORKS", "127.0.0.0/8",
                    "REGISTRY_ARGON2_MEMORY_KIB", "1024", "REGISTRY_ARGON2_ITERATIONS", "1"));
            Process server = builder.start();
            try {
                Api api = new Api("http://127.0.0.1:" + port);
                waitUntilUp(api, server);
                String token = api.admin();
                String id = api.register(token, "model", "https://huggingface.co/acme/big-model");
                HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/artifacts/model/" + id + "/download"))
                        .header("X-Authorization", token).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, response.statusCode());
                String received = null;
                try (ZipInputStream zip = new ZipInputStream(response.body())) {
                    ZipEntry entry;
                    while ((entry = zip.getNextEntry()) != null) {
                        if (entry.getName().equals("model.safetensors")) {
                            received = sha256(zip);
                        }
                    }
                }
                assertEquals(sha256(FakeHub.generated("model:acme/big-model:model.safetensors", SIZE)), received);
                assertTrue(server.isAlive(), "the server survived");
            } finally {
                server.destroy();
                server.waitFor(20, TimeUnit.SECONDS);
                String log = Files.readString(data.resolve("server.log"));
                assertTrue(!log.contains("OutOfMemoryError"), log);
                AtomicFiles.deleteRecursively(data.resolve("registry"));
            }
        }
    }

    private static void waitUntilUp(Api api, Process server) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (!server.isAlive()) {
                throw new AssertionError("server exited with " + server.exitValue());
            }
            try {
                if (api.get("/health", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server did not start");
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
