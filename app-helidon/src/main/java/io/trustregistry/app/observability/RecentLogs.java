package io.trustregistry.app.observability;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last {@link #CAPACITY} log lines of this server, newest last, so that operators (and the
 * web UI's health page) can read recent activity without access to the log shipper. The full
 * log still goes to stdout. Thread-safe; adding is O(1).
 */
public final class RecentLogs {

    public static final int CAPACITY = 500;

    private final Deque<Map<String, Object>> lines = new ArrayDeque<>(CAPACITY);
    private Instant lastUpdated;

    /** Adds one structured line, dropping the oldest when full. */
    public synchronized void add(Map<String, Object> line) {
        if (lines.size() == CAPACITY) {
            lines.removeFirst();
        }
        lines.addLast(Map.copyOf(withoutNulls(line)));
        lastUpdated = Instant.now();
    }

    /** The newest {@code limit} lines, oldest first. */
    public synchronized List<Map<String, Object>> latest(int limit) {
        List<Map<String, Object>> all = new ArrayList<>(lines);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    /** When the newest line was added, if any was. */
    public synchronized Optional<Instant> lastUpdated() {
        return Optional.ofNullable(lastUpdated);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> line) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        line.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
