package io.trustregistry.app.observability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;

/**
 * The server's own figures, kept in a Dropwizard {@link MetricRegistry}: every request's latency
 * overall and per route, outcome counters, and gauges for CPU, memory and threads. Feeds
 * {@code /health?detailed=true}, the Prometheus endpoint {@code /metrics} and the CloudWatch
 * Embedded Metric Format reporter, so the three always agree.
 *
 * <p>Latency percentiles cover the last {@value #LATENCY_WINDOW_MINUTES} minutes, so they follow
 * the traffic rather than the whole life of the process; counters are totals since start.
 * Routes are the API's path templates, never raw paths, so the number of series stays bounded.
 * Thread-safe; recording is lock-free apart from the reservoirs' short critical sections.
 */
public final class ServerMetrics {

    /** Minutes of traffic behind the latency percentiles. */
    public static final int LATENCY_WINDOW_MINUTES = 5;

    static final String REQUESTS = "http.server.requests";
    static final String ROUTE_PREFIX = "http.server.route.";
    static final String SUCCESSFUL = "http.server.responses.successful";
    static final String CLIENT_ERRORS = "http.server.responses.client_errors";
    static final String SERVER_ERRORS = "http.server.responses.server_errors";

    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final double MIB = 1024.0 * 1024.0;

    private final MetricRegistry registry = new MetricRegistry();
    private final Timer requests;
    private final Counter successful;
    private final Counter clientErrors;
    private final Counter serverErrors;
    private final RequestWindows windows = new RequestWindows();

