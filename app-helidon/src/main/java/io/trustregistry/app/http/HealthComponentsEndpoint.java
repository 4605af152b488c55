package io.trustregistry.app.http;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.app.observability.RecentLogs;
import io.trustregistry.app.observability.RequestWindows;
import io.trustregistry.app.observability.ServerMetrics;
import io.trustregistry.core.Registry;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;

/**
 * {@code GET /health/components?windowMinutes=60&includeTimeline=false}: each dependency probed
 * now (catalog, blob store, upstream hubs) plus the API's own traffic over the window, judged by
 * the {@link HealthPolicy}.
 */
final class HealthComponentsEndpoint implements HttpService {

    private final Registry registry;
    private final RequestWindows metrics;
    private final RecentLogs recentLogs;
    private final HealthPolicy policy;

    HealthComponentsEndpoint(Registry registry, ServerMetrics serverMetrics, RecentLogs recentLogs,
                             HealthPolicy policy) {
        this.registry = registry;
        this.metrics = serverMetrics.windows();
        this.recentLogs = recentLogs;
        this.policy = policy;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /health by RegistryRouting
        rules.get("/components", this::components);
    }

    private void components(ServerRequest req, ServerResponse res) {
        int window = QueryParameters.integer(req, "windowMinutes", 60, 5, RequestWindows.MAX_WINDOW_MINUTES);
        boolean timeline = QueryParameters.flag(req, "includeTimeline");
        Instant now = Instant.now();
        List<Map<String, Object>> components = new ArrayList<>();
        components.add(api(now, window, timeline));
        for (ComponentHealth component : registry.health().components()) {
            components.add(shape(component, window, timeline));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("components", components);
        json.put("generated_at", ResponseShapes.UTC.format(now.truncatedTo(ChronoUnit.SECONDS)));
        json.put("window_minutes", window);
        JsonBodies.send(res, Status.OK_200, json);
    }

    private Map<String, Object> api(Instant now, int window, boolean timeline) {
        RequestWindows.Window traffic = metrics.window(now, window);
        double errorRate = traffic.requests() == 0 ? 0 : (double) traffic.serverErrors() / traffic.requests();
        HealthStatus status = policy.apiStatus(errorRate);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("total_requests", traffic.requests());
        values.put("server_errors", traffic.serverErrors());
        values.put("client_errors", traffic.clientErrors());
        values.put("error_rate", Math.round(errorRate * 10_000) / 10_000.0);
        values.put("mean_latency_ms", Math.round(traffic.meanLatencyMs() * 1000) / 1000.0);
        values.put("unique_clients", traffic.uniqueClients());
        values.put("uptime_seconds", Duration.between(metrics.started(), now).toSeconds());
        traffic.perRoute().forEach((route, count) -> values.put("requests " + route, count));
        traffic.perArtifactType().forEach((type, count) -> values.put("requests type=" + type, count));
        List<ComponentHealth.Issue> issues = status == HealthStatus.OK ? List.of() : List.of(
                new ComponentHealth.Issue("server-errors", status == HealthStatus.CRITICAL ? "error" : "warning",
                        "the API answered " + traffic.serverErrors() + " requests with 5xx in the window",
                        "see the access log lines with level ERROR"));
        Map<String, Object> json = shape(new ComponentHealth("api", "Registry API", "The REST API of this server",
                status, now, values, issues), window, false);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("label", "Access log of this server (newest " + RecentLogs.CAPACITY + " requests; administrators)");
        log.put("url", "/health/logs");
        log.put("tail_available", false);
        recentLogs.lastUpdated().ifPresent(at -> log.put("last_updated_at",
                ResponseShapes.UTC.format(at.truncatedTo(ChronoUnit.SECONDS))));
        json.put("logs", List.of(log));
        if (timeline) {
            List<Map<String, Object>> points = new ArrayList<>();
            traffic.perMinute().forEach((bucket, count) -> {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("bucket", ResponseShapes.UTC.format(bucket));
                point.put("value", count);
                point.put("unit", "requests/minute");
                points.add(point);
            });
            json.put("timeline", points);
        }
        return json;
    }

    private static Map<String, Object> shape(ComponentHealth component, int window, boolean timeline) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", component.id());
        json.put("display_name", component.displayName());
        json.put("status", component.status().wireName());
        json.put("observed_at", ResponseShapes.UTC.format(component.observedAt().truncatedTo(ChronoUnit.SECONDS)));
        json.put("description", component.description());
        Map<String, Object> metrics = new LinkedHashMap<>();
        component.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> metrics.put(e.getKey(), e.getValue()));
        json.put("metrics", metrics);
        List<Map<String, Object>> issues = new ArrayList<>();
        for (ComponentHealth.Issue issue : component.issues()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("code", issue.code());
            i.put("severity", issue.severity().toLowerCase(Locale.ROOT));
            i.put("summary", issue.summary());
            i.put("details", issue.details());
            issues.add(i);
        }
        json.put("issues", issues);
        if (timeline) {
            // dependencies are probed on demand, so their timeline is the single current observation
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("bucket", ResponseShapes.UTC.format(component.observedAt().truncatedTo(ChronoUnit.MINUTES)));
            point.put("value", component.status() == HealthStatus.OK ? 1 : 0);
            point.put("unit", "healthy (1) / unhealthy (0)");
            json.put("timeline", List.of(point));
        }
        return json;
    }
}
