package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protected endpoint, and each error status it can return: 403 without a valid token,
 * 401 without the permission, 400 for a malformed type or id, 404 for an unknown id.
 */
class EndpointErrorsTest {

    private static TestServer t;
    private static String admin;
    private static String nobody;
    private static String modelId;

    /** An endpoint: method, path with {type}/{id}/{name} placeholders, a valid body. */
    record Endpoint(String method, String path, String body) {
        String path(String type, String id) {
            return path.replace("{type}", type).replace("{id}", id).replace("{name}", "someone");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String ENVELOPE = "{\"metadata\":{\"name\":\"tiny-model\",\"id\":\"%s\",\"type\":\"%t\"},"
            + "\"data\":{\"url\":\"https://huggingface.co/acme/tiny-model\"}}";

    static Stream<Endpoint> protectedEndpoints() {
        return Stream.of(
                new Endpoint("POST", "/artifacts", "[{\"name\":\"*\"}]"),
                new Endpoint("GET", "/artifacts/{type}/{id}", null),
                new Endpoint("PUT", "/artifacts/{type}/{id}", ENVELOPE),
                new Endpoint("DELETE", "/artifacts/{type}/{id}", null),
                new Endpoint("GET", "/artifacts/{type}/{id}/download", null),
                new Endpoint("POST", "/artifact/{type}", "{\"url\":\"https://huggingface.co/acme/tiny-model\"}"),
                new Endpoint("GET", "/artifact/byName/tiny-model", null),
                new Endpoint("POST", "/artifact/byRegEx", "{\"regex\":\"tiny\"}"),
                new Endpoint("GET", "/artifact/model/{id}/rate", null),
                new Endpoint("GET", "/artifact/{type}/{id}/cost", null),
                new Endpoint("GET", "/artifact/model/{id}/lineage", null),
                new Endpoint("POST", "/artifact/model/{id}/license-check",
                        "{\"github_url\":\"https://github.com/acme/tiny-code\"}"),
                new Endpoint("GET", "/artifact/{type}/{id}/audit", null),
                new Endpoint("POST", "/artifacts/PackageConfusionAudit", null),
                new Endpoint("DELETE", "/reset", null),
                new Endpoint("POST", "/users", "{\"user\":{\"name\":\"x\"},\"secret\":{\"password\":\"long enough\"}}"),
                new Endpoint("GET", "/users", null),
                new Endpoint("DELETE", "/users/{name}", null));
    }

    static Stream<Endpoint> withId() {
        return protectedEndpoints().filter(e -> e.path().contains("{id}"));
    }

    static Stream<Endpoint> withType() {
        return protectedEndpoints().filter(e -> e.path().contains("{type}"));
    }

    @BeforeAll
    static void start() {
        t = TestServer.start();
        admin = t.api.admin();
        t.api.post("/users", admin, "{\"user\":{\"name\":\"nobody\",\"is_admin\":false},"
                + "\"secret\":{\"password\":\"nobody-password\"},\"permissions\":[]}").expect(201);
        nobody = t.api.login("nobody", "nobody-password");
        modelId = t.api.register(admin, "model", "https://huggingface.co/acme/tiny-model");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private Api.Reply call(Endpoint e, String token, String type, String id) {
        String body = e.body() == null ? null : e.body().replace("%s", id).replace("%t", type);
        return t.api.send(e.method(), e.path(type, id), token, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedEndpoints")
    void withoutATokenIs403(Endpoint e) {
        call(e, null, "model", modelId).expectError(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedEndpoints")
    void withAForgedTokenIs403(Endpoint e) {
        call(e, "bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJlY2UzMDg2MWRlZmF1bHRhZG1pbnVzZXIifQ.", "model", modelId)
                .expectError(403);
        call(e, "bearer not-a-token", "model", modelId).expectError(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedEndpoints")
    void withoutThePermissionIs401(Endpoint e) {
        // for DELETE /users/{name} the name is another user's: deleting oneself is allowed (UsersHttpTest)
        call(e, nobody, "model", modelId).expectError(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withType")
    void anUnknownTypeIs400(Endpoint e) {
        call(e, admin, "widget", modelId).expectError(400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withId")
    void aMalformedIdIs400(Endpoint e) {
        for (String id : List.of("bad_id", "bad%20id", "%2E%2E", "x".repeat(65), "id%00")) {
            call(e, admin, "model", id).expectError(400);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withId")
    void anUnknownIdIs404(Endpoint e) {
        call(e, admin, "model", "invalidId").expectError(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withType")
    void aKnownIdUnderAnotherTypeIs404(Endpoint e) {
        if (e.method().equals("POST")) {
            return; // POST /artifact/{type} takes no id
        }
        call(e, admin, "dataset", modelId).expectError(404);
    }

    @Test
    void rateAnswersWithTheStoredRating() {
        t.api.get("/artifact/model/" + modelId + "/rate", admin).expect(200);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        t.api.get("/no/such/path", admin).expectError(404);
        t.api.get("/artifactsX", admin).expectError(404);
        t.api.get("/healthz", admin).expectError(404);
        // a trailing slash too many is a 404 that says so, not a 405 for a method the path takes
        assertTrue(t.api.get("/health/components/", admin).expectError(404).json().path("message").asText()
                .contains("without the trailing slash"));
        // a 405 names the methods the path takes, as its endpoint registered them
        assertEquals(java.util.Optional.of("POST"), t.api.get("/artifacts", admin).expectError(405).header("Allow"));
        assertEquals(java.util.Optional.of("DELETE, GET, PUT"), t.api.send("PATCH", "/artifacts/model/" + modelId, admin,
                "{}").expectError(405).header("Allow"));
        assertEquals(200, t.api.get("/health", null).status());
    }
}
