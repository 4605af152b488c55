package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.trustregistry.testkit.FakeKaggle;
import io.trustregistry.testkit.HubFixtures;
import io.trustregistry.testkit.ModelVariant;

/**
 * Registration through HTTP against upstreams that answer as the real Hub, GitHub and Kaggle
 * do (see {@link io.trustregistry.testkit.FakeHub}'s sources): the registry's outcome for
 * each behaviour a real user meets. No upstream answer gives a 5xx other than the documented
 * 502/503 for a sick upstream.
 */
@Tag("e2e")
class UpstreamIngestHttpTest {

    private static TestServer t;
    private static FakeKaggle kaggle;
    private static String token;

    @BeforeAll
    static void start() {
        kaggle = FakeKaggle.start();
        kaggle.add(FakeKaggle.dataset("uciml", "iris").title("Iris Species").license("CC0: Public Domain")
                .description("# Iris\n\nThe classic flower measurements.").file("Iris.csv", 5_107)
                .file("database.sqlite", 8_192));
        t = TestServer.start(Map.of("KAGGLE_API_URL", kaggle.baseUrl(), "KAGGLE_USERNAME", FakeKaggle.USERNAME,
                "KAGGLE_KEY", FakeKaggle.KEY, "REGISTRY_BUNDLE_MAX_FILES", "50"));
        token = t.api.admin();
    }

    @AfterAll
    static void stop() {
        t.close();
        kaggle.close();
    }

    private static HubFixtures.Model model(String id, List<String> bases, Map<String, Long> files) {
        String readme = "# " + id + "\n\nFine-tuned from its base.\n";
        return new HubFixtures.Model(id, readme, Optional.of("apache-2.0"), HubFixtures.withReadme(files, readme),
                List.of(), bases, 100, 3, Optional.of("text-classification"));
    }

    private static Api.Reply register(String type, String url) {
        return t.api.post("/artifact/" + type, token, "{\"url\":" + Api.quote(url) + "}");
    }

    private static JsonNode lineage(String id) {
        return t.api.get("/artifact/model/" + id + "/lineage", token).expect(200).json();
    }

    @ParameterizedTest
    @CsvSource({"finetune, acme/base-a, acme/tuned-a", "quantized, acme/base-q, acme/tuned-q-gguf",
            "merge, acme/base-m, acme/merged-m"})
    void derivedModelsRegisterWithTheirParentAndRelation(String relation, String base, String child) {
        t.hub.addModel(model(base, List.of(), Map.of("config.json", 200L)));
        t.hub.addModel(model(child, List.of(base), Map.of("config.json", 200L)), ModelVariant.plain()
                .withRelation(relation));
        String parentId = t.api.register(token, "model", "https://huggingface.co/" + base);
        String childId = register("model", "https://huggingface.co/" + child).expect(201).json().path("metadata")
                .path("id").asText();
        JsonNode graph = lineage(childId);
        JsonNode edge = graph.path("edges").get(0);
        assertEquals(parentId, edge.path("from_node_artifact_id").asText(), graph.toString());
        assertEquals(childId, edge.path("to_node_artifact_id").asText());
        assertEquals(relation, edge.path("relationship").asText(), graph.toString());
    }

    @Test
    void aPeftAdapterWithoutConfigJsonNamesItsBaseAsAdapter() {
        t.hub.addModel(model("acme/llm-base", List.of(), Map.of("config.json", 200L)));
        t.hub.addModel(model("acme/llm-lora", List.of("acme/llm-base"), Map.of("config.json", 200L)),
                ModelVariant.plain().asPeftAdapter().withBaseModelsAsList());
        String parentId = t.api.register(token, "model", "https://huggingface.co/acme/llm-base");
        String childId = t.api.register(token, "model", "https://huggingface.co/acme/llm-lora");
        JsonNode edge = lineage(childId).path("edges").get(0);
        assertEquals(parentId, edge.path("from_node_artifact_id").asText());
        assertEquals("adapter", edge.path("relationship").asText());
    }

