package io.trustregistry.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Per-minute counters and latency percentiles over the last hour. */
class RequestWindowsTest {

    @Test
    void percentilesComeFromTheMinutesOwnRequests() {
        RequestWindows metrics = new RequestWindows();
        Instant now = Instant.parse("2026-11-28T10:00:30Z");
        for (int i = 0; i < 98; i++) {
            metrics.record(now, "GET /health", null, 200, 3_000, "ip:a");
        }
        metrics.record(now, "GET /health", null, 500, 700_000, "ip:a");
        metrics.record(now, "GET /health", null, 404, 40_000_000, "ip:a");
        metrics.record(now.minusSeconds(120), "GET /health", null, 200, 150_000, "ip:b");

        List<RequestWindows.MinuteSummary> hour = metrics.minutes(now, 60);
        assertEquals(60, hour.size());
        RequestWindows.MinuteSummary current = hour.get(59);
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), current.minute());
        assertEquals(100, current.requests());
        assertEquals(1, current.serverErrors());
        assertEquals(1, current.clientErrors());
        assertEquals(5, current.p50Ms());
        assertEquals(5, current.p95Ms());
        assertEquals(1_000, current.p99Ms());
        assertEquals(200, hour.get(57).p50Ms());
        assertEquals(0, hour.get(58).requests());
        assertEquals(0, hour.get(58).p99Ms());
    }

    @Test
    void theSlowestBucketIsOpenEnded() {
        assertEquals(RequestWindows.LATENCY_BOUNDS_MS.length, RequestWindows.bucketOf(60_000_000));
        long[] counts = new long[RequestWindows.LATENCY_BOUNDS_MS.length + 1];
        counts[counts.length - 1] = 1;
        assertEquals(60_000, RequestWindows.percentile(counts, 0.5));
        assertEquals(0, RequestWindows.percentile(new long[counts.length], 0.5));
    }
}
