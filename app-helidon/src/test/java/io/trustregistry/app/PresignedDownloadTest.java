package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Downloads straight from S3, as the AWS deployment serves them: with
 * {@code REGISTRY_DOWNLOAD_REDIRECT=true} on an S3 blob store a single file answers 302 to a
 * presigned URL that yields the very bytes the server would have sent; whole-artifact zips
 * still stream through the server.
 */
@Tag("e2e")
class PresignedDownloadTest {

    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aSingleFileRedirectsToAPresignedUrlWithTheSameBytes() throws Exception {
        Backends.Shared shared = Backends.Shared.fresh();
        Map<String, String> env = new HashMap<>(shared.env());
        env.put("REGISTRY_DOWNLOAD_REDIRECT", "true");
        env.put("REGISTRY_DOWNLOAD_REDIRECT_MIN_BYTES", "0");
        try (TestServer t = TestServer.start(env)) {
            String token = t.api.admin();
            String id = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
            String path = "/artifacts/model/" + id + "/download";

            HttpResponse<byte[]> redirect = get(t.server.baseUrl() + path + "?file=README.md", token);
            assertEquals(302, redirect.statusCode());
            String location = redirect.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(shared.bucket().endpoint().orElseThrow().toString()), location);
            assertTrue(location.contains("X-Amz-Signature="), location);

            // the presigned URL needs no registry token, and expires (X-Amz-Expires) on its own
            HttpResponse<byte[]> direct = get(location, null);
            assertEquals(200, direct.statusCode());
            byte[] upstream = get(t.hub.baseUrl() + "/acme/tiny-model/resolve/main/README.md", null).body();
            assertTrue(upstream.length > 0);
            assertArrayEquals(upstream, direct.body());

            // a whole-artifact zip is assembled by the server, so it is not redirected
            assertEquals(200, get(t.server.baseUrl() + path, token).statusCode());
            // and a file that is not there is still the server's 404
            assertEquals(404, get(t.server.baseUrl() + path + "?file=nope.bin", token).statusCode());
        } finally {
            shared.drop();
        }
    }

    @Test
    void smallFilesAreServedDirectlySoTheWebUiCanReadThem() throws Exception {
        Backends.Shared shared = Backends.Shared.fresh();
        Map<String, String> env = new HashMap<>(shared.env());
        env.put("REGISTRY_DOWNLOAD_REDIRECT", "true");
        try (TestServer t = TestServer.start(env)) {
            String token = t.api.admin();
            String id = t.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
            HttpResponse<byte[]> readme = get(t.server.baseUrl() + "/artifacts/model/" + id
                    + "/download?file=README.md", token);
            assertEquals(200, readme.statusCode(), "under the 1 MiB default, no redirect");
            assertTrue(new String(readme.body(), java.nio.charset.StandardCharsets.UTF_8).startsWith("#"));
        } finally {
            shared.drop();
        }
    }

    private static HttpResponse<byte[]> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("X-Authorization", token);
        }
        return NO_REDIRECTS.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