    @Test
    void aGatedModelRegistersWithItsMissingEvidenceNamed() {
        t.hub.addModel(model("acme/gated-llm", List.of(), Map.of("config.json", 200L, "model.safetensors",
                3_000_000L)), ModelVariant.plain().gated("manual"));
        JsonNode created = register("model", "https://huggingface.co/acme/gated-llm").expect(201).json();
        JsonNode ingest = created.path("ingest");
        assertFalse(ingest.path("complete").asBoolean(true), created.toString());
        assertTrue(ingest.path("missing_evidence").toString().contains("gated"), created.toString());
        assertTrue(ingest.path("files_not_stored").toString().contains("gated"), created.toString());
        // one refused file is enough: the others were not requested
        assertTrue(t.hub.callsTo("/acme/gated-llm/resolve/") <= 3, "requests for refused files: "
                + t.hub.callsTo("/acme/gated-llm/resolve/"));
        String id = created.path("metadata").path("id").asText();
        JsonNode rating = t.api.get("/artifact/model/" + id + "/rate", token).expect(200).json();
        assertTrue(rating.path("ramp_up_time").asDouble() < 0.5, rating.toString());
    }

    @Test
    void aPlainRegistrationAnswersExactlyTheContractsEnvelope() {
        t.hub.addModel(model("acme/plain", List.of(), Map.of("config.json", 200L)));
        JsonNode created = register("model", "https://huggingface.co/acme/plain").expect(201).json();
        assertEquals(List.of("metadata", "data"), fieldNames(created));
    }

    @Test
    void missingAndPrivateRepositoriesAreTheClientsMistakeInWords() {
        t.hub.addModel(model("acme/hidden", List.of(), Map.of("config.json", 200L)), ModelVariant.plain()
                .asPrivate());
        for (String url : List.of("https://huggingface.co/acme/no-such-model", "https://huggingface.co/acme/hidden")) {
            Api.Reply reply = register("model", url).expectError(400);
            assertTrue(reply.json().path("message").asText().contains("does not exist, or it is private"),
                    reply.text());
        }
    }

    @ParameterizedTest
    @CsvSource({"model, https://huggingface.co/spaces/acme/demo, Space",
            "model, https://huggingface.co/acme, organisation",
            "model, https://github.com/acme, user or organisation page",
            "model, https://huggingface.co/datasets/acme/tiny-data, register it with the type dataset",
            "dataset, https://huggingface.co/acme/tiny-model, register it with the type model",
            "model, https://www.kaggle.com/datasets/uciml/iris, cannot be registered as a model"})
    void urlsThatNameNoArtifactOfThatTypeAreRefusedSayingWhy(String type, String url, String expected) {
        t.hub.addModel(model("acme/some-model", List.of(), Map.of("config.json", 1L)));
        Api.Reply reply = register(type, url).expectError(400);
        assertTrue(reply.json().path("message").asText().contains(expected), reply.text());
    }

