package io.trustregistry.app.observability;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.ScheduledReporter;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prints the key figures as one CloudWatch Embedded Metric Format line per interval on stdout.
 * On ECS the awslogs driver ships stdout to CloudWatch Logs, which turns each line into metrics
 * in {@link #namespace} (dimension {@code Service}) with no agent and no API calls from the
 * task. Counts are per interval (the difference since the previous line), latencies are the
 * percentiles of the recent window, memory and CPU are read at the moment of the line.
 */
public final class EmfReporter extends ScheduledReporter {

    /** The metrics each line declares, with their CloudWatch units. */
    static final Map<String, String> METRICS = metrics();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final String namespace;
    private final String service;
    private final Clock clock;
    private long lastRequests;
    private long lastClientErrors;
    private long lastServerErrors;

    /**
     * @param metrics   the server's metrics
     * @param out       where lines go (stdout in production)
     * @param namespace the CloudWatch namespace, e.g. {@code TrustRegistry}
     * @param service   the value of the {@code Service} dimension
     */
    public EmfReporter(ServerMetrics metrics, PrintStream out, String namespace, String service, Clock clock) {
        super(metrics.registry(), "cloudwatch-emf", MetricFilter.ALL, TimeUnit.SECONDS, TimeUnit.MILLISECONDS);
        this.out = out;
        this.namespace = namespace;
        this.service = service;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public synchronized void report(SortedMap<String, Gauge> gauges, SortedMap<String, Counter> counters,
                                    SortedMap<String, Histogram> histograms, SortedMap<String, Meter> meters,
                                    SortedMap<String, Timer> timers) {
        Timer requests = timers.get(ServerMetrics.REQUESTS);
        if (requests == null) {
            return;
        }
        long totalRequests = requests.getCount();
        long clientErrors = count(counters, ServerMetrics.CLIENT_ERRORS);
        long serverErrors = count(counters, ServerMetrics.SERVER_ERRORS);
        Snapshot latency = requests.getSnapshot();

        Map<String, Object> line = new LinkedHashMap<>();
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.of("Service")));
        directive.put("Metrics", METRICS.entrySet().stream()
                .map(e -> Map.of("Name", e.getKey(), "Unit", e.getValue())).toList());
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(directive)));
        line.put("Service", service);
        line.put("type", "metrics");
        line.put("Requests", totalRequests - lastRequests);
        line.put("ClientErrors", clientErrors - lastClientErrors);
        line.put("ServerErrors", serverErrors - lastServerErrors);
        line.put("LatencyP50", nanosToMillis(latency.getMedian()));
        line.put("LatencyP95", nanosToMillis(latency.get95thPercentile()));
        line.put("LatencyP99", nanosToMillis(latency.get99thPercentile()));
        line.put("HeapUsed", megabytes(gauges.get("jvm.memory.heap.used")));
        line.put("ResidentMemory", megabytes(gauges.get("process.memory.resident")));
        line.put("ProcessCpu", cpuPercent(gauges.get("process.cpu.load")));
        lastRequests = totalRequests;
        lastClientErrors = clientErrors;
        lastServerErrors = serverErrors;
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            // a metrics line that cannot be written is skipped; the next interval tries again
        }
    }

    private static Map<String, String> metrics() {
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("Requests", "Count");
        metrics.put("ClientErrors", "Count");
        metrics.put("ServerErrors", "Count");
        metrics.put("LatencyP50", "Milliseconds");
        metrics.put("LatencyP95", "Milliseconds");
        metrics.put("LatencyP99", "Milliseconds");
        metrics.put("HeapUsed", "Megabytes");
        metrics.put("ResidentMemory", "Megabytes");
        metrics.put("ProcessCpu", "Percent");
        return java.util.Collections.unmodifiableMap(metrics);
    }

    private static long count(Map<String, Counter> counters, String name) {
        Counter counter = counters.get(name);
        return counter == null ? 0 : counter.getCount();
    }

    private static double nanosToMillis(double nanos) {
        return Math.round(nanos / 1_000) / 1_000.0;
    }

    @SuppressWarnings("rawtypes")
    private static double megabytes(Gauge gauge) {
        if (gauge == null || !(gauge.getValue() instanceof Number bytes) || bytes.longValue() < 0) {
            return 0;
        }
        return Math.round(bytes.longValue() / 1024.0 / 1024.0 * 10) / 10.0;
    }

    @SuppressWarnings("rawtypes")
    private static double cpuPercent(Gauge gauge) {
        if (gauge == null || !(gauge.getValue() instanceof Number load) || load.doubleValue() < 0) {
            return 0;
        }
        return Math.round(load.doubleValue() * 1000) / 10.0;
    }
}
