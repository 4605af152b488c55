package io.trustregistry.app.http;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * Closes a connection whose request line and headers do not arrive within the header timeout
 * (the defence against slowloris: clients that open many connections and send their headers a
 * byte at a time, or stop halfway, until the server runs out of sockets). Helidon 4.5's own idle
 * sweep only closes connections still waiting for a request line, and its read timeout does not
 * apply to the NIO channels it serves, hence this watchdog.
 *
 * <p>The clock starts when a connection is accepted ({@link #http1Selector}, the listener's only
 * connection selector, is handed each connection at once), or at the request line of a later
 * request on a kept-alive connection (this is also a receive listener), and stops when the
 * headers are complete; bodies and handlers have their own limits, and Helidon's idle sweep
 * closes connections silent between requests. Connections are held weakly, so a closed
 * one is forgotten without bookkeeping. One platform thread checks twice a second.
 */
public final class HeaderDeadline implements Http1ConnectionListener, AutoCloseable {

    /** No deadline running: the connection is past its headers (or never started). */
    private static final long NONE = Long.MIN_VALUE;

    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Map<ConnectionContext, Watch> deadlines = new WeakHashMap<>();
    private final AtomicLong closed = new AtomicLong();
    private final ScheduledExecutorService watchdog;

    /** A watchdog on the system clock, checking every half second. */
    public HeaderDeadline(Duration timeout) {
        this(timeout, System::nanoTime, true);
    }

    HeaderDeadline(Duration timeout, LongSupplier nanoClock, boolean schedule) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the header timeout must be positive, not " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
        if (schedule) {
            this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "header-deadline");
                thread.setDaemon(true);
                return thread;
            });
            watchdog.scheduleWithFixedDelay(this::closeOverdue, 500, 500, TimeUnit.MILLISECONDS);
        } else {
            this.watchdog = null;
        }
    }

    /**
     * The HTTP/1 connection selector, wrapped so that a connection's clock starts when it gets
     * one. Make it the listener's only selector ({@code protocolsDiscoverServices(false)} and
     * {@code addConnectionSelector}): Helidon then hands it every connection at accept, before a
     * byte arrives; beside other selectors it would only see connections that have sent bytes.
     */
    public ServerConnectionSelector http1Selector(Http1Config config) {
        ServerConnectionSelector http1 = Http1ConnectionSelector.builder().config(config).build();
        return new ServerConnectionSelector() {
            @Override
            public int bytesToIdentifyConnection() {
                return http1.bytesToIdentifyConnection();
            }

            @Override
            public Support supports(BufferData data) {
                return http1.supports(data);
            }

            @Override
            public Set<String> supportedApplicationProtocols() {
                return http1.supportedApplicationProtocols();
            }

            @Override
            public ServerConnection connection(ConnectionContext ctx) {
                ServerConnection connection = http1.connection(ctx);
                started(ctx, connection);
                return connection;
            }
        };
    }

    /** A new connection starts its clock. */
    void started(ConnectionContext ctx, ServerConnection connection) {
        synchronized (deadlines) {
            deadlines.computeIfAbsent(ctx, c -> new Watch(nanoClock.getAsLong() + timeoutNanos, connection));
        }
    }

    /** One connection's clock, and the connection itself (weakly: it references its context). */
    private static final class Watch {
        final AtomicLong deadline;
        final WeakReference<ServerConnection> connection;

        Watch(long deadline, ServerConnection connection) {
            this.deadline = new AtomicLong(deadline);
            this.connection = new WeakReference<>(connection);
        }
    }

    /** A later request's line restarts the clock; the first one's keeps running from its first byte. */
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        synchronized (deadlines) {
            Watch watch = deadlines.computeIfAbsent(ctx, c -> new Watch(NONE, null));
            if (watch.deadline.get() == NONE) {
                watch.deadline.set(nanoClock.getAsLong() + timeoutNanos);
            }
        }
    }

    /**
     * The headers are in: the clock stops. A request that asks to close the connection
     * ({@code Connection: close}) gets it closed once its answer is written: Helidon 4.5 sends
     * {@code Connection: close} but then waits for the client's next request line. Asking the
     * connection to stop ({@code close(false)}) lets the current exchange finish, then ends it.
     */
    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        Watch watch;
        synchronized (deadlines) {
            watch = deadlines.get(ctx);
            if (watch != null) {
                watch.deadline.set(NONE);
            }
        }
        if (watch != null && headers.contains(HeaderNames.CONNECTION)
                && headers.get(HeaderNames.CONNECTION).allValues().stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"))) {
            ServerConnection connection = watch.connection.get();
            if (connection != null) {
                connection.close(false);
            }
        }
    }

    /** Closes every connection past its deadline; returns how many. */
    int closeOverdue() {
        long now = nanoClock.getAsLong();
        List<ConnectionContext> overdue = new ArrayList<>();
        synchronized (deadlines) {
            deadlines.forEach((ctx, watch) -> {
                long at = watch.deadline.get();
                if (at != NONE && now - at > 0) {
                    watch.deadline.set(NONE);
                    overdue.add(ctx);
                }
            });
            overdue.forEach(deadlines::remove);
        }
        for (ConnectionContext ctx : overdue) {
            try {
                ctx.serverSocket().close();
            } catch (RuntimeException e) {
                // already closed by the client or the server: the goal is reached either way
            }
        }
        closed.addAndGet(overdue.size());
        return overdue.size();
    }

    /** Connections closed for sending their headers too slowly, since start. */
    public long closedConnections() {
        return closed.get();
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }
}