    /**
     * What the Hub answers for a repository it will not serve, by status and {@code X-Error-Code}
     * (huggingface_hub's {@code hf_raise_for_status}), reaches the client in words: each row is the
     * repository's name, the status and code of the Hub's answer, and the status and the message's
     * start and end that the client gets (between them: the Hub's host and the path asked).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "f-revision  | 404 | RevisionNotFound | 400 | the source does not exist: 127.0.0.1 /api/models/acme/f-revision"
                + " | : the repository has no such revision",
        "f-entry     | 404 | EntryNotFound    | 400 | the source does not exist: 127.0.0.1 /api/models/acme/f-entry"
                + " | : the repository has no such file",
        "f-gated     | 403 | GatedRepo        | 400 | the source refused access (private or gated): 127.0.0.1"
                + " /api/models/acme/f-gated | : the repository is gated; its files need an HF_TOKEN of an account"
                + " that accepted its access conditions",
        "f-anonymous | 401 | ''               | 400 | the source does not exist: 127.0.0.1 /api/models/acme/f-anonymous"
                + " | : no such repository (it does not exist, or it is private)",
        "f-forbidden | 403 | ''               | 400 | the source refused access (private or gated): 127.0.0.1"
                + " /api/models/acme/f-forbidden | refused access (HTTP 403: injected fault)",
        "f-teapot    | 418 | ''               | 400 | the source URL cannot be ingested: 127.0.0.1 answered HTTP 418 for"
                + " /api/models/acme/f-teapot | ''"})
    void whatTheHubRefusesReachesTheClientInWords(String name, int hubStatus, String code, int status, String start,
                                                  String end) {
        t.hub.addModel(model("acme/" + name, List.of(), Map.of("config.json", 1L)));
        t.hub.failNext("/api/models/acme/" + name, hubStatus, 1, code.isEmpty() ? Map.of() : Map.of("X-Error-Code", code));
        String message = register("model", "https://huggingface.co/acme/" + name).expectError(status).json()
                .path("message").asText();
        assertTrue(message.startsWith(start) && message.endsWith(end), message);
    }

    /**
     * A registration's upstream budget names its setting when it runs out: past the calls, the
     * evidence not yet read is reported missing; past the time, the registration is a 502.
     */
    @Test
    void aRegistrationOverItsUpstreamBudgetNamesTheSetting() {
        try (TestServer small = TestServer.start(Map.of("REGISTRY_HUB_MAX_CALLS", "1"))) {
            JsonNode ingest = small.api.post("/artifact/model", small.api.admin(),
                    "{\"url\":\"https://huggingface.co/acme/tiny-model\"}").expect(201).json().path("ingest");
            assertTrue(ingest.path("missing_evidence").toString().contains("gave up on 127.0.0.1: the registration needed"
                    + " more than 1 upstream requests (REGISTRY_HUB_MAX_CALLS)"), ingest.toString());
        }
        try (TestServer slow = TestServer.start(Map.of("REGISTRY_HUB_RESOLVE_DEADLINE", "PT1S"))) {
            String admin = slow.api.admin();
            slow.hub.setLatencyMillis(1_500);
            String message = slow.api.post("/artifact/model", admin, "{\"url\":\"https://huggingface.co/acme/tiny-model\"}")
                    .expectError(502).json().path("message").asText();
            // the outage message names the hub, then what went wrong, then what to do
            assertTrue(message.startsWith("the Hugging Face Hub (HF_ENDPOINT=") && message.contains("gave up on 127.0.0.1 (")
                    && message.contains("the registration's upstream deadline of 1 s passed"
                    + " (REGISTRY_HUB_RESOLVE_DEADLINE); the source answers too slowly"), message);
        }
    }

    @Test
    void redirectsThatGoNowhereAreABadGatewayInWords() {
        String loop = t.hub.baseUrl() + "/files/loop.bin";
        t.hub.addRedirect("loop.bin", loop);
        assertEquals("too many redirects from " + loop, register("model", loop).expectError(502).json().path("message")
                .asText());
        String bent = t.hub.addRedirect("bent.bin", "http://[::1");
        assertEquals("127.0.0.1 redirected to an invalid URL", register("model", bent).expectError(502).json()
                .path("message").asText());
    }

    /** A redirect the registry must not or cannot follow ends the registration, saying where it led. */
    @Test
    void redirectsToWhereTheRegistryWillNotGoAreRefusedInWords() {
        String ftp = t.hub.addRedirect("to-ftp.bin", "ftp://files.example/model.bin");
        assertEquals("the source URL cannot be ingested: only http and https URLs can be fetched, not"
                + " ftp://files.example/model.bin", register("model", ftp).expectError(400).json().path("message").asText());
        String hostless = t.hub.addRedirect("to-nowhere.bin", "http:///model.bin");
        assertEquals("the source URL cannot be ingested: the URL has no host: http:///model.bin",
                register("model", hostless).expectError(400).json().path("message").asText());
        String far = t.hub.addRedirect("to-far.bin", "http://127.0.0.1:99999/model.bin");
        String message = register("model", far).expectError(502).json().path("message").asText();
        assertTrue(message.startsWith("127.0.0.1 sent an answer the registry cannot read for /model.bin ("), message);
    }

    @Test
    void htmlWhereTheHubSendsJsonIsABadGatewayInWords() {
        t.hub.serveHtml("/api/models/acme/tiny-model");
        String message = register("model", "https://huggingface.co/acme/tiny-model").expectError(502).json()
                .path("message").asText();
        assertTrue(message.contains("sent something other than JSON for /api/models/acme/tiny-model"), message);
    }

    @Test
    void htmlWhereGitHubSendsJsonIsABadGatewayInWords() {
        t.hub.serveHtml("/repos/acme/portal-code");
        String message = register("code", "https://github.com/acme/portal-code").expectError(502).json().path("message")
                .asText();
        assertTrue(message.startsWith("the GitHub API (GITHUB_API_URL=")
                && message.contains(": GitHub sent malformed JSON for acme/portal-code; "), message);
    }

