package io.trustregistry.app.http;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import io.trustregistry.app.config.AppSettings;
import io.trustregistry.app.observability.RecentLogs;
import io.trustregistry.app.observability.ServerMetrics;
import io.trustregistry.core.Registry;

/**
 * All routes of the API, their error handling and the access log, in one place. Order matters
 * where patterns overlap: {@code /artifact/byRegEx} is registered before
 * {@code /artifact/{type}}. Whatever matches nothing gets a JSON 404 (unknown path) or 405
 * (known path, other method).
 */
public final class RegistryRouting {

    private RegistryRouting() {
    }

    /** Adds every route to {@code routing}. */
    public static void configure(HttpRouting.Builder routing, Registry registry, AppSettings settings,
                                 ServerMetrics serverMetrics, Optional<PrintStream> accessLog,
                                 String version) {
        Callers callers = new Callers(registry);
        BaseUrl baseUrl = new BaseUrl(settings.publicUrl());
        RecentLogs recentLogs = new RecentLogs();
        routing.addFilter(new AccessLog(serverMetrics, recentLogs, accessLog.orElse(null)));
        routing.addFilter(WebUi::securityHeaders);
        routing.addFilter(JsonBodies.limitFilter(settings.maxBodyBytes()));
        ErrorResponses.install(routing);
        routing.register(
                new HealthEndpoint(serverMetrics, version),
                new HealthComponentsEndpoint(registry, serverMetrics, recentLogs, HealthPolicy.DEFAULT),
                new HealthLogsEndpoint(callers, recentLogs),
                new MetricsEndpoint(serverMetrics),
                new TracksEndpoint(),
                new OpenApiEndpoint(),
                new AuthenticateEndpoint(registry),
                new SearchEndpoint(registry, callers),
                new ArtifactCreateEndpoint(registry, callers, baseUrl),
                new RateEndpoint(registry, callers),
                new ArtifactInsightsEndpoint(registry, callers),
                new PackageConfusionEndpoint(registry, callers),
                new DownloadEndpoint(registry, callers),
                new ArtifactsEndpoint(registry, callers, baseUrl),
                new ResetEndpoint(registry, callers),
                new UsersEndpoint(registry, callers));
        WebUi.register(routing);
        routing.any((req, res) -> {
            String path = req.path().path();
            if (path.startsWith("/ui/") && req.prologue().method().text().equals("GET")) {
                ErrorResponses.send(res, Status.NOT_FOUND_404, "the web UI has no file "
                        + PathParameters.abbreviate(path));
            } else if (RouteTable.routeOf(path).isPresent()) {
                res.header(HeaderNames.ALLOW, List.of("GET", "POST", "PUT", "DELETE").toArray(String[]::new));
                ErrorResponses.send(res, Status.METHOD_NOT_ALLOWED_405, req.prologue().method().text()
                        + " is not supported on " + PathParameters.abbreviate(path));
            } else {
                ErrorResponses.send(res, Status.NOT_FOUND_404, "no such endpoint: "
                        + req.prologue().method().text() + " " + PathParameters.abbreviate(path)
                        + " (the API is described at /openapi)");
            }
        });
    }
}
