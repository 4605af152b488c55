package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input gets a clear 4xx (or a correct answer), never a 5xx or a hang: malformed JSON,
 * wrong types, oversized bodies, traversal-shaped names and ids, SQL-shaped strings,
 * catastrophic regexes, huge pagination offsets.
 */
class HostileInputTest {

    private static TestServer t;
    private static String admin;

    @BeforeAll
    static void start() {
        t = TestServer.start(Map.of("REGISTRY_MAX_BODY_BYTES", "65536"));
        admin = t.api.admin();
        t.api.register(admin, "model", "https://huggingface.co/acme/tiny-model");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static final List<String> JSON_ENDPOINTS = List.of("POST /artifacts", "POST /artifact/model",
            "POST /artifact/byRegEx", "PUT /authenticate", "POST /users", "PUT /artifacts/model/1000000000000000001",
            "POST /artifact/model/1000000000000000001/license-check");

    @ParameterizedTest
    @ValueSource(strings = {"{", "[", "}", "null", "\"text\"", "42", "true", "{\"url\": 5}", "{\"url\": null}",
            "{\"url\": [\"https://x\"]}", "{\"regex\": {}}", "[{\"name\": 7}]", "[{\"name\":\"*\",\"types\":\"model\"}]",
            "[{\"name\":\"*\",\"types\":[\"widget\"]}]", "{\"a\":1,\"a\":2}", "{} trailing", "[]", "{}",
            "{\"user\":\"x\",\"secret\":\"y\"}", "{\"metadata\":[],\"data\":{}}"})
    void malformedBodiesAreClientErrors(String body) {
        for (String endpoint : JSON_ENDPOINTS) {
            String[] parts = endpoint.split(" ");
            Api.Reply reply = t.api.send(parts[0], parts[1], admin, body);
            assertTrue(reply.status() >= 400 && reply.status() < 500, endpoint + " " + body + " -> " + reply.status()
                    + " " + reply.text());
            reply.expectError(reply.status());
        }
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        t.api.post("/artifacts", admin, deep).expectError(400);
    }

    @Test
    void bodiesOverTheLimitAre413() {
        String huge = "{\"url\":\"https://huggingface.co/" + "a".repeat(100_000) + "\"}";
        // every time: an answer sent while the client still sends is lost to a reset unless the rest is read
        for (int i = 0; i < 30; i++) {
            t.api.post("/artifact/model", admin, huge).expectError(413);
        }
    }

    @Test
    void chunkedBodiesAreHeldToTheSameLimitAndRulesAsDeclaredOnes() {
        byte[] huge = ("{\"url\":\"https://huggingface.co/" + "a".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] justOver = ("{\"url\":\"https://huggingface.co/" + "b".repeat(65_536) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            // no Content-Length to refuse up front: found too large while reading, and the rest drained
            t.api.sendChunked("POST", "/artifact/model", admin, huge).expectError(413);
            t.api.sendChunked("POST", "/artifact/model", admin, justOver).expectError(413);
        }
        for (String blank : List.of("", "   \n\t ")) {
            Api.Reply reply = t.api.sendChunked("PUT", "/authenticate", null, blank.getBytes(StandardCharsets.UTF_8));
            reply.expectError(400);
            assertEquals("a JSON request body is required", reply.json().path("message").asText(), reply.text());
        }
        // and a chunked body within the limit is read as any other
        t.api.sendChunked("POST", "/artifact/byRegEx", admin, "{\"regex\":\"tiny\"}".getBytes(StandardCharsets.UTF_8))
                .expect(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc%2Fpasswd", "%2E%2E", "a'%20OR%20'1'%3D'1", "x%3B%20DROP%20TABLE%20artifacts",
            "%E2%80%AE", "%F0%9F%98%80"})
    void traversalAndSqlShapedNamesAreJustNames(String name) {
        int status = t.api.get("/artifact/byName/" + name, admin).status();
        assertTrue(status == 404 || status == 400, name + " -> " + status);
    }

    @Test
    void sqlShapedUrlsAndNamesRegisterOrAreRefusedCleanly() {
        t.api.post("/artifact/model", admin, "{\"url\":\"https://huggingface.co/acme/tiny-model\","
                + "\"name\":\"x'); DROP TABLE artifacts; --\"}").expect(201);
        assertEquals(1, t.api.get("/artifact/byName/x'%29%3B%20DROP%20TABLE%20artifacts%3B%20--", admin).expect(200)
                .json().size());
        t.api.post("/artifact/model", admin, "{\"url\":\"' OR 1=1 --\"}").expectError(400);
        t.api.post("/artifact/model", admin, "{\"url\":\"file:///etc/passwd\"}").expectError(400);
        t.api.post("/artifact/model", admin, "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}")
                .expectError(400);
        t.api.post("/artifact/model", admin, "{\"url\":\"https://huggingface.co/acme/tiny-model\",\"name\":\"*\"}")
                .expectError(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+$", "(a|aa)+$", "(a{1,99999}){1,99999}$", "((a+)+)+b", "(.*a){25}$", "(a|a)*?$"})
    void catastrophicRegexesAnswerWithinASecond(String regex) {
        t.api.post("/artifact/model", admin, "{\"url\":\"https://huggingface.co/acme/tiny-model\",\"name\":\""
                + "a".repeat(40) + "b\"}").expect(201);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            Api.Reply reply = t.api.post("/artifact/byRegEx", admin, "{\"regex\":" + Api.quote(regex) + "}");
            assertTrue(reply.status() == 200 || reply.status() == 404 || reply.status() == 400, reply.text());
        });
    }

    @Test
    void namesWithSlashesAreFoundByName() {
        t.api.post("/artifact/model", admin, "{\"url\":\"https://huggingface.co/acme/tiny-model\","
                + "\"name\":\"acme/tiny-model\"}").expect(201);
        assertEquals(1, t.api.get("/artifact/byName/acme%2Ftiny-model", admin).expect(200).json().size());
    }

    @Test
    void invalidRegexesAre400() {
        for (String regex : List.of("(", "[z-a]", "(?<=x)y", "\\")) {
            t.api.post("/artifact/byRegEx", admin, "{\"regex\":" + Api.quote(regex) + "}").expectError(400);
        }
    }

    @Test
    void hugePaginationOffsetsAnswerCorrectly() {
        assertEquals(0, t.api.post("/artifacts?offset=999999999", admin, "[{\"name\":\"*\"}]").expect(200)
                .json().size());
        assertEquals(0, t.api.post("/artifacts?offset=9999999999999999999999999999", admin, "[{\"name\":\"*\"}]")
                .expect(200).json().size());
        t.api.post("/artifacts?offset=-5", admin, "[{\"name\":\"*\"}]").expectError(400);
        t.api.post("/artifacts?offset=%27%3B--", admin, "[{\"name\":\"*\"}]").expectError(400);
    }

    @Test
    void aHugeTokenHeaderIsRefusedCleanly() {
        int status = t.api.get("/artifacts/model/123", "bearer " + "x".repeat(6_000)).status();
        assertTrue(status == 403 || status == 431 || status == 400, "status " + status);
    }

    @Test
    void badQueryParametersAre400() {
        String id = t.api.register(admin, "model", "https://huggingface.co/acme/tiny-model");
        t.api.get("/artifact/model/" + id + "/cost?dependency=maybe", admin).expectError(400);
        t.api.get("/health/components?windowMinutes=4", null).expectError(400);
        t.api.get("/health/components?windowMinutes=1441", null).expectError(400);
        t.api.get("/health/components?windowMinutes=abc", null).expectError(400);
        t.api.get("/health/components?includeTimeline=perhaps", null).expectError(400);
    }
}