    @Test
    void aKaggleDatasetThatIsNotThereIsTheClientsMistakeInWords() {
        String message = register("dataset", "https://www.kaggle.com/datasets/uciml/no-such-data").expectError(400)
                .json().path("message").asText();
        assertTrue(message.startsWith("the source does not exist: Kaggle has no dataset uciml/no-such-data (or it is"
                + " private to another account): "), message);
    }

    @Test
    void anHtmlPageOfferedAsADownloadIsRefused() {
        String url = t.hub.addFile("index.html", "<!doctype html><title>Home</title>".getBytes(StandardCharsets.UTF_8),
                "text/html; charset=utf-8");
        Api.Reply reply = register("model", url).expectError(400);
        assertTrue(reply.json().path("message").asText().contains("HTML"), reply.text());
    }

    @Test
    void htmlWhereJsonIsExpectedIsABadGatewayNotACrash() {
        t.hub.addModel(model("acme/behind-portal", List.of(), Map.of("config.json", 1L)));
        t.hub.serveHtml("/api/models/acme/behind-portal");
        Api.Reply reply = register("model", "https://huggingface.co/acme/behind-portal").expectError(502);
        assertTrue(reply.json().path("message").asText().contains("other than JSON"), reply.text());
    }

    @Test
    void aTricklingUpstreamCannotHoldARegistrationOpen() {
        t.hub.trickle("/api/models/acme/slowloris", 1_000);
        long started = System.nanoTime();
        Api.Reply reply = register("model", "https://huggingface.co/acme/slowloris").expectError(502);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        // REGISTRY_HUB_TIMEOUT is 5 s in tests; the body would take 200+ s
        assertTrue(seconds < 12, "took " + seconds + " s");
        assertTrue(reply.json().path("message").asText().contains("too slowly"), reply.text());
    }

    @Test
    void aRepositoryWithTenThousandFilesCostsAFewRequestsAndIsPricedWhole() {
        t.hub.addModel(model("acme/many-files", List.of(), Map.of("config.json", 200L)), ModelVariant.plain()
                .withExtraFiles(10_000));
        long started = System.nanoTime();
        JsonNode created = register("model", "https://huggingface.co/acme/many-files").expect(201).json();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(t.hub.callsTo("/acme/many-files/resolve/") <= 55, "file requests: "
                + t.hub.callsTo("/acme/many-files/resolve/"));
        assertTrue(created.path("ingest").path("files_not_stored").toString().contains("9952 more files"),
                created.path("ingest").toString());
        assertTrue(millis < 30_000, "took " + millis + " ms");
        String id = created.path("metadata").path("id").asText();
        double cost = t.api.get("/artifact/model/" + id + "/cost", token).expect(200).json().path(id)
                .path("total_cost").asDouble();
        assertTrue(cost > 10_000 * 1024 / 1048576.0 * 0.99, "cost " + cost);
    }

    @Test
    void readmesInLatin1AndUtf16AreReadAsText() {
        String text = "# Café model\n\nNaïve résumé of the données.\n";
        t.hub.addModel(model("acme/latin1", List.of(), Map.of("config.json", 1L)), ModelVariant.plain()
                .withReadme(text.getBytes(StandardCharsets.ISO_8859_1), "text/plain; charset=ISO-8859-1"));
        t.hub.addModel(model("acme/latin1-undeclared", List.of(), Map.of("config.json", 1L)), ModelVariant.plain()
                .withReadme(text.replace("Café", "Crème").getBytes(StandardCharsets.ISO_8859_1),
                        "text/plain; charset=utf-8"));
        t.hub.addModel(model("acme/utf16", List.of(), Map.of("config.json", 1L)), ModelVariant.plain()
                .withReadme(ModelVariant.utf16WithBom(text.replace("Café", "Thé")), "text/plain; charset=utf-8"));
        t.api.register(token, "model", "https://huggingface.co/acme/latin1");
        t.api.register(token, "model", "https://huggingface.co/acme/latin1-undeclared");
        t.api.register(token, "model", "https://huggingface.co/acme/utf16");
        for (String word : List.of("Café model", "Crème model", "Thé model")) {
            Api.Reply found = t.api.post("/artifact/byRegEx", token, "{\"regex\":" + Api.quote(word
                    + "\n\nNaïve résumé") + "}").expect(200);
            assertEquals(1, found.json().size(), word + ": " + found.text());
        }
    }

