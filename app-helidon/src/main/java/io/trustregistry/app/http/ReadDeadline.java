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
 * Closes a connection whose client is too slow: a request's line and headers must arrive within
 * the header timeout, its body within the body timeout, and each chunk of the answer must be taken
 * within the write timeout. This defends against slowloris and its slow-body and slow-read
 * cousins, clients that open many connections and send (or read) a byte now and then, or stop
 * halfway, until the server runs out of sockets. Helidon 4.5's own idle sweep only closes
 * connections still waiting for a request line, and its read timeout does not apply to the NIO
 * channels it serves, hence this watchdog.
 *
 * <p>The header clock starts when a connection is accepted ({@link #http1Selector}, the listener's
 * only connection selector, is handed each connection at once), or at the request line of a
 * later request on a kept-alive connection (this is also a receive listener), and stops when the
 * headers are complete. A request with a body then has the body timeout until its handler has
 * read it ({@link #bodyRead()}, called by {@link JsonBodies} and, once the handler is done, by
 * {@link AccessLog}). Each write of the answer starts the write clock (this is also a send
 * listener, {@link #writes()}) until the next write or the handler's end, when the idle clock
 * starts: a connection silent for the idle timeout between requests is closed. The write timeout
 * must exceed the idle timeout, so a clock left running by a write after the handler's end never
 * closes a connection before the idle clock would.
 * Connections are held weakly, so a closed one is forgotten without bookkeeping. One platform
 * thread checks twice a second.
 */
public final class ReadDeadline implements Http1ConnectionListener, AutoCloseable {

    /** No deadline running: the request is being handled. */
    private static final long NONE = Long.MIN_VALUE;

    /** The request whose body this thread's handler is reading, if it has one. */
    private static final ThreadLocal<Watch> READING_BODY = new ThreadLocal<>();
    /** The request this thread is handling. */
    private static final ThreadLocal<Watch> HANDLING = new ThreadLocal<>();

    private final long headerNanos;
    private final long bodyNanos;
    private final long writeNanos;
    private final long idleNanos;
    private final Map<ConnectionContext, Watch> deadlines = new WeakHashMap<>();
    private final ScheduledExecutorService watchdog;

    /** A watchdog checking every half second. */
    public ReadDeadline(Duration headerTimeout, Duration bodyTimeout, Duration writeTimeout, Duration idleTimeout) {
        if (!headerTimeout.isPositive() || !bodyTimeout.isPositive() || !writeTimeout.isPositive()
                || !idleTimeout.isPositive()) {
            throw new IllegalArgumentException("the header, body, write and idle timeouts must be positive, not "
                    + headerTimeout + ", " + bodyTimeout + ", " + writeTimeout + " and " + idleTimeout);
        }
        this.idleNanos = idleTimeout.toNanos();
        this.headerNanos = headerTimeout.toNanos();
        this.bodyNanos = bodyTimeout.toNanos();
        this.writeNanos = writeTimeout.toNanos();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "read-deadline");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(() -> {
            try {
                closeOverdue();
            } catch (RuntimeException e) {
                // one bad round must not end the watchdog: the next runs in half a second
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
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
                synchronized (deadlines) {
                    deadlines.computeIfAbsent(ctx, c -> new Watch(System.nanoTime() + headerNanos, connection));
                }
                return connection;
            }
        };
    }

    /** One connection's clock, and the connection itself (weakly: it references its context). */
    private static final class Watch {
        final AtomicLong deadline;
        final WeakReference<ServerConnection> connection;
        /** Whether a request on this connection got past its headers: later ones restart the clock. */
        volatile boolean served;

        Watch(long deadline, ServerConnection connection) {
            this.deadline = new AtomicLong(deadline);
            this.connection = new WeakReference<>(connection);
        }
    }

    /** A later request's line starts its clock; the first one's runs from the accept. */
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        synchronized (deadlines) {
            Watch watch = deadlines.computeIfAbsent(ctx, c -> new Watch(NONE, null));
            if (watch.served || watch.deadline.get() == NONE) {
                watch.deadline.set(System.nanoTime() + headerNanos);
            }
        }
    }

    /**
     * The headers are in: the header clock stops, and a body's starts. A request that asks to
     * close the connection ({@code Connection: close}) gets it closed once answered: Helidon 4.5
     * sends {@code Connection: close} but then waits for the client's next request line. Asking
     * the connection to stop ({@code close(false)}) lets the exchange finish, then ends it.
     */
    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        Watch watch;
        synchronized (deadlines) {
            watch = deadlines.get(ctx);
        }
        if (watch == null) {
            return;
        }
        watch.served = true;
        HANDLING.set(watch);
        boolean body;
        try {
            body = headers.contentLength().orElse(0) > 0 || headers.contains(HeaderNames.TRANSFER_ENCODING);
        } catch (IllegalArgumentException malformed) {
            body = true; // Helidon answers the malformed Content-Length itself, with a 400
        }
        if (body) {
            watch.deadline.set(System.nanoTime() + bodyNanos);
            READING_BODY.set(watch);
        } else {
            watch.deadline.set(NONE);
        }
        if (headers.contains(HeaderNames.CONNECTION) && headers.get(HeaderNames.CONNECTION).allValues().stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"))) {
            ServerConnection connection = watch.connection.get();
            if (connection != null) {
                connection.close(false);
            }
        }
    }

    /**
     * The current request's body has been read: its clock stops. Runs on the request's thread, as
     * Helidon's HTTP/1 handlers do; a no-op for a request without one.
     */
    public static void bodyRead() {
        Watch watch = READING_BODY.get();
        if (watch != null) {
            READING_BODY.remove();
            watch.deadline.set(NONE);
        }
    }

    /** Whether the current request has a body its handler has not read (so far). */
    public static boolean bodyUnread() {
        return READING_BODY.get() != null;
    }

    /**
     * The current request's handler is done, its answer written. The connection may now idle up
     * to the idle timeout before its next request line. If the handler answered without reading
     * the body (a refusal), Helidon drains the body next: its clock keeps running, and the
     * connection ends after this exchange, so a client cannot hold it by never sending the body.
     */
    public void handled() {
        Watch unread = READING_BODY.get();
        READING_BODY.remove();
        Watch watch = HANDLING.get();
        HANDLING.remove();
        if (unread != null) {
            ServerConnection connection = unread.connection.get();
            if (connection != null) {
                connection.close(false);
            }
        } else if (watch != null) {
            watch.deadline.set(System.nanoTime() + idleNanos);
        }
    }

    /**
     * The send listener: each write of an answer gives the client the write timeout to take it
     * (Helidon calls it just before writing, on the handler's thread).
     */
    public Http1ConnectionListener writes() {
        return new Http1ConnectionListener() {
            @Override
            public void data(ConnectionContext ctx, BufferData data) {
                writing(ctx);
            }

            @Override
            public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
                writing(ctx);
            }
        };
    }

    private void writing(ConnectionContext ctx) {
        if (READING_BODY.get() != null) {
            return; // an unread body's clock stands: answering does not buy the client more time
        }
        Watch watch;
        synchronized (deadlines) {
            watch = deadlines.get(ctx);
        }
        if (watch != null) {
            watch.deadline.set(System.nanoTime() + writeNanos);
        }
    }

    /** Closes every connection past its deadline; returns how many. */
    int closeOverdue() {
        long now = System.nanoTime();
        List<ConnectionContext> overdue = new ArrayList<>();
        synchronized (deadlines) {
            deadlines.forEach((ctx, watch) -> {
                long at = watch.deadline.get();
                if (at != NONE && now - at > 0 && watch.deadline.compareAndSet(at, NONE)) {
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
        return overdue.size();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
