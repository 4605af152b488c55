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

import io.trustregistry.core.DefaultAdmin;
import io.trustregistry.core.RegistrySettings;
import io.trustregistry.core.model.ArtifactName;
import io.trustregistry.core.model.MonitorProgram;
import io.trustregistry.core.model.UserAccount;

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

    /**
     * A refusal a client can provoke: the request (who sends it: {@code admin}, {@code nobody}, or
     * null for no token; {@code {id}} stands for the model's id), and the status and message it gets.
     * A message ending in {@code ...} is a prefix, for a part the registry does not word itself.
     */
    record Refusal(String method, String path, String who, String body, int status, String message) {
        @Override
        public String toString() {
            return status + " " + method + " " + path + (body == null ? "" : " " + abbreviate(body));
        }

        private static String abbreviate(String body) {
            return body.length() > 60 ? body.substring(0, 60) + "..." : body;
        }
    }

    private static final RegistrySettings DEFAULTS = RegistrySettings.defaults();

    static Stream<Refusal> refusals() {
        String longName = "n".repeat(ArtifactName.MAX_LENGTH + 1);
        String user = "{\"user\":{\"name\":\"%s\"},\"secret\":{\"password\":\"%s\"}}";
        return Stream.of(
                // JSON bodies
                new Refusal("POST", "/artifacts", "admin", null, 400, "a JSON request body is required"),
                new Refusal("POST", "/artifacts", "admin", "[{", 400, "the request body is not valid JSON: ..."),
                new Refusal("POST", "/artifacts", "admin", "{}", 400,
                        "the body must be a JSON array of artifact queries, e.g. [{\"name\":\"*\"}]"),
                new Refusal("POST", "/artifacts", "admin", "[]", 400, "the query array must hold at least one artifact query"),
                new Refusal("POST", "/artifacts", "admin", "[1]", 400, "each artifact query must be an object; [0]. is not"),
                new Refusal("POST", "/artifacts", "admin", "[{}]", 400, "'[0].name' is required"),
                new Refusal("POST", "/artifacts", "admin", "[{\"name\":7}]", 400, "'[0].name' must be a string"),
                new Refusal("POST", "/artifacts", "admin", "[{\"name\":\"\"}]", 400, "'[0].name' must not be empty"),
                new Refusal("POST", "/artifacts", "admin", "[{\"name\":\"a\\u0000b\"}]", 400,
                        "'[0].name' must not contain a NUL character"),
                new Refusal("POST", "/artifacts", "admin", "[{\"name\":\"" + longName + "\"}]", 400,
                        "'[0].name' is longer than " + ArtifactName.MAX_LENGTH),
                new Refusal("POST", "/artifacts", "admin", "[{\"name\":\"*\",\"types\":\"model\"}]", 400,
                        "'[0].types' must be an array of artifact types"),
                new Refusal("POST", "/artifacts", "admin", "[{\"name\":\"*\",\"types\":[\"widget\"]}]", 400,
                        "'[0].types' may hold only model, dataset, code"),
                new Refusal("POST", "/artifacts?offset=-5", "admin", "[{\"name\":\"*\"}]", 400,
                        "'offset' must be the value of a previous response's offset header or a non-negative number"),
                new Refusal("POST", "/artifacts", "admin", "[" + "{\"name\":\"*\"},".repeat(DEFAULTS.maxQueries())
                        + "{\"name\":\"*\"}]", 400, "at most " + DEFAULTS.maxQueries() + " queries per request"),
                new Refusal("POST", "/users", "admin", "[]", 400, "the request body must be a JSON object"),
                // updating an artifact
                new Refusal("PUT", "/artifacts/model/{id}", "admin", update("tiny-model", "bad_id", "model"), 400,
                        "'metadata.id' must match ^[a-zA-Z0-9-]+$"),
                new Refusal("PUT", "/artifacts/model/{id}", "admin", update("tiny-model", "{id}", "widget"), 400,
                        "'metadata.type' must be model, dataset or code"),
                new Refusal("PUT", "/artifacts/model/{id}", "admin", update("tiny-model", "other-id", "model"), 400,
                        "the id in the body (other-id) does not match the id in the path ({id})"),
                new Refusal("PUT", "/artifacts/model/{id}", "admin", update("tiny-model", "{id}", "dataset"), 400,
                        "the type in the body (dataset) does not match the type in the path (model)"),
                new Refusal("PUT", "/artifacts/model/{id}", "admin", update("other-model", "{id}", "model"), 400,
                        "the name in the body ('other-model') does not match the artifact's name ('tiny-model'):"
                                + " name and id must match"),
                // registering
                new Refusal("POST", "/artifact/model", "admin", "{}", 400, "'url' is required"),
                new Refusal("POST", "/artifact/model", "admin", "{\"url\":\"\"}", 400, "'url' must be a non-empty http(s) URL"),
                new Refusal("POST", "/artifact/model", "admin", "{\"url\":\"ftp://example.com/model\"}", 400,
                        "'url' must be an absolute http or https URL"),
                new Refusal("POST", "/artifact/model", "admin", "{\"url\":\"https:///acme/tiny-model\"}", 400,
                        "'url' must name a host"),
                new Refusal("POST", "/artifact/model", "admin", "{\"url\":\"https://u:p@huggingface.co/acme/tiny-model\"}",
                        400, "'url' must not carry credentials"),
                new Refusal("POST", "/artifact/model", "admin", "{\"url\":\"https://huggingface.co/a b\"}", 400,
                        "'url' is not a valid URL: Illegal character in path"),
                new Refusal("POST", "/artifact/model", "admin",
                        "{\"url\":\"https://huggingface.co/" + "a".repeat(DEFAULTS.maxUrlLength()) + "\"}", 400,
                        "'url' is longer than " + DEFAULTS.maxUrlLength() + " characters"),
                new Refusal("POST", "/artifact/model", "admin",
                        "{\"url\":\"https://huggingface.co/acme/tiny-model\",\"sensitive\":\"yes\"}", 400,
                        "'sensitive' must be true or false"),
                new Refusal("POST", "/artifact/dataset", "admin",
                        "{\"url\":\"https://huggingface.co/datasets/acme/tiny-data\",\"sensitive\":true}", 400,
                        "only models can be sensitive; this is a dataset"),
                // sources the registry cannot ingest: told apart by the URL alone, or by what the hub answers
                register("model", "https://huggingface.co/", 400,
                        "the source URL cannot be ingested: the Hugging Face home page names no repository"),
                register("model", "https://huggingface.co/spaces/acme/demo", 400, "the source URL cannot be ingested:"
                        + " a Hugging Face Space is an application, not a model or dataset; register the model or dataset"
                        + " it uses"),
                register("model", "https://huggingface.co/pricing", 400,
                        "the source URL cannot be ingested: https://huggingface.co/pricing is a Hugging Face page, not a"
                                + " repository"),
                register("dataset", "https://huggingface.co/datasets", 400,
                        "the source URL cannot be ingested: the URL names no Hugging Face repository"),
                register("model", "https://huggingface.co/datasets/acme/tiny-data", 400, "the source URL cannot be ingested:"
                        + " https://huggingface.co/datasets/acme/tiny-data is a Hugging Face dataset, not a model: register it"
                        + " with the type dataset"),
                register("model", "https://huggingface.co/acme", 400, "the source URL cannot be ingested:"
                        + " https://huggingface.co/acme is the page of the Hugging Face organisation 'acme', not a repository;"
                        + " give the repository's URL, https://huggingface.co/acme/NAME"),
                register("code", "https://github.com/", 400,
                        "the source URL cannot be ingested: the GitHub home page names no repository"),
                register("code", "https://github.com/features", 400,
                        "the source URL cannot be ingested: https://github.com/features is a GitHub page, not a repository"),
                register("code", "https://github.com/acme", 400, "the source URL cannot be ingested: https://github.com/acme"
                        + " is a GitHub user or organisation page, not a repository; give the repository's URL,"
                        + " https://github.com/acme/NAME"),
                register("code", "https://github.com/acme/.git", 400,
                        "the source URL cannot be ingested: the URL names no GitHub repository"),
                register("model", "https://www.kaggle.com/datasets/acme/tiny-data", 400, "the source URL cannot be ingested:"
                        + " a Kaggle dataset cannot be registered as a model: https://www.kaggle.com/datasets/acme/tiny-data"),
                register("model", "https://files.example:0/model.bin", 400,
                        "the source URL cannot be ingested: port 0 names no server: https://files.example:0/model.bin"),
                register("model", "https://files.example.invalid/model.bin", 400,
                        "the source does not exist: the host files.example.invalid does not resolve"),
                register("model", "https://10.1.2.3/model.bin", 400, "the source URL points at an address the registry may"
                        + " not fetch: 10.1.2.3 resolves to the internal address 10.1.2.3 (an operator may allow a trusted"
                        + " internal mirror with REGISTRY_HUB_ALLOWED_NETWORKS)"),
                new Refusal("POST", "/artifact/model/{id}/license-check", "admin",
                        "{\"github_url\":\"https://github.com/acme/no-such-repository\"}", 404,
                        "the GitHub repository was not found: ..."),
                // searching
                new Refusal("GET", "/artifact/byName/*", "admin", null, 400, "'*' is reserved; enumerate with POST /artifacts"),
                new Refusal("GET", "/artifact/byName/no-such-model", "admin", null, 404, "no artifact is named 'no-such-model'"),
                new Refusal("GET", "/artifact/byName/" + longName, "admin", null, 400,
                        "artifact names are at most " + ArtifactName.MAX_LENGTH + " characters"),
                new Refusal("POST", "/artifact/byRegEx", "admin", "{\"regex\":\"\"}", 400,
                        "'regex' must be a non-empty regular expression"),
                new Refusal("POST", "/artifact/byRegEx", "admin", "{\"regex\":\"" + "a".repeat(DEFAULTS.maxRegexLength() + 1)
                        + "\"}", 400, "'regex' is longer than " + DEFAULTS.maxRegexLength() + " characters"),
                new Refusal("POST", "/artifact/byRegEx", "admin", "{\"regex\":\"(a{100}){100}\"}", 400,
                        "'regex' nests counted repetitions too deeply (their product exceeds 1000)"),
                new Refusal("POST", "/artifact/byRegEx", "admin", "{\"regex\":\"(?=tiny)\"}", 400,
                        "'regex' is not a valid RE2 regular expression: ..."),
                new Refusal("POST", "/artifact/byRegEx", "admin", "{\"regex\":\"^zz-no-such-q$\"}", 404,
                        "no artifact name or README matches the pattern"),
                // downloading
                new Refusal("GET", "/artifacts/model/{id}/download?aspect=everything", "admin", null, 400,
                        "'aspect' must be one of full, weights, datasets, code"),
                new Refusal("GET", "/artifacts/model/{id}/download?file=no-such-file.bin", "admin", null, 404,
                        "the full download has no file 'no-such-file.bin'"),
                // license check
                new Refusal("POST", "/artifact/model/{id}/license-check", "admin",
                        "{\"github_url\":\"https://example.com/acme/tiny-code\"}", 400,
                        "'github_url' must be a GitHub repository URL such as https://github.com/owner/repository"),
                // sensitive models
                new Refusal("PUT", "/artifacts/model/{id}/sensitivity", "admin", "{\"sensitive\":\"yes\"}", 400,
                        "'sensitive' is required and must be true or false"),
                new Refusal("GET", "/artifacts/model/{id}/monitor", "admin", null, 404, "model {id} has no monitor program"),
                new Refusal("PUT", "/artifacts/model/{id}/monitor", "admin", "{\"source\":\"\"}", 400,
                        "the monitor program is empty; send its JavaScript source"),
                new Refusal("PUT", "/artifacts/model/{id}/monitor", "admin",
                        "{\"source\":\"" + "/".repeat(MonitorProgram.MAX_BYTES + 1) + "\"}", 400, "the monitor program is "
                        + (MonitorProgram.MAX_BYTES + 1) + " bytes; at most " + MonitorProgram.MAX_BYTES + " are accepted"),
                new Refusal("PUT", "/artifacts/model/{id}/monitor", "admin", "{\"source\":\"process.exit(0)\"}", 409,
                        "model {id} is not sensitive; mark it sensitive first (PUT /artifacts/model/{id}/sensitivity)"),
                // the operator's endpoints
                new Refusal("GET", "/health/logs", "nobody", null, 401, "reading the server's logs needs an administrator"),
                new Refusal("GET", "/health/logs?limit=0", "admin", null, 400, "'limit' must be an integer from 1 to "
                        + io.trustregistry.app.observability.RecentLogs.CAPACITY),
                new Refusal("GET", "/health?detailed=perhaps", null, null, 400, "'detailed' must be true or false"),
                // users
                new Refusal("POST", "/users", "admin", "{\"secret\":{\"password\":\"long enough\"}}", 400,
                        "'user' is required"),
                new Refusal("POST", "/users", "admin", "{\"user\":\"x\",\"secret\":{\"password\":\"long enough\"}}", 400,
                        "'user' must be an object"),
                new Refusal("POST", "/users", "admin", user.formatted("", "long enough"), 400,
                        "user names are 1 to " + UserAccount.MAX_NAME_LENGTH + " printable characters"),
                new Refusal("POST", "/users", "admin", user.formatted("shorty", "x"), 400,
                        "passwords must be at least " + DEFAULTS.minPasswordLength() + " characters long"),
                new Refusal("POST", "/users", "admin", "{\"user\":{\"name\":\"x\",\"is_admin\":\"yes\"},"
                        + "\"secret\":{\"password\":\"long enough\"}}", 400, "'user.is_admin' must be a boolean"),
                new Refusal("POST", "/users", "admin", "{\"user\":{\"name\":\"x\"},\"secret\":{\"password\":\"long enough\"},"
                        + "\"permissions\":\"upload\"}", 400,
                        "'permissions' must be an array of upload, search, download, admin"),
                new Refusal("POST", "/users", "admin", "{\"user\":{\"name\":\"x\"},\"secret\":{\"password\":\"long enough\"},"
                        + "\"permissions\":[\"fly\"]}", 400, "'permissions' may hold only upload, search, download, admin"),
                new Refusal("POST", "/users", "admin", user.formatted("nobody", "long enough"), 409,
                        "a user named 'nobody' exists already"),
                new Refusal("DELETE", "/users/" + DefaultAdmin.NAME, "admin", null, 409,
                        "the default administrator cannot be deleted"),
                new Refusal("DELETE", "/users/ghost", "admin", null, 404, "no user is named 'ghost'"),
                new Refusal("DELETE", "/users/" + DefaultAdmin.NAME, "nobody", null, 401,
                        "only administrators may delete other users"),
                // logging in
                new Refusal("PUT", "/authenticate", null, "{}", 400,
                        "expected {\"user\":{\"name\":...},\"secret\":{\"password\":...}}"),
                new Refusal("PUT", "/authenticate", null, "{\"user\":\"x\",\"secret\":{}}", 400,
                        "'user' must be an object with a 'name'"),
                new Refusal("PUT", "/authenticate", null, "{\"user\":{\"name\":\"x\"}}", 400,
                        "'secret' must be an object with a 'password'"),
                new Refusal("PUT", "/authenticate", null, "{\"user\":{\"name\":\"x\",\"is_admin\":\"no\"},"
                        + "\"secret\":{\"password\":\"y\"}}", 400, "'user.is_admin' must be a boolean"),
                new Refusal("PUT", "/authenticate", null, "{\"username\":\"\",\"password\":\"\"}", 400,
                        "user name and password are required"),
                new Refusal("PUT", "/authenticate", null, user.formatted("nobody", "not the password"), 401,
                        "unknown user or wrong password"),
                new Refusal("GET", "/artifacts/model/{id}", null, null, 403,
                        "missing authentication token: send the token from PUT /authenticate in the X-Authorization header"),
                new Refusal("GET", "/artifacts/model/{id}", "bearer not-a-token", null, 403,
                        "the authentication token is malformed or its signature is invalid"),
                new Refusal("POST", "/artifact/model", "nobody", "{\"url\":\"https://huggingface.co/acme/tiny-model\"}", 401,
                        "this operation needs the 'upload' permission, which user 'nobody' does not hold"));
    }

    private static Refusal register(String type, String url, int status, String message) {
        return new Refusal("POST", "/artifact/" + type, "admin", "{\"url\":" + Api.quote(url) + "}", status, message);
    }

    private static String update(String name, String id, String type) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"id\":\"" + id + "\",\"type\":\"" + type + "\"},"
                + "\"data\":{\"url\":\"https://huggingface.co/acme/tiny-model\"}}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void eachRefusalSaysWhy(Refusal r) {
        String token = r.who() == null ? null : switch (r.who()) {
            case "admin" -> admin;
            case "nobody" -> nobody;
            default -> r.who();
        };
        String body = r.body() == null ? null : r.body().replace("{id}", modelId);
        String message = t.api.send(r.method(), r.path().replace("{id}", modelId), token, body).expectError(r.status())
                .json().path("message").asText();
        String expected = r.message().replace("{id}", modelId);
        if (expected.endsWith("...")) {
            assertTrue(message.startsWith(expected.substring(0, expected.length() - 3)), message);
        } else {
            assertEquals(expected, message);
        }
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
