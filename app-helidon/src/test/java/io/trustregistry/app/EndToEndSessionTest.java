package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.testkit.HubFixtures;

/**
 * A whole client session through the real HTTP server, against the fake hub: authenticate,
 * register a model, a dataset and code, enumerate with paging, search by name and regex, read,
 * update, cost, lineage, license check, audit, download, delete, reset. Runs unchanged on
 * every storage backend: {@code EndToEndOnFilesystemTest}, {@code EndToEndOnPostgresAndS3Test},
 * {@code ContainerImageTest}. (They are top-level classes because Surefire skips nested ones.)
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndSessionTest {

    private static final String LINKED_README =
            "# Linked\n\nTrained with https://github.com/acme/tiny-code and acme/tiny-data.\n";

    private Deployment t;

    /** Environment settings selecting the backend under test. */
    abstract Map<String, String> backend();

    /** Starts the registry under test with {@code env}: in process unless a subclass says otherwise. */
    Deployment deploy(Map<String, String> env) {
        return TestServer.start(env);
    }

    /** Releases what {@link #backend()} created. */
    void releaseBackend() {
    }

    @BeforeAll
    void start() {
        Map<String, String> env = new java.util.HashMap<>(backend());
        env.put("REGISTRY_PAGE_SIZE", "2");
        t = deploy(env);
        t.hub().addModel(new HubFixtures.Model("acme/linked-model", LINKED_README,
                Optional.of("apache-2.0"), Map.of("model.safetensors", 3L * 1024 * 1024), List.of("acme/tiny-data"),
                List.of(), 99, 1, Optional.empty()));
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
        releaseBackend();
    }

    @Test
    void aWholeSession() throws IOException {
        Api api = t.api();
        api.get("/health", null).expect(200);
        String token = api.admin();
        assertTrue(token.startsWith("bearer "), token);

        // register a model, a dataset, code and a derived model
        JsonNode created = api.post("/artifact/model", token,
                "{\"url\":\"https://huggingface.co/acme/tiny-model\"}").expect(201).json();
        String model = created.path("metadata").path("id").asText();
        assertEquals("tiny-model", created.path("metadata").path("name").asText());
        assertEquals("model", created.path("metadata").path("type").asText());
        assertEquals("https://huggingface.co/acme/tiny-model", created.path("data").path("url").asText());
        assertEquals(t.baseUrl().replace("localhost", "127.0.0.1") + "/artifacts/model/" + model + "/download",
                created.path("data").path("download_url").asText().replace("localhost", "127.0.0.1"));
        String dataset = api.register(token, "dataset", "https://huggingface.co/datasets/acme/tiny-data");
        String code = api.register(token, "code", "https://github.com/acme/tiny-code");
        JsonNode named = api.post("/artifact/model", token,
                "{\"url\":\"https://huggingface.co/acme/tiny-model-finetuned\",\"name\":\"finetuned\"}")
                .expect(201).json();
        String derived = named.path("metadata").path("id").asText();
        assertEquals("finetuned", named.path("metadata").path("name").asText());
        String linked = api.register(token, "model", "https://huggingface.co/acme/linked-model");

        // enumerate everything, two per page, by following the offset header
        List<String> ids = new ArrayList<>();
        String offset = null;
        int pages = 0;
        do {
            Api.Reply page = api.post("/artifacts" + (offset == null ? "" : "?offset=" + offset), token,
                    "[{\"name\":\"*\"}]").expect(200);
            page.json().forEach(item -> ids.add(item.path("id").asText()));
            offset = page.header("offset").filter(o -> !o.isEmpty()).orElse(null);
            pages++;
        } while (offset != null && pages < 10);
        assertEquals(List.of(model, dataset, code, derived, linked), ids);
        assertEquals(3, pages);
        JsonNode datasets = api.post("/artifacts", token, "[{\"name\":\"*\",\"types\":[\"dataset\"]}]")
                .expect(200).json();
        assertEquals(1, datasets.size());
        assertEquals(dataset, datasets.get(0).path("id").asText());

        // search
        JsonNode byName = api.get("/artifact/byName/tiny-model", token).expect(200).json();
        assertEquals(1, byName.size());
        assertEquals(model, byName.get(0).path("id").asText());
        api.get("/artifact/byName/no-such-thing", token).expectError(404);
        JsonNode byRegex = api.post("/artifact/byRegEx", token, "{\"regex\":\"^tiny-(data|code)$\"}").expect(200).json();
        assertEquals(List.of(dataset, code), ids(byRegex));
        JsonNode inReadme = api.post("/artifact/byRegEx", token, "{\"regex\":\"Training scripts\"}").expect(200).json();
        assertEquals(List.of(code), ids(inReadme));

        // read and update
        // a read answers the contract's envelope; the registration's ingest report is not repeated
        com.fasterxml.jackson.databind.node.ObjectNode envelope = created.deepCopy();
        envelope.remove("ingest");
        assertEquals(envelope, api.get("/artifacts/model/" + model, token).expect(200).json());
        api.put("/artifacts/model/" + model, token, "{\"metadata\":{\"name\":\"tiny-model\",\"id\":\"" + model
                + "\",\"type\":\"model\"},\"data\":{\"url\":\"https://huggingface.co/acme/tiny-model/tree/main\"}}")
                .expect(200);
        assertEquals("https://huggingface.co/acme/tiny-model/tree/main",
                api.get("/artifacts/model/" + model, token).expect(200).json().path("data").path("url").asText());

        // cost, alone and with what it depends on
        JsonNode alone = api.get("/artifact/model/" + linked + "/cost", token).expect(200).json();
        // the weights and the README the Hub lists beside them
        double linkedMb = (3L * 1024 * 1024 + LINKED_README.getBytes(StandardCharsets.UTF_8).length) / 1024.0 / 1024.0;
        assertEquals(linkedMb, alone.path(linked).path("total_cost").asDouble(), 1e-6);
        assertFalse(alone.path(linked).has("standalone_cost"));
        JsonNode closure = api.get("/artifact/model/" + linked + "/cost?dependency=true", token).expect(200).json();
        assertEquals(Map.of(linked, true, dataset, true, code, true), keys(closure));
        double dataMb = HubFixtures.standard().datasets().get(0).files().values().stream()
                .mapToLong(Long::longValue).sum() / 1024.0 / 1024.0;
        double codeMb = 2.0;
        assertEquals(linkedMb, closure.path(linked).path("standalone_cost").asDouble(), 1e-6);
        assertEquals(linkedMb + dataMb + codeMb, closure.path(linked).path("total_cost").asDouble(), 1e-3);
        assertEquals(codeMb, closure.path(code).path("total_cost").asDouble(), 1e-6);

        // lineage: the fine-tuned model derives from tiny-model
        JsonNode lineage = api.get("/artifact/model/" + derived + "/lineage", token).expect(200).json();
        assertEquals(List.of(derived, model), nodeIds(lineage));
        assertEquals(1, lineage.path("edges").size());
        JsonNode edge = lineage.path("edges").get(0);
        assertEquals(model, edge.path("from_node_artifact_id").asText());
        assertEquals(derived, edge.path("to_node_artifact_id").asText());
        lineage.path("nodes").forEach(node -> assertTrue(node.path("metadata").isObject()));

        // license check
        assertTrue(api.post("/artifact/model/" + derived + "/license-check", token,
                "{\"github_url\":\"https://github.com/acme/tiny-code\"}").expect(200).json().asBoolean());
        assertFalse(api.post("/artifact/model/" + derived + "/license-check", token,
                "{\"github_url\":\"https://github.com/acme/unlicensed\"}").expect(200).json().asBoolean());
        api.post("/artifact/model/" + derived + "/license-check", token,
                "{\"github_url\":\"https://github.com/acme/missing\"}").expectError(404);

        // download: a zip of the stored files (over the size cap, the weights were left upstream)
        Api.Reply download = api.get("/artifacts/model/" + model + "/download", token).expect(200);
        assertEquals("application/zip", download.header("Content-Type").orElse(""));
        Map<String, String> entries = unzip(download.response().body());
        assertTrue(entries.get("README.md").contains("Tiny model"), entries.keySet().toString());
        assertTrue(entries.get("config.json").contains("model_type"), entries.keySet().toString());
        assertFalse(entries.containsKey("model.safetensors"));

        // audit
        JsonNode audit = api.get("/artifact/model/" + model + "/audit", token).expect(200).json();
        List<String> actions = new ArrayList<>();
        audit.forEach(entry -> actions.add(entry.path("action").asText()));
        assertEquals(List.of("CREATE", "UPDATE", "DOWNLOAD", "AUDIT"), actions);
        JsonNode first = audit.get(0);
        assertEquals("ece30861defaultadminuser", first.path("user").path("name").asText());
        assertTrue(first.path("user").path("is_admin").asBoolean());
        assertTrue(first.path("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertEquals(model, first.path("artifact").path("id").asText());

        // package confusion audit answers in its shape
        assertTrue(api.post("/artifacts/PackageConfusionAudit", token, null).expect(200).json()
                .path("suspected").isArray());

        // delete one, then reset everything
        api.delete("/artifacts/code/" + code, token).expect(200);
        api.get("/artifacts/code/" + code, token).expectError(404);
        api.delete("/reset", token).expect(200);
        assertEquals(0, api.post("/artifacts", token, "[{\"name\":\"*\"}]").expect(200).json().size());
        assertEquals(List.of("Access control track", "Other Security track", "High assurance track"),
                texts(api.get("/tracks", null).expect(200).json().path("plannedTracks")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> nodeIds(JsonNode graph) {
        List<String> ids = new ArrayList<>();
        graph.path("nodes").forEach(node -> ids.add(node.path("artifact_id").asText()));
        return ids;
    }

    private static Map<String, Boolean> keys(JsonNode object) {
        Map<String, Boolean> keys = new HashMap<>();
        object.fieldNames().forEachRemaining(k -> keys.put(k, true));
        return keys;
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
