package io.trustregistry.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.helidon.http.Status;

class OutageLogTest {

    private static final String DATABASE = "the metadata database (PostgreSQL at db:5432) is unreachable (attempt ";

    /** Runs {@code work} and returns the messages OutageLog logged meanwhile. */
    private static List<String> logged(Runnable work) {
        Logger jul = Logger.getLogger(OutageLog.class.getName());
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try {
            work.run();
        } finally {
            jul.removeHandler(handler);
        }
        return lines;
    }

    @Test
    void anOutageIsLoggedOncePerIntervalAndDependency() {
        OutageLog log = new OutageLog(Duration.ofHours(1));
        List<String> lines = logged(() -> {
            for (int i = 0; i < 100; i++) {
                log.note(Status.SERVICE_UNAVAILABLE_503, DATABASE + i + ")");
            }
            log.note(Status.BAD_GATEWAY_502, "the GitHub API (GITHUB_API_URL=http://gh) is unreachable or failing");
        });
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("answering 503: " + DATABASE + "0)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("answering 502: the GitHub API"), lines.get(1));
    }

    @Test
    void theSameOutageIsLoggedAgainOnceTheIntervalHasPassed() {
        OutageLog log = new OutageLog(Duration.ZERO);
        List<String> lines = logged(() -> {
            log.note(Status.SERVICE_UNAVAILABLE_503, DATABASE + "1)");
            log.note(Status.SERVICE_UNAVAILABLE_503, DATABASE + "2)");
        });
        assertEquals(2, lines.size(), lines.toString());
    }
}
