package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.trustregistry.adapter.auth.JwtTokenCodec;
import io.trustregistry.core.model.TokenClaims;
import io.trustregistry.core.DefaultAdmin;
import io.trustregistry.testkit.Concurrently;

/** {@code PUT /authenticate} and the life of a token, through HTTP. */
class AuthenticationHttpTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void everySpellingOfTheDefaultPasswordWorks(int spelling) {
        try (TestServer t = TestServer.start()) {
            String token = t.api.login(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(spelling));
            assertTrue(token.matches("bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), token);
            t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
        }
    }

    @Test
    void olderClientShapesAreAcceptedAndBadOnesExplained() {
        try (TestServer t = TestServer.start()) {
            String password = Api.quote(DefaultAdmin.PASSWORDS.get(0));
            t.api.put("/authenticate", null, "{\"User\":{\"name\":\"" + DefaultAdmin.NAME + "\",\"isAdmin\":true},"
                    + "\"Secret\":{\"password\":" + password + "}}").expect(200);
            t.api.post("/authenticate", null, "{\"username\":\"" + DefaultAdmin.NAME + "\",\"password\":" + password
                    + "}").expect(200);
            t.api.put("/authenticate", null, "{\"user\":{\"name\":\"" + DefaultAdmin.NAME + "\"},"
                    + "\"secret\":{\"password\":\"wrong\"}}").expectError(401);
            t.api.put("/authenticate", null, "{\"user\":{\"name\":\"nobody\"},\"secret\":{\"password\":\"x\"}}")
                    .expectError(401);
            t.api.put("/authenticate", null, "{\"user\":{\"name\":\"" + DefaultAdmin.NAME + "\"}}").expectError(400);
            t.api.put("/authenticate", null, "{\"user\":{\"name\":\"a\",\"is_admin\":\"yes\"},"
                    + "\"secret\":{\"password\":\"x\"}}").expectError(400);
            t.api.put("/authenticate", null, "{\"user\":{\"name\":5},\"secret\":{\"password\":\"x\"}}")
                    .expectError(400);
            t.api.put("/authenticate", null, "not json").expectError(400);
            t.api.put("/authenticate", null, null).expectError(400);
        }
    }

    @Test
    void aTokenStopsAfterItsCallLimit() {
        try (TestServer t = TestServer.start(Map.of("REGISTRY_TOKEN_MAX_USES", "3"))) {
            String token = t.api.admin();
            for (int i = 0; i < 3; i++) {
                t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
            }
            Api.Reply refused = t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expectError(403);
            assertTrue(refused.json().path("message").asText().contains("maximum"));
            t.api.post("/artifacts", t.api.admin(), "[{\"name\":\"*\"}]").expect(200);
        }
    }

    @Test
    void concurrentCallsAreCountedExactly() throws Exception {
        try (TestServer t = TestServer.start(Map.of("REGISTRY_TOKEN_MAX_USES", "40"))) {
            String token = t.api.admin();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            Concurrently.run(8, () -> {
                for (int i = 0; i < 10; i++) {
                    int status = t.api.get("/artifact/byName/none", token).status();
                    if (status == 404) {
                        ok.incrementAndGet();
                    } else if (status == 403) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            });
            assertEquals(40, ok.get());
            assertEquals(40, refused.get());
        }
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        try (TestServer t = TestServer.start(Map.of("REGISTRY_TOKEN_TTL", "PT1S"))) {
            String token = t.api.admin();
            t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
            Thread.sleep(1_200);
            t.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expectError(403);
        }
    }

    @Test
    void tokensSignedWithAnotherKeyOrAlgorithmAreRefused() {
        try (TestServer t = TestServer.start()) {
            TokenClaims claims = new TokenClaims("jti", DefaultAdmin.NAME, Instant.now(), Instant.now().plusSeconds(60));
            String otherKey = new JwtTokenCodec("another secret that is long enough!!".getBytes(StandardCharsets.UTF_8))
                    .encode(claims);
            t.api.post("/artifacts", "bearer " + otherKey, "[{\"name\":\"*\"}]").expectError(403);
            String real = t.api.admin().substring("bearer ".length());
            String[] parts = real.split("\\.");
            String none = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
            t.api.post("/artifacts", "bearer " + none, "[{\"name\":\"*\"}]").expectError(403);
            t.api.post("/artifacts", "bearer " + parts[0] + "." + parts[1] + ".AAAA", "[{\"name\":\"*\"}]")
                    .expectError(403);
        }
    }

    @Test
    void theGeneratedSecretPersistsSoTokensSurviveARestart() throws Exception {
        Path data = Files.createTempDirectory("registry-restart-");
        Map<String, String> env = Map.of("REGISTRY_DATA_DIR", data.toString());
        String token;
        try (TestServer first = TestServer.start(env)) {
            token = first.api.admin();
        }
        assertTrue(Files.exists(data.resolve("jwt-secret")));
        try (TestServer second = TestServer.start(env)) {
            second.api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200);
        }
    }

    @Test
    void bruteForceLoginsAreAnswered429WithRetryAfter() {
        try (TestServer t = TestServer.start()) {
            t.api.post("/users", t.api.admin(), "{\"user\":{\"name\":\"victim\",\"is_admin\":false},"
                    + "\"secret\":{\"password\":\"the victim's long password\"},\"permissions\":[\"search\"]}")
                    .expect(201);
            String guess = "{\"user\":{\"name\":\"victim\",\"is_admin\":false},\"secret\":{\"password\":\"guess\"}}";
            for (int i = 0; i < 10; i++) {
                t.api.put("/authenticate", null, guess).expectError(401);
            }
            Api.Reply locked = t.api.put("/authenticate", null, guess).expectError(429);
            assertTrue(Long.parseLong(locked.header("Retry-After").orElseThrow()) >= 1, locked.text());
            // the administrator, from the same address, still logs in
            assertTrue(t.api.admin().startsWith("bearer "));
        }
    }

    /** A user past the fair-use rate waits (429, Retry-After); other users do not. */
    @Test
    void aUserOverTheRequestRateIsAnswered429AndOthersAreNot() throws Exception {
        try (TestServer t = TestServer.start(java.util.Map.of("REGISTRY_USER_RATE", "2", "REGISTRY_USER_BURST", "3",
                "REGISTRY_TOKEN_MAX_USES", "5"))) {
            String admin = t.api.admin();
            t.api.post("/users", admin, "{\"user\":{\"name\":\"busy\",\"is_admin\":false},"
                    + "\"secret\":{\"password\":\"a long enough password\"},\"permissions\":[\"search\"]}")
                    .expect(201);
            String busy = t.api.login("busy", "a long enough password");
            for (int i = 0; i < 3; i++) {
                t.api.get("/artifact/byName/nothing", busy).expectError(404);
            }
            Api.Reply slowed = t.api.get("/artifact/byName/nothing", busy).expectError(429);
            assertTrue(Long.parseLong(slowed.header("Retry-After").orElseThrow()) >= 1, slowed.text());
            assertTrue(slowed.json().path("message").asText().contains("busy"), slowed.text());
            // the administrator is not slowed down by busy's calls
            t.api.get("/artifact/byName/nothing", t.api.admin()).expectError(404);
            Thread.sleep(600);
            // the refused call was a use of the token (its fourth); the fifth is served, the sixth is over
            t.api.get("/artifact/byName/nothing", busy).expectError(404);
            Thread.sleep(600);
            t.api.get("/artifact/byName/nothing", busy).expectError(403);
        }
    }
}