    @Test
    void aKaggleDatasetRegistersWithItsSize() {
        JsonNode created = register("dataset", "https://www.kaggle.com/datasets/uciml/iris").expect(201).json();
        assertEquals("iris", created.path("metadata").path("name").asText());
        String id = created.path("metadata").path("id").asText();
        double cost = t.api.get("/artifact/dataset/" + id + "/cost", token).expect(200).json().path(id)
                .path("total_cost").asDouble();
        assertEquals((5_107 + 8_192) / 1048576.0, cost, 1e-6);
    }

    @Test
    void gitHubTreeUrlsResolveAtTheirBranchAndARenamedRepositoryIsFollowed() {
        t.hub.addRepository(new HubFixtures.Repository("acme/new-name", "# renamed\n", Optional.of("MIT"), 64, 1));
        t.hub.renameRepository("acme/old-name", "acme/new-name");
        JsonNode created = register("code", "https://github.com/acme/old-name").expect(201).json();
        assertEquals("new-name", created.path("metadata").path("name").asText(), created.toString());
        register("dataset", "https://github.com/acme/tiny-code/tree/dev/data/train").expect(201);
    }

    @Test
    void aRenamedHubModelIsFollowedToItsNewName() {
        t.hub.addModel(model("acme/renamed-now", List.of(), Map.of("config.json", 1L)));
        t.hub.renameModel("acme/renamed-before", "acme/renamed-now");
        JsonNode created = register("model", "https://huggingface.co/acme/renamed-before").expect(201).json();
        assertEquals("renamed-now", created.path("metadata").path("name").asText());
    }

    @Test
    void aCustomLicenseIsReadFromItsLicenseName() {
        t.hub.addModel(model("acme/custom-unnamed", List.of(), Map.of("config.json", 1L)), ModelVariant.plain()
                .withOtherLicense("", "LICENSE"));
        t.hub.addModel(model("acme/custom-llama", List.of(), Map.of("config.json", 1L)), ModelVariant.plain()
                .withOtherLicense("llama3", "LICENSE"));
        double unnamed = licenseScore(t.api.register(token, "model", "https://huggingface.co/acme/custom-unnamed"));
        double llama = licenseScore(t.api.register(token, "model", "https://huggingface.co/acme/custom-llama"));
        assertTrue(llama > unnamed, "llama3 is a known, use-restricted license: " + llama + " vs " + unnamed);
    }

    private static double licenseScore(String id) {
        return t.api.get("/artifact/model/" + id + "/rate", token).expect(200).json().path("license").asDouble();
    }

    @Test
    void aCardNamingItsDatasetAsAStringLinksIt() {
        String dataset = t.api.register(token, "dataset", "https://huggingface.co/datasets/acme/tiny-data");
        HubFixtures.Model base = model("acme/with-one-dataset", List.of(), Map.of("config.json", 1L));
        t.hub.addModel(new HubFixtures.Model(base.hubId(), base.readme(), base.license(), base.files(),
                List.of("acme/tiny-data"), List.of(), 1, 1, Optional.empty()), ModelVariant.plain().withDatasetsAsString());
        String id = t.api.register(token, "model", "https://huggingface.co/acme/with-one-dataset");
        JsonNode cost = t.api.get("/artifact/model/" + id + "/cost?dependency=true", token).expect(200).json();
        assertTrue(cost.has(dataset), cost.toString());
    }

    @Test
    void everyPageOfAListingIsReadDuringARegistration() {
        Map<String, Long> crowd = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 230; i++) {
            crowd.put("dev" + i, 500L - i);
        }
        t.hub.addRepository(new HubFixtures.Repository("acme/crowded", "# crowded\n", Optional.of("MIT"), 10, 5, crowd,
                List.of("README.md"), List.of(), "2026-01-01T00:00:00Z"));
        int before = t.hub.callsTo("/repositories/");
        register("code", "https://github.com/acme/crowded").expect(201);
        assertEquals(2, t.hub.callsTo("/repositories/") - before, "pages 2 and 3 of the contributors, by Link");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
