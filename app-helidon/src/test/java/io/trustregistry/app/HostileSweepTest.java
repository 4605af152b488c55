package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every path of the API, every method, with hostile path parameters, query strings, bodies and
 * tokens, on the filesystem and on PostgreSQL + S3: thousands of requests, and not one answer
 * may be a 5xx (a 502/503 would mean an upstream or a dependency, and none is down here).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSweepTest {

    private static final List<String> PATHS = List.of("/health", "/health/components", "/artifacts", "/reset",
            "/artifacts/{type}/{id}", "/artifact/{type}", "/artifact/model/{id}/rate", "/artifact/{type}/{id}/cost",
            "/authenticate", "/artifact/byName/{name}", "/artifact/{type}/{id}/audit", "/artifact/model/{id}/lineage",
            "/artifact/model/{id}/license-check", "/artifact/byRegEx", "/tracks", "/artifacts/PackageConfusionAudit",
            "/artifacts/{type}/{id}/download", "/users", "/users/{name}", "/openapi", "/metrics",
            "/artifacts/model/{id}/sensitivity", "/artifacts/model/{id}/monitor", "/artifacts/model/{id}/downloads");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH");
    private static final List<String> TYPES = List.of("model", "dataset", "code", "MODEL", "widget", "%00", "..",
            "%2e%2e%2f", "model%20");
    private static final List<String> IDS = List.of("1", "0", "-1", "99999999999999999999999", "abc", "%00", "a%2Fb",
            "%2e%2e", "'%20OR%201=1--", "%F0%9F%98%80", "x".repeat(300));
    private static final List<String> BODIES = List.of("", "{", "null", "[]", "{}", "[{}]", "\"x\"", "1e999",
            "{\"url\":\"http://[::1\"}", "{\"url\":\"javascript:alert(1)\"}", "{\"url\":\"file:///etc/passwd\"}",
            "{\"url\":\"https://huggingface.co/\\u0000\"}", "[{\"name\":\"*\",\"types\":[null]}]",
            "{\"regex\":\"(\"}", "{\"regex\":\"" + "a".repeat(5000) + "\"}", "{\"github_url\":\"ftp://x\"}",
            "{\"metadata\":{\"name\":\"\",\"id\":\"\",\"type\":\"\"},\"data\":{\"url\":\"\"}}",
            "{\"user\":{\"name\":\"x\",\"is_admin\":\"yes\"},\"secret\":{\"password\":1}}", "\u0000");
    private static final List<String> QUERIES = List.of("", "?offset=-1", "?offset=%00", "?dependency=maybe",
            "?aspect=all", "?file=..%2F..%2Fetc%2Fpasswd", "?windowMinutes=999999999", "?detailed=%ff", "?format=x");

    private EveryBackend backends;

    @BeforeAll
    void start() {
        backends = EveryBackend.start();
    }

    @AfterAll
    void stop() {
        backends.close();
    }

    private static String fill(String path, String type, String id) {
        return path.replace("{type}", type).replace("{id}", id).replace("{name}", id);
    }

    @Test
    void noHostileRequestGetsA5xx() {
        for (TestServer t : backends.servers()) {
            String admin = t.api.admin();
            String real = t.api.register(admin, "model", "https://huggingface.co/acme/tiny-model");
            List<String> failures = new ArrayList<>();
            int sent = 0;
            for (String path : PATHS) {
                for (String method : METHODS) {
                    List<String> urls = new ArrayList<>();
                    if (path.contains("{")) {
                        for (String type : TYPES) {
                            urls.add(fill(path, type, real));
                        }
                        for (String id : IDS) {
                            urls.add(fill(path, "model", id));
                        }
                    } else {
                        urls.add(path);
                    }
                    for (String url : urls) {
                        for (String query : QUERIES.subList(0, url.equals(path) ? QUERIES.size() : 2)) {
                            for (String body : method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")
                                    ? List.of("") : BODIES) {
                                if (url.equals("/reset") && method.equals("DELETE")) {
                                    continue;
                                }
                                for (String token : new String[] {admin, null, "bearer not-a-token"}) {
                                    Api.Reply reply = t.api.send(method, url + query, token, body.isEmpty() ? null : body);
                                    sent++;
                                    if (reply.status() >= 500) {
                                        failures.add(method + " " + url + query + " body=" + abbreviate(body) + " -> "
                                                + reply.status() + " " + abbreviate(reply.text()));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            assertTrue(sent > 2_000, "sent " + sent);
            assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " answered 5xx:\n"
                    + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
