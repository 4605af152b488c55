package io.trustregistry.app.http;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-minute request counters for the last day, for {@code /health/components}: totals, errors,
 * latency, per route, per artifact type, distinct clients. Recording is lock-free and O(1);
 * minutes older than a day are dropped as new ones start.
 */
public final class RequestMetrics {

    /** Minutes kept: the largest window the health endpoint accepts. */
    public static final int MAX_WINDOW_MINUTES = 1440;
    private static final int MAX_CLIENTS_PER_MINUTE = 10_000;

    private final ConcurrentSkipListMap<Long, Minute> minutes = new ConcurrentSkipListMap<>();
    private final Instant started = Instant.now();

    private static final class Minute {
        final LongAdder requests = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder latencyMicros = new LongAdder();
        final Map<String, LongAdder> perRoute = new ConcurrentHashMap<>();
        final Map<String, LongAdder> perType = new ConcurrentHashMap<>();
        final Set<String> clients = ConcurrentHashMap.newKeySet();
    }

    /** A summary of a window. */
    public record Window(long requests, long serverErrors, long clientErrors, double meanLatencyMs,
                         Map<String, Long> perRoute, Map<String, Long> perArtifactType, int uniqueClients,
                         Map<Instant, Long> perMinute) {
    }

    /** Records one finished request. */
    public void record(Instant at, String route, String artifactType, int status, long latencyMicros, String client) {
        long minute = at.getEpochSecond() / 60;
        Minute bucket = minutes.computeIfAbsent(minute, m -> new Minute());
        bucket.requests.increment();
        if (status >= 500) {
            bucket.serverErrors.increment();
        } else if (status >= 400) {
            bucket.clientErrors.increment();
        }
        bucket.latencyMicros.add(latencyMicros);
        bucket.perRoute.computeIfAbsent(route, r -> new LongAdder()).increment();
        if (artifactType != null) {
            bucket.perType.computeIfAbsent(artifactType, t -> new LongAdder()).increment();
        }
        if (client != null && bucket.clients.size() < MAX_CLIENTS_PER_MINUTE) {
            bucket.clients.add(client);
        }
        minutes.headMap(minute - MAX_WINDOW_MINUTES).clear();
    }

    /** Totals over the last {@code windowMinutes} minutes up to {@code now}. */
    public Window window(Instant now, int windowMinutes) {
        long last = now.getEpochSecond() / 60;
        long first = last - windowMinutes + 1;
        long requests = 0;
        long serverErrors = 0;
        long clientErrors = 0;
        long latency = 0;
        Map<String, Long> perRoute = new TreeMap<>();
        Map<String, Long> perType = new TreeMap<>();
        Set<String> clients = new java.util.HashSet<>();
        Map<Instant, Long> perMinute = new LinkedHashMap<>();
        for (long m = first; m <= last; m++) {
            perMinute.put(Instant.ofEpochSecond(m * 60), 0L);
        }
        for (Map.Entry<Long, Minute> entry : minutes.subMap(first, true, last, true).entrySet()) {
            Minute bucket = entry.getValue();
            long n = bucket.requests.sum();
            requests += n;
            serverErrors += bucket.serverErrors.sum();
            clientErrors += bucket.clientErrors.sum();
            latency += bucket.latencyMicros.sum();
            bucket.perRoute.forEach((route, count) -> perRoute.merge(route, count.sum(), Long::sum));
            bucket.perType.forEach((type, count) -> perType.merge(type, count.sum(), Long::sum));
            clients.addAll(bucket.clients);
            perMinute.put(Instant.ofEpochSecond(entry.getKey() * 60), n);
        }
        double mean = requests == 0 ? 0 : latency / 1000.0 / requests;
        return new Window(requests, serverErrors, clientErrors, mean, perRoute, perType, clients.size(), perMinute);
    }

    /** When this process started counting. */
    public Instant started() {
        return started;
    }

    /** The route names currently known, for tests. */
    List<String> routes() {
        return minutes.values().stream().flatMap(m -> m.perRoute.keySet().stream()).distinct().toList();
    }
}
