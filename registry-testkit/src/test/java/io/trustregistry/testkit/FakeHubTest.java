package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake hub reproduces what the real services answer (sources cited on {@link FakeHub}),
 * checked here with a plain HTTP client, independent of the registry's own hub adapter.
 */
class FakeHubTest {

    private final FakeHub fake = FakeHub.serving(HubFixtures.standard());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                : fake.baseUrl() + path)).timeout(Duration.ofSeconds(5));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tagsNameEachBaseModelInBothFormsPlainFirst() throws Exception {
        String info = get("/api/models/acme/tiny-model-finetuned?blobs=true", Map.of()).body();
        int plain = info.indexOf("\"base_model:acme/tiny-model\"");
        int specific = info.indexOf("\"base_model:finetune:acme/tiny-model\"");
        assertTrue(plain > 0 && specific > plain, info);
    }

    @Test
    void missingAndPrivateReposAnswer401AnonymouslyAnd404WithAToken() throws Exception {
        fake.addModel(HubFixtures.standard().model("acme/tiny-model"), ModelVariant.plain().asPrivate());
        for (String path : List.of("/api/models/acme/nope", "/api/models/acme/tiny-model")) {
            HttpResponse<String> anonymous = get(path, Map.of());
            assertEquals(401, anonymous.statusCode());
            assertEquals(Optional.of("RepoNotFound"), anonymous.headers().firstValue("X-Error-Code"));
            HttpResponse<String> withToken = get(path, Map.of("Authorization", "Bearer hf_x"));
            assertEquals(404, withToken.statusCode());
            assertEquals(Optional.of("RepoNotFound"), withToken.headers().firstValue("X-Error-Code"));
        }
    }

    @Test
    void gatedReposPublishTheirInfoButRefuseTheirFiles() throws Exception {
        fake.addModel(HubFixtures.standard().model("acme/tiny-model"), ModelVariant.plain().gated("auto"));
        assertEquals(200, get("/api/models/acme/tiny-model", Map.of()).statusCode());
        HttpResponse<String> anonymous = get("/acme/tiny-model/resolve/main/README.md", Map.of());
        assertEquals(401, anonymous.statusCode());
        assertEquals(Optional.of("GatedRepo"), anonymous.headers().firstValue("X-Error-Code"));
        assertEquals(403, get("/acme/tiny-model/resolve/main/README.md", Map.of("Authorization", "Bearer hf_x"))
                .statusCode());
        fake.grantGatedAccess("hf_x");
        assertEquals(200, get("/acme/tiny-model/resolve/main/README.md", Map.of("Authorization", "Bearer hf_x"))
                .statusCode());
    }

    @Test
    void lfsFilesRedirectToASignedCdnUrlThatRefusesASecondCredential() throws Exception {
        HttpResponse<String> resolve = get("/acme/tiny-model/resolve/main/model.safetensors", Map.of());
        assertEquals(302, resolve.statusCode());
        String location = resolve.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(fake.cdnUrl()) && location.contains("X-Amz-Signature="), location);
        assertEquals(Optional.of("440449768"), resolve.headers().firstValue("X-Linked-Size"));
        assertEquals(400, get(location, Map.of("Authorization", "Bearer hf_x")).statusCode());
        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create(location)).method("GET",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    @Test
    void aRevokedTokenIsRefusedAsTheHubAndGitHubRefuseThem() throws Exception {
        fake.revokeToken("hf_old");
        HttpResponse<String> hub = get("/api/models/acme/tiny-model", Map.of("Authorization", "Bearer hf_old"));
        assertEquals(401, hub.statusCode());
        assertEquals(Optional.of("Invalid credentials in Authorization header"),
                hub.headers().firstValue("X-Error-Message"));
        HttpResponse<String> gitHub = get("/repos/acme/tiny-code", Map.of("Authorization", "Bearer hf_old"));
        assertEquals(401, gitHub.statusCode());
        assertTrue(gitHub.body().contains("Bad credentials"), gitHub.body());
    }

    @Test
    void rateLimitsAreAnnouncedAndEnforced() throws Exception {
        fake.limitHub(1, 300);
        HttpResponse<String> first = get("/api/models/acme/tiny-model", Map.of());
        assertEquals(200, first.statusCode());
        assertTrue(first.headers().firstValue("RateLimit").orElseThrow().matches("\"api\";r=0;t=\\d+"));
        assertTrue(first.headers().firstValue("RateLimit-Policy").orElseThrow().contains("q=1;w=300"));
        HttpResponse<String> second = get("/api/models/acme/tiny-model", Map.of());
        assertEquals(429, second.statusCode());
        assertTrue(Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow()) > 200);

        fake.limitGitHub(1, 3600);
        assertEquals(Optional.of("0"), get("/repos/acme/tiny-code", Map.of()).headers()
                .firstValue("x-ratelimit-remaining"));
        HttpResponse<String> spent = get("/repos/acme/tiny-code", Map.of());
        assertEquals(403, spent.statusCode());
        assertTrue(spent.headers().firstValue("x-ratelimit-reset").isPresent());
        fake.gitHubSecondaryLimit(1, 7);
        HttpResponse<String> secondary = get("/repos/acme/tiny-code", Map.of());
        assertEquals(403, secondary.statusCode());
        assertEquals(Optional.of("7"), secondary.headers().firstValue("retry-after"));
    }

    @Test
    void listingsArePaginatedWithLinkHeaders() throws Exception {
        HttpResponse<String> first = get("/repos/acme/tiny-code/contributors?per_page=2", Map.of());
        String link = first.headers().firstValue("Link").orElseThrow();
        assertTrue(link.contains("page=2>; rel=\"next\"") && link.contains("rel=\"last\""), link);
        String next = link.substring(1, link.indexOf('>'));
        HttpResponse<String> second = get(next, Map.of());
        assertEquals(200, second.statusCode());
        assertTrue(second.body().contains("carol") && second.headers().firstValue("Link").isEmpty(), second.body());
    }

    @Test
    void renamedReposRedirectAsEachServiceDoes() throws Exception {
        fake.renameModel("acme/old-model", "acme/tiny-model");
        HttpResponse<String> hub = get("/api/models/acme/old-model?blobs=true", Map.of());
        assertEquals(307, hub.statusCode());
        assertEquals(Optional.of("/api/models/acme/tiny-model?blobs=true"), hub.headers().firstValue("Location"));
        fake.renameRepository("acme/old-code", "acme/tiny-code");
        HttpResponse<String> gitHub = get("/repos/acme/old-code", Map.of());
        assertEquals(301, gitHub.statusCode());
        assertTrue(gitHub.headers().firstValue("Location").orElseThrow().contains("/repositories/"));
    }

    @Test
    void faultsOfTheRealInternetCanBeServed() throws Exception {
        fake.serveHtml("/api/models/acme/portal");
        HttpResponse<String> html = get("/api/models/acme/portal", Map.of());
        assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        fake.trickle("/api/models/acme/slow", 20);
        long started = System.nanoTime();
        HttpResponse<String> slow = get("/api/models/acme/slow", Map.of());
        assertEquals(200, slow.statusCode());
        assertTrue(System.nanoTime() - started > Duration.ofSeconds(3).toNanos(), "trickled a byte at a time");
    }

    @Test
    void aTenThousandFileRepositoryListsEveryFile() throws Exception {
        fake.addModel(HubFixtures.standard().model("acme/tiny-model"), ModelVariant.plain().withExtraFiles(10_000));
        String info = get("/api/models/acme/tiny-model?blobs=true", Map.of()).body();
        assertTrue(info.contains("shards/part-09999.json"));
    }
}