    /** Creates the registry with its request metrics and JVM gauges. */
    public ServerMetrics() {
        requests = recentTimer(REQUESTS);
        successful = registry.counter(SUCCESSFUL);
        clientErrors = registry.counter(CLIENT_ERRORS);
        serverErrors = registry.counter(SERVER_ERRORS);
        var memory = ManagementFactory.getMemoryMXBean();
        var os = ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        registry.register("jvm.memory.heap.used", (Gauge<Long>) () -> memory.getHeapMemoryUsage().getUsed());
        registry.register("jvm.memory.heap.committed",
                (Gauge<Long>) () -> memory.getHeapMemoryUsage().getCommitted());
        registry.register("jvm.memory.heap.max", (Gauge<Long>) () -> heapMax(memory.getHeapMemoryUsage()));
        registry.register("jvm.memory.non_heap.used",
                (Gauge<Long>) () -> memory.getNonHeapMemoryUsage().getUsed());
        registry.register("jvm.threads.live", (Gauge<Integer>) threads::getThreadCount);
        registry.register("process.memory.resident", (Gauge<Long>) () -> residentBytes().orElse(-1));
        registry.register("process.cpu.available_processors", (Gauge<Integer>) os::getAvailableProcessors);
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            registry.register("process.cpu.load", (Gauge<Double>) () -> clampLoad(sun.getProcessCpuLoad()));
            registry.register("system.cpu.load", (Gauge<Double>) () -> clampLoad(sun.getCpuLoad()));
        }
    }

    /**
     * Records one finished request.
     *
     * @param method  the HTTP method
     * @param route   the path template it matched, e.g. {@code /artifacts/{artifact_type}/{id}}
     * @param status  the response status
     * @param nanos   how long it took
     */
    public void record(String method, String route, int status, long nanos) {
        record(java.time.Instant.now(), method, route, null, status, nanos, null);
    }

    /**
     * Records one finished request, once, for every view of the traffic: the Dropwizard timers
     * and counters ({@code /metrics}, EMF, {@code /health?detailed=true}) and the per-minute
     * windows ({@code /health/components}, the dashboard's last hour).
     *
     * @param artifactType the artifact type the path names, or null
     * @param client       who asked ({@code user:NAME} or {@code ip:ADDRESS}), or null
     */
    public void record(java.time.Instant at, String method, String route, String artifactType, int status, long nanos,
                       String client) {
        windows.record(at, method + " " + route, artifactType, status, nanos / 1_000, client);
        requests.update(nanos, TimeUnit.NANOSECONDS);
        recentTimer(ROUTE_PREFIX + method + "." + route).update(nanos, TimeUnit.NANOSECONDS);
        if (status >= 500) {
            serverErrors.inc();
        } else if (status >= 400) {
            clientErrors.inc();
        } else {
            successful.inc();
        }
    }

    /** The per-minute windows of the same requests. */
    public RequestWindows windows() {
        return windows;
    }

    /** The underlying registry, for exporters. */
    public MetricRegistry registry() {
        return registry;
    }

    /** Everything {@code /health?detailed=true} reports, read now. */
    public Summary summary(int topEndpoints) {
        Snapshot latency = requests.getSnapshot();
        long total = requests.getCount();
        long failed = clientErrors.getCount() + serverErrors.getCount();
        List<Endpoint> endpoints = new ArrayList<>();
        for (RouteTimer route : routeTimers()) {
            Snapshot s = route.timer().getSnapshot();
            endpoints.add(new Endpoint(route.method(), route.route(), route.timer().getCount(),
                    millis(s.getMean()), millis(s.get99thPercentile())));
        }
        endpoints.sort(Comparator.comparingLong(Endpoint::requests).reversed()
                .thenComparing(Endpoint::route).thenComparing(Endpoint::method));
        long resident = gauge("process.memory.resident").longValue();
        return new Summary(total, successful.getCount(), failed, clientErrors.getCount(), serverErrors.getCount(),
                total == 0 ? 0 : round(100.0 * failed / total), total == 0 ? 0 : round(100.0 * serverErrors.getCount() / total),
                new Latency(millis(latency.getMean()), millis(latency.getMedian()), millis(latency.get95thPercentile()),
                        millis(latency.get99thPercentile()), millis(latency.getMax()), latency.size()),
                new Cpu(percent("system.cpu.load"), percent("process.cpu.load"),
                        Runtime.getRuntime().availableProcessors()),
                new Memory(mebibytes("jvm.memory.heap.used"), mebibytes("jvm.memory.heap.committed"),
                        mebibytes("jvm.memory.heap.max"), mebibytes("jvm.memory.non_heap.used"),
                        resident < 0 ? null : round(resident / MIB)),
                gauge("jvm.threads.live").intValue(),
                List.copyOf(endpoints.subList(0, Math.min(topEndpoints, endpoints.size()))));
    }

    /** Each route's timer, for exporters that label series by method and route. */
    public List<RouteTimer> routeTimers() {
        List<RouteTimer> routes = new ArrayList<>();
        for (Map.Entry<String, Timer> entry : registry.getTimers((name, metric) -> isRouteTimer(name)).entrySet()) {
            String key = entry.getKey().substring(ROUTE_PREFIX.length());
            int dot = key.indexOf('.');
            routes.add(new RouteTimer(key.substring(0, dot), key.substring(dot + 1), entry.getValue()));
        }
        return routes;
    }

    /** Whether a metric name is one of the per-route timers. */
    public static boolean isRouteTimer(String name) {
        return name.startsWith(ROUTE_PREFIX);
    }

    private Timer recentTimer(String name) {
        return registry.timer(name, () -> new Timer(
                new SlidingTimeWindowArrayReservoir(LATENCY_WINDOW_MINUTES, TimeUnit.MINUTES)));
    }

    /** The value of one of the gauges registered in the constructor. */
    private Number gauge(String name) {
        return (Number) registry.getGauges().get(name).getValue();
    }

    private double mebibytes(String gauge) {
        return round(gauge(gauge).longValue() / MIB);
    }

    private Double percent(String gauge) {
        Gauge<?> g = registry.getGauges().get(gauge);
        if (g == null || !(g.getValue() instanceof Double load) || load < 0) {
            return null;
        }
        return round(load * 100);
    }

    private static double clampLoad(double load) {
        return Double.isNaN(load) ? -1 : Math.min(1, load);
    }

    private static long heapMax(MemoryUsage heap) {
        return heap.getMax() < 0 ? heap.getCommitted() : heap.getMax();
    }

    /** Resident set size from {@code /proc}, where there is one. */
    static OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc unreadable: the figure is simply absent
        }
        return OptionalLong.empty();
    }

    private static double millis(double nanos) {
        return round(nanos / 1_000_000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The detailed health figures. Rates are percentages; times are milliseconds. */
    public record Summary(long totalRequests, long successful, long failed, long clientErrors, long serverErrors,
                          double errorRatePercent, double serverErrorRatePercent, Latency latency, Cpu cpu,
                          Memory memory, int threads, List<Endpoint> topEndpoints) {
    }

    /** Latency over the recent window; {@code samples} is how many requests it covers. */
    public record Latency(double avg, double p50, double p95, double p99, double max, int samples) {
    }

    /** CPU load in percent of the whole machine and of this process; null where unknown. */
    public record Cpu(Double systemPercent, Double processPercent, int availableProcessors) {
    }

    /** Memory in MiB; {@code residentMib} is null where the OS does not tell. */
    public record Memory(double heapUsedMib, double heapCommittedMib, double heapMaxMib, double nonHeapUsedMib,
                         Double residentMib) {
    }

    /** One route's timer (latencies in nanoseconds). */
    public record RouteTimer(String method, String route, Timer timer) {
    }

    /** One route's traffic: total requests since start, recent mean and p99. */
    public record Endpoint(String method, String route, long requests, double avgMs, double p99Ms) {
    }
}
