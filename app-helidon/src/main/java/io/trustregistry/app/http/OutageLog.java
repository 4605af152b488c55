package io.trustregistry.app.http;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.Status;

/**
 * Logs that a dependency is gone (a 503 or 502 answer naming it), once per dependency and
 * interval: while an outage lasts every request that needs the dependency fails, and the log
 * must tell the operator what happened without drowning the rest. The access log still has
 * every answer.
 */
final class OutageLog {

    private static final System.Logger LOG = System.getLogger(OutageLog.class.getName());

    private final long intervalNanos;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    OutageLog(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Logs {@code message} at WARNING unless one for the same dependency was logged within the interval. */
    void note(Status status, String message) {
        String key = dependencyOf(message);
        long now = System.nanoTime();
        Long before = lastLogged.get(key);
        if (before != null && now - before < intervalNanos) {
            return;
        }
        if (before == null ? lastLogged.putIfAbsent(key, now) == null : lastLogged.replace(key, before, now)) {
            LOG.log(Level.WARNING, "answering " + status.code() + ": " + message + " (the same outage is logged again"
                    + " after " + Duration.ofNanos(intervalNanos).toSeconds() + " s at the earliest)");
        }
    }

    /**
     * What names the dependency in a message: the text before its first parenthesis (the details
     * vary), at most 60 characters, so the keys stay few.
     */
    static String dependencyOf(String message) {
        String text = message == null ? "" : message;
        int cut = text.indexOf('(');
        String name = (cut < 0 ? text : text.substring(0, cut)).strip();
        return name.length() > 60 ? name.substring(0, 60) : name;
    }
}
