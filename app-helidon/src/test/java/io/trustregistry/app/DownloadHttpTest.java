package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trustregistry.testkit.FakeHub;
import io.trustregistry.testkit.HubFixtures;

/** {@code download_url}: exact bytes, ranges, validators, aspects, single files. */
class DownloadHttpTest {

    private static TestServer t;
    private static String token;
    private static String id;
    private static final Map<String, Long> FILES = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        t = TestServer.start();
        FILES.put("config.json", 300L);
        FILES.put("model.safetensors", 3_000_000L);
        FILES.put("tokenizer.json", 200_000L);
        FILES.put("modeling_small.py", 5_000L);
        t.hub.addModel(new HubFixtures.Model("acme/small-model", "# small\n", Optional.of("mit"),
                HubFixtures.withReadme(FILES, "# small\n"), List.of(), List.of(), 10, 1, Optional.empty()));
        token = t.api.admin();
        id = t.api.register(token, "model", "https://huggingface.co/acme/small-model");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** What the fake hub serves for {@code path} of the small model. */
    private static byte[] upstream(String path) throws IOException {
        if (path.equals("README.md")) {
            return "# small\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try (InputStream in = URI.create(t.hub.baseUrl() + "/acme/small-model/resolve/main/" + path).toURL()
                .openStream()) {
            return in.readAllBytes();
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private String url(String query) {
        return "/artifacts/model/" + id + "/download" + query;
    }

    private HttpResponse<byte[]> get(String query, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(t.server.baseUrl() + url(query)))
                .header("X-Authorization", token);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theZipHoldsExactlyTheUpstreamBytes() throws Exception {
        HttpResponse<byte[]> response = get("");
        assertEquals(200, response.statusCode());
        assertEquals(Long.toString(response.body().length), response.headers().firstValue("Content-Length").get());
        assertEquals("bytes", response.headers().firstValue("Accept-Ranges").orElse(""));
        Map<String, byte[]> entries = unzip(response.body());
        List<String> expected = new ArrayList<>(FILES.keySet());
        expected.add("README.md");
        assertEquals(expected.stream().sorted().toList(), entries.keySet().stream().sorted().toList());
        for (String path : expected) {
            assertArrayEquals(upstream(path), entries.get(path), path);
        }
        assertArrayEquals(FakeHub.generated("model:acme/small-model:model.safetensors", 3_000_000).readAllBytes(),
                entries.get("model.safetensors"));
    }

    @Test
    void rangesServeSlicesOfTheSameBytes() throws Exception {
        byte[] whole = get("").body();
        HttpResponse<byte[]> head = get("", "Range", "bytes=0-99");
        assertEquals(206, head.statusCode());
        assertArrayEquals(Arrays.copyOf(whole, 100), head.body());
        assertEquals("bytes 0-99/" + whole.length, head.headers().firstValue("Content-Range").get());
        HttpResponse<byte[]> middle = get("", "Range", "bytes=1000000-1999999");
        assertArrayEquals(Arrays.copyOfRange(whole, 1_000_000, 2_000_000), middle.body());
        HttpResponse<byte[]> tail = get("", "Range", "bytes=-50");
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 50, whole.length), tail.body());
        HttpResponse<byte[]> open = get("", "Range", "bytes=" + (whole.length - 10) + "-");
        assertEquals(10, open.body().length);
        HttpResponse<byte[]> outside = get("", "Range", "bytes=" + whole.length + "-");
        assertEquals(416, outside.statusCode());
        assertEquals("bytes */" + whole.length, outside.headers().firstValue("Content-Range").get());
        assertTrue(new String(outside.body(), java.nio.charset.StandardCharsets.UTF_8).contains("\"the range bytes="
                + whole.length + "- lies outside the " + whole.length + " bytes of this download\""));
        assertEquals(200, get("", "Range", "bytes=0-1,5-9").statusCode(), "several ranges: the whole body");
    }

    @Test
    void validatorsAnswerConditionalRequests() throws Exception {
        HttpResponse<byte[]> first = get("");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        assertEquals(304, get("", "If-None-Match", etag).statusCode());
        assertEquals(200, get("", "If-None-Match", "\"other\"").statusCode());
        assertEquals(206, get("", "Range", "bytes=0-9", "If-Range", etag).statusCode());
        assertEquals(200, get("", "Range", "bytes=0-9", "If-Range", "\"stale\"").statusCode());
        assertEquals(etag, get("").headers().firstValue("ETag").orElseThrow(), "stable across requests");
    }

    @Test
    void headAnnouncesWithoutABody() throws Exception {
        HttpResponse<byte[]> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(t.server.baseUrl() + url(""))).header("X-Authorization", token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(get("").body().length, Long.parseLong(head.headers().firstValue("Content-Length").get()));
        assertEquals(0, head.body().length);
    }

    @Test
    void aspectsAndSingleFilesSelectParts() throws Exception {
        assertEquals(List.of("model.safetensors"), List.copyOf(unzip(get("?aspect=weights").body()).keySet()));
        assertEquals(List.of("modeling_small.py"), List.copyOf(unzip(get("?aspect=code").body()).keySet()));
        assertEquals(400, get("?aspect=everything").statusCode());
        HttpResponse<byte[]> raw = get("?file=tokenizer.json");
        assertEquals(200, raw.statusCode());
        assertArrayEquals(upstream("tokenizer.json"), raw.body());
        assertEquals("application/octet-stream", raw.headers().firstValue("Content-Type").get());
        assertArrayEquals(Arrays.copyOfRange(upstream("tokenizer.json"), 10, 20),
                get("?file=tokenizer.json", "Range", "bytes=10-19").body());
        assertEquals(404, get("?file=nope.bin").statusCode());
    }

    @Test
    void downloadsAreAudited() {
        int before = t.api.get("/artifact/model/" + id + "/audit", token).expect(200).json().size();
        t.api.get(url(""), token).expect(200);
        var audit = t.api.get("/artifact/model/" + id + "/audit", token).expect(200).json();
        assertEquals(before + 2, audit.size());
        assertEquals("DOWNLOAD", audit.get(audit.size() - 2).path("action").asText());
    }

    @Test
    void aDownloadThatIsRefusedIsNotAudited() {
        int before = t.api.get("/artifact/model/" + id + "/audit", token).expect(200).json().size();
        t.api.get(url("?file=nope.bin"), token).expect(404);
        var audit = t.api.get("/artifact/model/" + id + "/audit", token).expect(200).json();
        // only the first audit read was added: the 404 download left no DOWNLOAD entry
        assertEquals(before + 1, audit.size());
        assertNotEquals("DOWNLOAD", audit.get(audit.size() - 1).path("action").asText());
    }
}
