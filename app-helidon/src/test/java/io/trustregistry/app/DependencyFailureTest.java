package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.testkit.ChaosProxy;

/**
 * PostgreSQL or S3 goes away mid-run and comes back: requests fail within a second with a 503
 * naming the dependency, {@code /health/components} reports it, nothing half-written becomes
 * visible, and service resumes by itself.
 */
@Tag("e2e")
class DependencyFailureTest {

    private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+):(\\d+)");

    private Backends.Shared shared;
    private ChaosProxy database;
    private ChaosProxy storage;
    private TestServer t;
    private String token;

    @BeforeEach
    void start() {
        shared = Backends.Shared.fresh();
        Map<String, String> env = new HashMap<>(shared.env());
        Matcher db = HOST_PORT.matcher(env.get("REGISTRY_DB_URL"));
        assertTrue(db.find(), env.get("REGISTRY_DB_URL"));
        database = ChaosProxy.to(db.group(1), Integer.parseInt(db.group(2)));
        env.put("REGISTRY_DB_URL", db.replaceFirst("//127.0.0.1:" + database.port()));
        Matcher s3 = HOST_PORT.matcher(env.get("REGISTRY_S3_ENDPOINT"));
        assertTrue(s3.find());
        storage = ChaosProxy.to(s3.group(1), Integer.parseInt(s3.group(2)));
        env.put("REGISTRY_S3_ENDPOINT", "http://127.0.0.1:" + storage.port());
        t = TestServer.start(env);
        token = t.api.admin();
    }

    @AfterEach
    void stop() {
        database.restore();
        storage.restore();
        t.close();
        database.close();
        storage.close();
        shared.drop();
    }

    /** Runs {@code request} (which asserts its own 503) and asserts it answered within a second. */
    private static void assertFailsFast(Runnable request) {
        long started = System.nanoTime();
        request.run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 1_000, "took " + millis + " ms");
    }

    private static String component(JsonNode report, String id) {
        for (JsonNode c : report.path("components")) {
            if (c.path("id").asText().equals(id)) {
                return c.path("status").asText();
            }
        }
        throw new AssertionError("no component " + id);
    }

    @Test
    void aLostDatabaseMeans503sUntilItReturns() {
        String id = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        database.cut();
        assertFailsFast(() -> {
            Api.Reply reply = t.api.get("/artifacts/model/" + id, token).expectError(503);
            assertTrue(reply.json().path("message").asText().contains("PostgreSQL"), reply.text());
        });
        assertFailsFast(() -> t.api.post("/artifact/model", token,
                "{\"url\":\"https://huggingface.co/acme/tiny-model-finetuned\"}").expectError(503));
        assertEquals("critical", component(t.api.get("/health/components", null).expect(200).json(), "catalog"));
        assertEquals(200, t.api.get("/health", null).status(), "liveness does not depend on the database");

        database.restore();
        // the pool refills in the background: the first calls after the return may still answer 503
        int status = 0;
        for (int i = 0; i < 40 && status != 200; i++) {
            status = t.api.get("/artifacts/model/" + id, token).status();
            if (status != 200) {
                sleep(250);
            }
        }
        assertEquals(200, status, "service resumed by itself within 10 s");
        assertEquals("ok", component(t.api.get("/health/components", null).expect(200).json(), "catalog"));
        assertEquals(1, t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json().size(),
                "the registration attempted during the outage left nothing behind");
    }

    @Test
    void lostStorageMeans503sAndNoHalfWrittenArtifact() {
        String id = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        storage.cut();
        assertFailsFast(() -> {
            Api.Reply reply = t.api.get("/artifacts/model/" + id + "/download", token).expectError(503);
            assertTrue(reply.json().path("message").asText().contains("S3"), reply.text());
        });
        assertFailsFast(() -> t.api.post("/artifact/model", token,
                "{\"url\":\"https://huggingface.co/acme/tiny-model-finetuned\"}").expectError(503));
        assertEquals("critical", component(t.api.get("/health/components", null).expect(200).json(), "blob-store"));
        assertEquals(1, t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json().size(),
                "the registration that could not store its files was not recorded");

        storage.restore();
        t.api.get("/artifacts/model/" + id + "/download", token).expect(200);
        t.api.register(token, "model", "https://huggingface.co/acme/tiny-model-finetuned");
        assertEquals("ok", component(t.api.get("/health/components", null).expect(200).json(), "blob-store"));
    }

    /**
     * A partition (packets dropped, nothing refused) fails requests within two seconds too: a
     * database read waits at most 1.5 s for a byte; an S3 metadata call ends within 1.7 s, retries
     * included.
     */
    private static void assertFailsWithin(Duration bound, Runnable request) {
        long started = System.nanoTime();
        request.run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < bound.toMillis(), "took " + millis + " ms");
    }

    @Test
    void aPartitionedDatabaseFailsRequestsFastInsteadOfHangingThem() {
        String id = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        database.blackhole();
        assertFailsWithin(Duration.ofMillis(2_000), () -> {
            Api.Reply reply = t.api.get("/artifacts/model/" + id, token);
            assertEquals(503, reply.status(), reply.text());
        });
        // a burst meanwhile does not queue behind the dead pool: each answers 503 at once
        assertFailsWithin(Duration.ofMillis(2_000), () -> {
            try {
                io.trustregistry.testkit.Concurrently.run(16, () -> {
                    assertEquals(503, t.api.get("/artifacts/model/" + id, token).status());
                    return null;
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        long started = System.nanoTime();
        t.api.get("/health/components", null).expect(200);
        assertTrue((System.nanoTime() - started) / 1_000_000 < 3_000, "health answered during the partition");
        database.restore();
        // service resumes by itself, within a few attempts a client makes a little apart
        int status = 0;
        for (int i = 0; i < 20 && status != 200; i++) {
            status = t.api.get("/artifacts/model/" + id, token).status();
            if (status != 200) {
                sleep(250);
            }
        }
        assertEquals(200, status);
    }

    @Test
    void aPartitionedStoreFailsDownloadsFastInsteadOfHangingThem() {
        String id = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        storage.blackhole();
        assertFailsWithin(Duration.ofMillis(2_000), () -> {
            Api.Reply reply = t.api.get("/artifacts/model/" + id + "/download", token);
            assertEquals(503, reply.status(), reply.text());
        });
        storage.restore();
        int status = 0;
        for (int i = 0; i < 20 && status != 200; i++) {
            status = t.api.get("/artifacts/model/" + id + "/download", token).status();
        }
        assertEquals(200, status);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
