package io.trustregistry.app.http;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import io.trustregistry.app.observability.RecentLogs;
import io.trustregistry.app.observability.ServerMetrics;
import io.trustregistry.core.model.Principal;

/**
 * A filter around every request: gives it a request id ({@code X-Request-Id}, echoed back),
 * records it once in {@link ServerMetrics}, and writes one JSON line to stdout (request id, route,
 * status, latency, user) for CloudWatch Logs Insights or any log shipper. Tokens never appear.
 */
public final class AccessLog implements Filter {

    private static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    /**
     * The methods that get a label of their own. Any other method a client makes up folds into
     * {@code OTHER}: a label per made-up method would let anyone grow the metrics without bound.
     */
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "OPTIONS", "PATCH");

    private final ServerMetrics metrics;
    private final RecentLogs recent;
    private final PrintStream out;
    private final RouteTable routes;
    private final ReadDeadline deadline;

    AccessLog(ServerMetrics metrics, RecentLogs recent, PrintStream out, RouteTable routes, ReadDeadline deadline) {
        this.metrics = metrics;
        this.recent = recent;
        this.out = out;
        this.routes = routes;
        this.deadline = deadline;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        // the request's path as sent: once routed into a service mounted by prefix, req.path() is relative to it
        String path = req.prologue().uriPath().path();
        String requestId = req.headers().first(REQUEST_ID).filter(id -> id.matches("[A-Za-z0-9._-]{1,64}"))
                .orElseGet(() -> UUID.randomUUID().toString());
        res.header(REQUEST_ID, requestId);
        try {
            chain.proceed();
        } finally {
            // the handler is done, its answer written: the idle clock starts (or an unread body's keeps running)
            if (deadline != null) {
                deadline.handled();
            }
            long nanos = System.nanoTime() - started;
            long micros = nanos / 1_000;
            String route = routes.routeOf(path).orElse("(unmatched)");
            String user = req.context().get(Principal.class).map(Principal::userName).orElse(null);
            int status = res.status().code();
            String client = user != null ? "user:" + user : "ip:" + req.remotePeer().host();
            String method = METHODS.contains(req.prologue().method().text()) ? req.prologue().method().text()
                    : "OTHER";
            metrics.record(Instant.now(), method, route, RouteTable.artifactTypeOf(path), status, nanos, client);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("ts", Instant.now().toString());
            line.put("level", status >= 500 ? "ERROR" : "INFO");
            line.put("type", "request");
            line.put("request_id", requestId);
            line.put("method", method);
            line.put("route", route);
            line.put("status", status);
            line.put("latency_ms", micros / 1000.0);
            line.put("user", user);
            recent.add(line);
            if (out != null) {
                try {
                    out.println(JsonBodies.MAPPER.writeValueAsString(line));
                } catch (JsonProcessingException e) {
                    // a log line that cannot be written is not worth failing a request over
                }
            }
        }
    }
}
