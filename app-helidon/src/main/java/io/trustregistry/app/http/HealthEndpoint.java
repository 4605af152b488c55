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
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.ComponentHealth;
import io.trustregistry.core.model.HealthStatus;

/**
 * {@code GET /health}: liveness, answered without touching any dependency; with
 * {@code ?detailed=true} also the server's own figures (request counts, error rate, latency
 * percentiles, CPU, memory, busiest routes) from {@link ServerMetrics}.
 * {@code GET /health/components?windowMinutes=60&includeTimeline=false}: each dependency
 * probed now (catalog, blob store, upstream hubs) plus the API's own traffic over the window.
 */
final class HealthEndpoint implements HttpService {

    private final Registry registry;
    private static final int TOP_ENDPOINTS = 10;

    private final Callers callers;
    private final RequestWindows metrics;
    private final ServerMetrics serverMetrics;
    private final RecentLogs recentLogs;
    private final String version;

    HealthEndpoint(Registry registry, Callers callers, ServerMetrics serverMetrics,
                   RecentLogs recentLogs, String version) {
        this.registry = registry;
        this.callers = callers;
        this.metrics = serverMetrics.windows();
        this.serverMetrics = serverMetrics;
        this.recentLogs = recentLogs;
        this.version = version;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::liveness)
                .get("/health/components", this::components)
                .get("/health/logs", this::logs);
    }

    private void liveness(ServerRequest req, ServerResponse res) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "ok");
        json.put("checked_at", ResponseShapes.UTC.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        json.put("window_minutes", 60);
        json.put("uptime_seconds", Duration.between(metrics.started(), Instant.now()).toSeconds());
        json.put("version", version);
        if (ArtifactInsightsEndpoint.booleanParameter(req, "detailed")) {
            json.putAll(detailed(serverMetrics.summary(TOP_ENDPOINTS)));
            json.put("last_hour", lastHour(metrics.minutes(Instant.now(), 60)));
        }
        JsonBodies.send(res, Status.OK_200, json);
    }

    /**
     * {@code GET /health/logs?limit=100}: the newest access-log lines of this server (at most
     * {@value RecentLogs#CAPACITY}), for administrators: the lines name users. The API component
     * of {@code /health/components} links here as its log reference.
     */
    private void logs(ServerRequest req, ServerResponse res) {
        Principal caller = callers.of(req);
        if (!caller.admin()) {
            throw new PermissionDeniedException("reading the server's logs needs an administrator");
        }
        int limit = 100;
        List<String> values = req.query().all("limit", List::of);
        if (!values.isEmpty()) {
            try {
                limit = Integer.parseInt(values.get(0));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > RecentLogs.CAPACITY) {
                throw new InvalidRequestException("'limit' must be an integer from 1 to " + RecentLogs.CAPACITY);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lines", recentLogs.latest(limit));
        json.put("capacity", RecentLogs.CAPACITY);
        JsonBodies.send(res, Status.OK_200, json);
    }

    /** Per-minute activity of the last hour: requests, errors, error rate and latency percentiles. */
    private static List<Map<String, Object>> lastHour(List<RequestWindows.MinuteSummary> minutes) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (RequestWindows.MinuteSummary m : minutes) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("minute", ResponseShapes.UTC.format(m.minute()));
            point.put("requests", m.requests());
            point.put("server_errors", m.serverErrors());
            point.put("client_errors", m.clientErrors());
            point.put("error_rate_percent", m.requests() == 0 ? 0.0
                    : Math.round(10_000.0 * (m.serverErrors() + m.clientErrors()) / m.requests()) / 100.0);
            point.put("p50_ms", m.p50Ms());
            point.put("p95_ms", m.p95Ms());
            point.put("p99_ms", m.p99Ms());
            points.add(point);
        }
        return points;
    }

    private static Map<String, Object> detailed(ServerMetrics.Summary s) {
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", s.totalRequests());
        requests.put("successful", s.successful());
        requests.put("failed", s.failed());
        requests.put("client_errors", s.clientErrors());
        requests.put("server_errors", s.serverErrors());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("avg", s.latency().avg());
        latency.put("p50", s.latency().p50());
        latency.put("p95", s.latency().p95());
        latency.put("p99", s.latency().p99());
        latency.put("max", s.latency().max());
        latency.put("samples", s.latency().samples());
        latency.put("window_minutes", ServerMetrics.LATENCY_WINDOW_MINUTES);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("system_percent", s.cpu().systemPercent());
        cpu.put("process_percent", s.cpu().processPercent());
        cpu.put("available_processors", s.cpu().availableProcessors());
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heap_used_mib", s.memory().heapUsedMib());
        memory.put("heap_committed_mib", s.memory().heapCommittedMib());
        memory.put("heap_max_mib", s.memory().heapMaxMib());
        memory.put("non_heap_used_mib", s.memory().nonHeapUsedMib());
        memory.put("resident_mib", s.memory().residentMib());
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("cpu", cpu);
        system.put("memory", memory);
        system.put("threads", s.threads());
        List<Map<String, Object>> top = new ArrayList<>();
        for (ServerMetrics.Endpoint e : s.topEndpoints()) {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("method", e.method());
            endpoint.put("route", e.route());
            endpoint.put("requests", e.requests());
            endpoint.put("avg_ms", e.avgMs());
            endpoint.put("p99_ms", e.p99Ms());
            top.add(endpoint);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requests", requests);
        json.put("error_rate_percent", s.errorRatePercent());
        json.put("server_error_rate_percent", s.serverErrorRatePercent());
        json.put("response_times_ms", latency);
        json.put("system", system);
        json.put("top_endpoints", top);
        return json;
    }

    private void components(ServerRequest req, ServerResponse res) {
        int window = windowMinutes(req);
        boolean timeline = ArtifactInsightsEndpoint.booleanParameter(req, "includeTimeline");
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
        HealthStatus status = errorRate > 0.25 ? HealthStatus.CRITICAL
                : errorRate > 0.05 ? HealthStatus.DEGRADED : HealthStatus.OK;
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

    private static int windowMinutes(ServerRequest req) {
        List<String> values = req.query().all("windowMinutes", List::of);
        if (values.isEmpty() || values.get(0).isEmpty()) {
            return 60;
        }
        try {
            int minutes = Integer.parseInt(values.get(0));
            if (minutes >= 5 && minutes <= RequestWindows.MAX_WINDOW_MINUTES) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // fall through to the explanation
        }
        throw new InvalidRequestException("'windowMinutes' must be an integer from 5 to 1440");
    }
}
