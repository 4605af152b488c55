package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

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

    private HttpResponse<byte[]> send(String method, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedLikeAWrongOne() throws Exception {
        HttpResponse<byte[]> garbled = get(fake.baseUrl() + "/datasets/view/acme/rain", "Basic %%%not-base64%%%");
        assertEquals(401, garbled.statusCode());
        assertEquals("{\"code\":401,\"message\":\"Unauthorized\"}", text(garbled));
        assertEquals(401, get(fake.baseUrl() + "/datasets/view/acme/rain", "Bearer " + FakeKaggle.KEY).statusCode());
    }

    @Test
    void pathsAndMethodsTheApiDoesNotHaveAre404s() throws Exception {
        String api = fake.baseUrl().replace("/api/v1", "");
        for (String url : List.of(api + "/datasets/view/acme/rain", fake.baseUrl() + "/datasets/view/acme",
                fake.baseUrl() + "/kernels/list/acme/rain", fake.baseUrl() + "/datasets/view/acme/rain/extra",
                fake.baseUrl() + "/datasets/list/acme/rain/extra", fake.baseUrl() + "/datasets/metadata/acme/rain",
                fake.baseUrl() + "/datasets/download/acme/rain/no-such.csv")) {
            HttpResponse<byte[]> missing = get(url, AUTH);
            assertEquals(404, missing.statusCode(), url);
            assertEquals("{\"code\":404,\"message\":\"Not found\"}", text(missing), url);
        }
        assertEquals(404, send("DELETE", fake.baseUrl() + "/datasets/view/acme/rain").statusCode());
    }

    @Test
    void aVersionTheDatasetNeverHadIsNotFound() throws Exception {
        HttpResponse<byte[]> missing = get(fake.baseUrl() + "/datasets/download/acme/rain?datasetVersionNumber=99", AUTH);
        assertEquals(404, missing.statusCode());
        assertEquals("{\"code\":404,\"message\":\"Dataset version not found\"}", text(missing));
        assertEquals(302, get(fake.baseUrl() + "/datasets/download/acme/rain?datasetVersionNumber=1", AUTH).statusCode());
    }

    @Test
    void listingsPageByTheRequestedSizeAndRefuseAForgedToken() throws Exception {
        FakeKaggle.DatasetBuilder many = FakeKaggle.dataset("acme", "many");
        for (int i = 0; i < 5; i++) {
            many.file("f" + i + ".csv", 10);
        }
        fake.add(many);
        HttpResponse<byte[]> first = get(fake.baseUrl() + "/datasets/list/acme/many?pageSize=2", AUTH);
        assertEquals(200, first.statusCode());
        assertTrue(text(first).contains("\"name\":\"f1.csv\"") && !text(first).contains("f2.csv"), text(first));
        String token = text(first).replaceAll("(?s).*\"nextPageToken\":\"([^\"]+)\".*", "$1");
        HttpResponse<byte[]> second = get(fake.baseUrl() + "/datasets/list/acme/many?pageSize=2&pageToken=" + token, AUTH);
        assertTrue(text(second).contains("\"name\":\"f2.csv\"") && text(second).contains("\"name\":\"f3.csv\""),
                text(second));
        String forged = Base64.getUrlEncoder().encodeToString("page:3".getBytes(StandardCharsets.UTF_8));
        for (String query : List.of("pageToken=" + forged, "pageToken=%25%25", "pageSize=many")) {
            HttpResponse<byte[]> bad = get(fake.baseUrl() + "/datasets/list/acme/many?" + query, AUTH);
            assertEquals(400, bad.statusCode(), query);
            assertEquals("{\"code\":400,\"message\":\"Invalid page token or size\"}", text(bad), query);
        }
    }

    @Test
    void aListingErrorIsAnsweredInTheListingItself() throws Exception {
        fake.add(FakeKaggle.dataset("acme", "broken").file("a.csv", 1).listingError("try again later"));
        HttpResponse<byte[]> listing = get(fake.baseUrl() + "/datasets/list/acme/broken", AUTH);
        assertEquals(200, listing.statusCode());
        assertEquals("{\"datasetFiles\":[],\"errorMessage\":\"try again later\"}", text(listing));
    }

    @Test
    void omittedFieldsAreMissingFromTheView() throws Exception {
        fake.add(FakeKaggle.dataset("acme", "bare").file("a.csv", 1).withoutFields("totalBytes", "licenseName"));
        String view = text(get(fake.baseUrl() + "/datasets/view/acme/bare", AUTH));
        assertTrue(view.contains("\"ref\":\"acme/bare\""), view);
        assertFalse(view.contains("totalBytes") || view.contains("licenseName"), view);
    }

    @Test
    void injectedAnswersComeFirstForAsManyTimesAsAsked() throws Exception {
        fake.failNext("/api/v1/datasets/view/acme/rain", 429, 1, java.util.Map.of("Retry-After", "7"));
        fake.answerNext("/api/v1/datasets/view/", 200, "text/html", "<html>maintenance</html>", 1);
        HttpResponse<byte[]> limited = get(fake.baseUrl() + "/datasets/view/acme/rain", AUTH);
        assertEquals(429, limited.statusCode());
        assertEquals("{\"code\":429,\"message\":\"TooManyRequests\"}", text(limited));
        assertEquals("7", limited.headers().firstValue("Retry-After").orElseThrow());
        HttpResponse<byte[]> html = get(fake.baseUrl() + "/datasets/view/acme/rain", AUTH);
        assertEquals("<html>maintenance</html>", text(html));
        assertEquals(200, get(fake.baseUrl() + "/datasets/view/acme/rain", AUTH).statusCode());
        // an anonymous caller is refused before any injected answer
        fake.failNext("/api/v1/", 500, 1, java.util.Map.of());
        assertEquals(401, get(fake.baseUrl() + "/datasets/view/acme/rain", null).statusCode());
        HttpResponse<byte[]> failed = get(fake.baseUrl() + "/datasets/view/acme/rain", AUTH);
        assertEquals(500, failed.statusCode());
        assertEquals("{\"code\":500,\"message\":\"Internal Server Error\"}", text(failed));
    }

    @Test
    void theStorageHostAnswersHeadWithTheSizeAndCanBeToldToAcceptCredentials() throws Exception {
        String location = get(fake.baseUrl() + "/datasets/download/acme/rain/a.csv", AUTH).headers()
                .firstValue("Location").orElseThrow();
        HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(URI.create(location))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals("300", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("application/octet-stream", head.headers().firstValue("Content-Type").orElseThrow());
        fake.setSignedUrlsRefuseAuthorization(false);
        HttpResponse<byte[]> file = get(location, AUTH);
        assertEquals(200, file.statusCode());
        assertArrayEquals(fake.fileContent("acme", "rain", "a.csv"), file.body());
    }

    @Test
    void contentOfWhatTheFakeDoesNotHoldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> fake.archive("acme", "none"));
        assertThrows(IllegalArgumentException.class, () -> fake.fileContent("acme", "rain", "b.csv"));
        assertThrows(IllegalArgumentException.class, () -> fake.fileContent("acme", "none", "a.csv"));
        fake.add(FakeKaggle.dataset("acme", "huge").file("big.bin", 65L * 1024 * 1024));
        IllegalStateException tooBig = assertThrows(IllegalStateException.class,
                () -> fake.fileContent("acme", "huge", "big.bin"));
        assertTrue(tooBig.getMessage().contains("up to 64 MiB"), tooBig.getMessage());
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
