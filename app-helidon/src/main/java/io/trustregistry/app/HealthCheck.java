package io.trustregistry.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's health check: exits 0 when {@code GET /health} on this host answers 200,
 * 1 otherwise. Runtime images carry no curl, and the JDK's client is all it takes.
 */
public final class HealthCheck {

    /** Cannot be instantiated. */
    private HealthCheck() {
    }

    /**
     * Entry point.
     *
     * @param args ignored; the port comes from {@code PORT} (default 8080)
     */
    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("PORT", "8080");
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (java.io.IOException | RuntimeException e) {
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }
}
