package io.trustregistry.app.http;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.app.observability.RequestWindows;
import io.trustregistry.app.observability.ServerMetrics;

/**
 * {@code GET /health}: liveness, answered without touching any dependency; with
 * {@code ?detailed=true} also the server's own figures (request counts, error rate, latency
 * percentiles, CPU, memory, busiest routes, the last hour per minute) from {@link ServerMetrics}.
 * The dependencies are {@link HealthComponentsEndpoint}'s, the log lines {@link HealthLogsEndpoint}'s.
 */
final class HealthEndpoint implements HttpService {

    private static final int TOP_ENDPOINTS = 10;

    private final RequestWindows metrics;
    private final ServerMetrics serverMetrics;
    private final String version;

    HealthEndpoint(ServerMetrics serverMetrics, String version) {
        this.metrics = serverMetrics.windows();
        this.serverMetrics = serverMetrics;
        this.version = version;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /health by RegistryRouting
        rules.get("/", this::liveness);
    }

    private void liveness(ServerRequest req, ServerResponse res) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "ok");
        json.put("checked_at", ResponseShapes.UTC.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        json.put("window_minutes", 60);
        json.put("uptime_seconds", Duration.between(metrics.started(), Instant.now()).toSeconds());
        json.put("version", version);
        if (QueryParameters.flag(req, "detailed")) {
            json.putAll(detailed(serverMetrics.summary(TOP_ENDPOINTS)));
            json.put("last_hour", lastHour(metrics.minutes(Instant.now(), 60)));
        }
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
}
