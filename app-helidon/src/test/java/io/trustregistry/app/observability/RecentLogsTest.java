package io.trustregistry.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecentLogsTest {

    @Test
    void keepsTheNewestLinesInOrderAndDropsNulls() {
        RecentLogs logs = new RecentLogs();
        assertTrue(logs.lastUpdated().isEmpty());
        for (int i = 0; i < RecentLogs.CAPACITY + 20; i++) {
            Map<String, Object> line = new HashMap<>();
            line.put("n", i);
            line.put("user", null);
            logs.add(line);
        }
        assertEquals(RecentLogs.CAPACITY, logs.latest(10_000).size());
        assertEquals(20, logs.latest(10_000).get(0).get("n"));
        assertEquals(RecentLogs.CAPACITY + 19, logs.latest(3).get(2).get("n"));
        assertEquals(3, logs.latest(3).size());
        assertFalse(logs.latest(1).get(0).containsKey("user"));
        assertTrue(logs.lastUpdated().isPresent());
    }
}
