package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake answers as Kaggle does, at the HTTP level. */
class FakeKaggleTest {

    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
            (FakeKaggle.USERNAME + ":" + FakeKaggle.KEY).getBytes(StandardCharsets.UTF_8));

    private final FakeKaggle fake = FakeKaggle.start().add(FakeKaggle.dataset("acme", "rain").file("a.csv", 300));
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<byte[]> get(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void everyApiCallNeedsTheRightBasicCredentials() throws Exception {
        HttpResponse<byte[]> anonymous = get(fake.baseUrl() + "/datasets/view/acme/rain", null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("{\"code\":401,\"message\":\"Unauthorized\"}", text(anonymous));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("kaggle-tester:nope".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, get(fake.baseUrl() + "/datasets/view/acme/rain", wrong).statusCode());
        HttpResponse<byte[]> view = get(fake.baseUrl() + "/datasets/view/acme/rain", AUTH);
        assertEquals(200, view.statusCode());
        assertTrue(text(view).contains("\"ref\":\"acme/rain\"") && text(view).contains("\"totalBytes\":300"),
                text(view));
    }

    @Test
    void aMissingDatasetIsA404InKagglesErrorShape() throws Exception {
        HttpResponse<byte[]> missing = get(fake.baseUrl() + "/datasets/view/acme/none", AUTH);
        assertEquals(404, missing.statusCode());
        assertTrue(text(missing).startsWith("{\"code\":404,\"message\":"), text(missing));
    }

    @Test
    void downloadsRedirectToASignedUrlOnAnotherHostThatRefusesCredentials() throws Exception {
        HttpResponse<byte[]> redirect = get(fake.baseUrl() + "/datasets/download/acme/rain", AUTH);
        assertEquals(302, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertEquals("127.0.0.2", URI.create(location).getHost());
        assertTrue(location.contains("X-Goog-Signature="), location);

        HttpResponse<byte[]> withAuth = get(location, AUTH);
        assertEquals(400, withAuth.statusCode());
        assertTrue(text(withAuth).contains("InvalidArgument"), text(withAuth));
        assertEquals(403, get(location.replaceAll("X-Goog-Signature=[0-9a-f]+", "X-Goog-Signature=00"), null)
                .statusCode());
        HttpResponse<byte[]> zip = get(location, null);
        assertEquals(200, zip.statusCode());
        assertArrayEquals(fake.archive("acme", "rain"), zip.body());
        assertEquals(4, fake.calls().size());
        assertEquals(3, fake.storageCalls().size());
    }
}
