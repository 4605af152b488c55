package io.trustregistry.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Embedded Metric Format lines: valid directives, per-interval counts, real latencies. */
class EmfReporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachLineDeclaresItsMetricsAndCountsOnlyItsOwnInterval() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
        EmfReporter reporter = new EmfReporter(metrics, new PrintStream(out, true, StandardCharsets.UTF_8),
                "TrustRegistry", "trust-registry", clock);

        metrics.record("GET", "/artifacts/{type}/{id}", 200, 4_000_000);
        metrics.record("GET", "/artifacts/{type}/{id}", 404, 2_000_000);
        metrics.record("POST", "/artifact/{type}", 502, 40_000_000);
        reporter.report();
        metrics.record("GET", "/health", 200, 1_000_000);
        reporter.report();

        List<JsonNode> lines = lines(out);
        assertEquals(2, lines.size());
        JsonNode first = lines.get(0);
        JsonNode directive = first.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals(clock.millis(), first.path("_aws").path("Timestamp").asLong());
        assertEquals("TrustRegistry", directive.path("Namespace").asText());
        assertEquals("Service", directive.path("Dimensions").get(0).get(0).asText());
        assertEquals("trust-registry", first.path("Service").asText());
        // every declared metric is present as a number on the line, as CloudWatch requires
        for (JsonNode metric : directive.path("Metrics")) {
            String name = metric.path("Name").asText();
            assertTrue(first.path(name).isNumber(), name + " missing in " + first);
            assertTrue(List.of("Count", "Milliseconds", "Megabytes", "Percent").contains(metric.path("Unit").asText()));
        }
        assertEquals(3, first.path("Requests").asLong());
        assertEquals(1, first.path("ClientErrors").asLong());
        assertEquals(1, first.path("ServerErrors").asLong());
        assertEquals(40.0, first.path("LatencyP99").asDouble(), 0.001);
        assertTrue(first.path("HeapUsed").asDouble() > 0);

        JsonNode second = lines.get(1);
        assertEquals(1, second.path("Requests").asLong());
        assertEquals(0, second.path("ClientErrors").asLong());
        assertEquals(0, second.path("ServerErrors").asLong());
    }

    private static List<JsonNode> lines(ByteArrayOutputStream out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
