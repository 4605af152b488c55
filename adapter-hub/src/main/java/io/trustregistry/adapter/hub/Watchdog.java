package io.trustregistry.adapter.hub;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one timer thread that enforces read deadlines on upstream answers. */
final class Watchdog {

    /** Daemon, so it never keeps the JVM alive; its tasks only close streams. */
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-read-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private Watchdog() {
    }
}
