package io.trustregistry.app.observability;

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
public final class RequestWindows {

    /** Minutes kept: the largest window the health endpoint accepts. */
    public static final int MAX_WINDOW_MINUTES = 1440;
    private static final int MAX_CLIENTS_PER_MINUTE = 10_000;

    private final ConcurrentSkipListMap<Long, Minute> minutes = new ConcurrentSkipListMap<>();
    private final Instant started = Instant.now();

    /** Upper bounds (ms) of the latency buckets behind the per-minute percentiles. */
    static final long[] LATENCY_BOUNDS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000};

    private static final class Minute {
        final LongAdder[] latencyBuckets = newBuckets();
        final LongAdder requests = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder latencyMicros = new LongAdder();
        final Map<String, LongAdder> perRoute = new ConcurrentHashMap<>();
        final Map<String, LongAdder> perType = new ConcurrentHashMap<>();
        final Set<String> clients = ConcurrentHashMap.newKeySet();
    }

    /**
     * One minute of traffic. Percentiles are the upper bound of the latency bucket they fall in
     * (so {@code p95Ms = 50} means "95 % of requests took at most 50 ms"); 0 without requests.
     */
    public record MinuteSummary(Instant minute, long requests, long serverErrors, long clientErrors, double p50Ms,
                                double p95Ms, double p99Ms) {
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
        bucket.latencyBuckets[bucketOf(latencyMicros)].increment();
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

    /** Each minute of the last {@code windowMinutes} up to {@code now}, oldest first, empty minutes included. */
    public List<MinuteSummary> minutes(Instant now, int windowMinutes) {
        long last = now.getEpochSecond() / 60;
        List<MinuteSummary> result = new java.util.ArrayList<>();
        for (long m = last - windowMinutes + 1; m <= last; m++) {
            Minute bucket = minutes.get(m);
            Instant at = Instant.ofEpochSecond(m * 60);
            if (bucket == null) {
                result.add(new MinuteSummary(at, 0, 0, 0, 0, 0, 0));
                continue;
            }
            long[] counts = new long[bucket.latencyBuckets.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = bucket.latencyBuckets[i].sum();
            }
            result.add(new MinuteSummary(at, bucket.requests.sum(), bucket.serverErrors.sum(),
                    bucket.clientErrors.sum(), percentile(counts, 0.50), percentile(counts, 0.95),
                    percentile(counts, 0.99)));
        }
        return result;
    }

    private static LongAdder[] newBuckets() {
        LongAdder[] buckets = new LongAdder[LATENCY_BOUNDS_MS.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
        return buckets;
    }

    static int bucketOf(long latencyMicros) {
        for (int i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
            if (latencyMicros <= LATENCY_BOUNDS_MS[i] * 1_000) {
                return i;
            }
        }
        return LATENCY_BOUNDS_MS.length;
    }

    /** The upper bound of the bucket holding the {@code quantile}; beyond the last bound, that bound doubled. */
    static double percentile(long[] counts, double quantile) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i] : LATENCY_BOUNDS_MS[i - 1] * 2.0;
            }
        }
        return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1] * 2.0;
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
