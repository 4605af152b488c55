package io.trustregistry.app.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.codahale.metrics.Snapshot;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

import io.trustregistry.app.observability.ServerMetrics;

/**
 * {@code GET /metrics}: the server's metrics in the Prometheus text format, for a Prometheus
 * scraper or the CloudWatch agent. Dropwizard metrics are exported as they are; the per-route
 * timers become one summary family, {@code http_server_route_seconds}, labelled with
 * {@code method} and {@code route} (path templates, never raw paths). Like {@code /health} it
 * needs no token and shows no artifact or user data.
 */
final class MetricsEndpoint implements HttpService {

    private static final double NANOS_PER_SECOND = 1e9;

    private final ServerMetrics metrics;
    private final PrometheusRegistry prometheus = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsEndpoint(ServerMetrics metrics) {
        this.metrics = metrics;
        DropwizardExports.builder()
                .dropwizardRegistry(metrics.registry())
                .metricFilter((name, metric) -> !ServerMetrics.isRouteTimer(name))
                .register(prometheus);
        prometheus.register(this::routeSummaries);
    }

    @Override
    public void routing(HttpRules rules) {
        // mounted under /metrics by RegistryRouting
        rules.get("/", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(body, prometheus.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, writer.getContentType());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body.toByteArray());
    }

    private MetricSnapshot routeSummaries() {
        SummarySnapshot.Builder family = SummarySnapshot.builder()
                .name("http_server_route_seconds")
                .help("Latency of requests per route (quantiles over the last "
                        + ServerMetrics.LATENCY_WINDOW_MINUTES + " minutes)");
        for (ServerMetrics.RouteTimer route : metrics.routeTimers()) {
            Snapshot s = route.timer().getSnapshot();
            family.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                    .labels(Labels.of("method", route.method(), "route", route.route()))
                    .count(route.timer().getCount())
                    .quantiles(Quantiles.of(
                            new Quantile(0.5, s.getMedian() / NANOS_PER_SECOND),
                            new Quantile(0.95, s.get95thPercentile() / NANOS_PER_SECOND),
                            new Quantile(0.99, s.get99thPercentile() / NANOS_PER_SECOND)))
                    .build());
        }
        return family.build();
    }
}
