package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The server's own blob collection ({@code REGISTRY_BLOB_GC_INTERVAL}): the stored files of a
 * deleted artifact go by themselves once their grace has passed, while those of live artifacts stay.
 */
class BlobCollectionHttpTest {

    @Test
    void theFilesOfADeletedArtifactAreCollectedWithoutAnyoneAsking() throws Exception {
        try (TestServer t = TestServer.start(Map.of("REGISTRY_BLOB_GC_INTERVAL", "PT0.2S",
                "REGISTRY_BLOB_GC_GRACE", "PT0S"))) {
            String token = t.api.admin();
            String kept = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
            long withOne = blobs(t.dataDirectory);
            String gone = t.api.register(token, "dataset", "https://huggingface.co/datasets/acme/tiny-data");
            long withBoth = blobs(t.dataDirectory);
            assertTrue(withBoth > withOne, "the dataset stored files of its own: " + withOne + " -> " + withBoth);

            t.api.delete("/artifacts/dataset/" + gone, token).expect(200);

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (blobs(t.dataDirectory) > withOne && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(withOne, blobs(t.dataDirectory), "the deleted dataset's files were collected");
            t.api.get("/artifacts/model/" + kept, token).expect(200);
            assertTrue(t.api.get("/artifacts/model/" + kept + "/download", token).status() < 400,
                    "the live model still downloads");
        }
    }

    private static long blobs(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
