package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.trustregistry.adapter.filesystem.AtomicFiles;
import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/**
 * A server whose heap is a third of the artifact's size ingests a 300 MB model and serves it
 * back intact: nothing on either path holds the artifact in memory.
 */
@Tag("e2e")
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
            ServerProcess server = ServerProcess.start("96m", hub, data, Map.of());
            try {
                int port = server.port;
                Api api = server.api;
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
                server.close();
                assertTrue(!server.log().contains("OutOfMemoryError"), server.log());
                AtomicFiles.deleteRecursively(data.resolve("registry"));
            }
        }
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
