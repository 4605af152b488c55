package io.trustregistry.app.http;

import java.io.PrintStream;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import io.trustregistry.app.config.AppSettings;
import io.trustregistry.app.observability.RecentLogs;
import io.trustregistry.app.observability.ServerMetrics;
import io.trustregistry.core.Registry;

/**
 * All areas of the API mounted by prefix, their error handling and the access log, in one place.
 * Each endpoint lists its own routes, relative to its prefix, in {@code routing(HttpRules)}; the
 * {@link RouteTable} records them as they register. Order matters where patterns overlap:
 * {@code /artifact/byRegEx} is registered before {@code /artifact/{type}}. Whatever matches
 * nothing gets a JSON 404 (unknown path) or 405 (known path, other method).
 */
public final class RegistryRouting {

    private RegistryRouting() {
    }

    /** Adds every route to {@code routing}. */
    public static void configure(HttpRouting.Builder routing, Registry registry, AppSettings settings,
                                 ServerMetrics serverMetrics, Optional<PrintStream> accessLog,
                                 String version, ReadDeadline deadline) {
        Callers callers = new Callers(registry);
        BaseUrl baseUrl = new BaseUrl(settings.publicUrl());
        RecentLogs recentLogs = new RecentLogs();
        RouteTable routes = new RouteTable();
        routing.addFilter(new AccessLog(serverMetrics, recentLogs, accessLog.orElse(null), routes, deadline));
        routing.addFilter(WebUi::securityHeaders);
        routing.addFilter(JsonBodies.limitFilter(settings.maxBodyBytes()));
        ErrorResponses.install(routing);
        // each area mounted by its prefix; inside one, the first service whose route matches wins
        routes.recording(routing)
                .register("/health", new HealthEndpoint(serverMetrics, version),
                        new HealthComponentsEndpoint(registry, serverMetrics, recentLogs, HealthPolicy.DEFAULT),
                        new HealthLogsEndpoint(callers, recentLogs))
                .register("/metrics", new MetricsEndpoint(serverMetrics))
                .register("/tracks", new TracksEndpoint())
                .register("/openapi", new OpenApiEndpoint())
                .register("/authenticate", new AuthenticateEndpoint(registry))
                .register("/reset", new ResetEndpoint(registry, callers))
                .register("/artifacts", new PackageConfusionEndpoint(registry, callers),
                        new DownloadEndpoint(registry, callers), new SensitiveModelsEndpoint(registry, callers),
                        new ArtifactsEndpoint(registry, callers, baseUrl))
                // byName and byRegEx before the create route's /artifact/{type}
                .register("/artifact", new SearchEndpoint(registry, callers), new RateEndpoint(registry, callers),
                        new ArtifactInsightsEndpoint(registry, callers),
                        new ArtifactCreateEndpoint(registry, callers, baseUrl))
                .register("/users", new UsersEndpoint(registry, callers))
                .register("/transactions", new TransactionsEndpoint(registry, callers, baseUrl));
        WebUi.register(routing, routes);
        ApiDocs.register(routing, routes);
        routing.any((req, res) -> {
            String path = req.path().path();
            String method = req.prologue().method().text();
            Optional<RouteTable.Route> route = routes.match(path);
            if (path.startsWith("/ui/") && req.prologue().method().text().equals("GET")) {
                ErrorResponses.send(res, Status.NOT_FOUND_404, "the web UI has no file "
                        + PathParameters.abbreviate(path));
            } else if (path.startsWith("/docs/") && req.prologue().method().text().equals("GET")) {
                ErrorResponses.send(res, Status.NOT_FOUND_404, "the API documentation page has no file "
                        + PathParameters.abbreviate(path) + " (the page is /docs)");
            } else if (route.isPresent() && path.length() > 1 && path.endsWith("/")
                    && route.get().methods().contains(method)) {
                // only the trailing slash differs from a route: say so rather than refuse the method
                ErrorResponses.send(res, Status.NOT_FOUND_404, "no such endpoint: " + method + " "
                        + PathParameters.abbreviate(path) + " (without the trailing slash: "
                        + PathParameters.abbreviate(path.substring(0, path.length() - 1)) + ")");
            } else if (route.isPresent()) {
                res.header(HeaderNames.ALLOW, String.join(", ", new java.util.TreeSet<>(route.get().methods())));
                ErrorResponses.send(res, Status.METHOD_NOT_ALLOWED_405, method + " is not supported on "
                        + PathParameters.abbreviate(path));
            } else {
                ErrorResponses.send(res, Status.NOT_FOUND_404, "no such endpoint: "
                        + req.prologue().method().text() + " " + PathParameters.abbreviate(path)
                        + " (the API is described at /openapi)");
            }
        });
    }
}
