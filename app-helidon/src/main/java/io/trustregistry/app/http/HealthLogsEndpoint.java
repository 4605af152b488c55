package io.trustregistry.app.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.app.observability.RecentLogs;
import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.model.Principal;

/**
 * {@code GET /health/logs?limit=100}: the newest access-log lines of this server, for
 * administrators (the lines name users). The API component of {@code /health/components} links
 * here as its log reference.
 */
final class HealthLogsEndpoint implements HttpService {

    private final Callers callers;
    private final RecentLogs recentLogs;

    HealthLogsEndpoint(Callers callers, RecentLogs recentLogs) {
        this.callers = callers;
        this.recentLogs = recentLogs;
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /health by RegistryRouting
        rules.get("/logs", this::logs);
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
        int limit = QueryParameters.integer(req, "limit", 100, 1, RecentLogs.CAPACITY);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lines", recentLogs.latest(limit));
        json.put("capacity", RecentLogs.CAPACITY);
        JsonBodies.send(res, Status.OK_200, json);
    }
}
