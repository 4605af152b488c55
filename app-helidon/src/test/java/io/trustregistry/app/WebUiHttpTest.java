package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the web UI stands on, over plain HTTP: the static files with their security headers, the
 * redirect from {@code /}, and {@code /health/logs} with its permission and input checks.
 */
class WebUiHttpTest {

    @Test
    void theUiIsServedWithAStrictContentSecurityPolicy() {
        try (TestServer t = TestServer.start()) {
            Api.Reply root = t.api.get("/", null);
            assertEquals(302, root.status());
            assertEquals("/ui/", root.header("Location").orElseThrow());
            Api.Reply page = t.api.get("/ui/", null).expect(200);
            assertTrue(page.text().contains("<script type=\"module\" src=\"js/app.js\"></script>"));
            assertFalse(page.text().matches("(?s).*<script>.*"), "no inline script");
            String csp = page.header("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'")
                    && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe"), csp);
            assertEquals("nosniff", page.header("X-Content-Type-Options").orElseThrow());
            assertTrue(t.api.get("/ui/js/app.js", null).expect(200).header("Content-Type").orElseThrow()
                    .contains("javascript"));
            // the API's own answers carry the same headers
            assertTrue(t.api.get("/health", null).expect(200).header("Content-Security-Policy").isPresent());
            t.api.get("/ui/no-such-page.js", null).expectError(404);
        }
    }

    @Test
    void theApiDocumentationPageAndItsScriptsAreServedFromThisOrigin() {
        try (TestServer t = TestServer.start()) {
            Api.Reply bare = t.api.get("/docs", null);
            assertEquals(301, bare.status(), "the link /docs leads to the page");
            assertTrue(bare.header("Location").orElse("").endsWith("/docs/"), bare.toString());
            Api.Reply page = t.api.get("/docs/", null).expect(200);
            assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"), page.toString());
            assertTrue(page.header("Content-Security-Policy").orElse("").contains("script-src 'self'"));
            assertTrue(page.text().contains("<script src=\"/docs/swagger-ui/swagger-ui-bundle.js\"></script>"),
                    page.text());
            assertFalse(page.text().matches("(?s).*<script>.*"), "no inline script");
            Api.Reply bundle = t.api.get("/docs/swagger-ui/swagger-ui-bundle.js", null).expect(200);
            assertTrue(bundle.header("Content-Type").orElse("").contains("javascript"), bundle.toString());
            assertTrue(t.api.get("/docs/init.js", null).expect(200).text().contains("url: '/openapi?format=json'"));
            Api.Reply missing = t.api.get("/docs/nothing-here.js", null).expectError(404);
            assertTrue(missing.json().path("message").asText().contains("(the page is /docs)"), missing.text());
            assertTrue(t.api.get("/ui/", null).text().contains("href=\"/docs\""), "the UI links to it");
        }
    }

    @Test
    void recentLogsAreForAdministratorsAndLinkedFromTheComponents() {
        try (TestServer t = TestServer.start()) {
            String admin = t.api.admin();
            t.api.get("/artifacts/model/31337", admin).expectError(404);
            JsonNode logs = t.api.get("/health/logs?limit=5", admin).expect(200).json();
            assertEquals(500, logs.path("capacity").asInt());
            JsonNode lines = logs.path("lines");
            assertTrue(lines.size() >= 2 && lines.size() <= 5, lines.toString());
            JsonNode last = lines.get(lines.size() - 1);
            assertEquals(404, last.path("status").asInt());
            assertEquals("/artifacts/{type}/{id}", last.path("route").asText());
            assertTrue(last.has("request_id") && last.has("latency_ms") && last.has("user"));

            JsonNode api = t.api.get("/health/components", null).expect(200).json().path("components").get(0);
            assertEquals("/health/logs", api.path("logs").get(0).path("url").asText());
            assertTrue(api.path("logs").get(0).has("last_updated_at"));

            t.api.get("/health/logs", null).expectError(403);
            t.api.post("/users", admin, "{\"user\":{\"name\":\"reader\",\"is_admin\":false},"
                    + "\"secret\":{\"password\":\"a long enough passphrase\"},\"permissions\":[\"search\"]}").expect(201);
            t.api.get("/health/logs", t.api.login("reader", "a long enough passphrase")).expectError(401);
            t.api.get("/health/logs?limit=0", admin).expectError(400);
            t.api.get("/health/logs?limit=501", admin).expectError(400);
            t.api.get("/health/logs?limit=many", admin).expectError(400);
        }
    }
}
