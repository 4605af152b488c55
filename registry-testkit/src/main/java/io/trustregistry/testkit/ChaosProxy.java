package io.trustregistry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder to put between the registry and a dependency (PostgreSQL, S3) so a test can
 * make the dependency vanish ({@link #cut()}: the port refuses connections and every open
 * connection is torn down) and come back ({@link #restore()}: same port), without touching the
 * dependency itself.
 */
public final class ChaosProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean blackholed;

    private ChaosProxy(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    /** Starts forwarding a free local port to {@code host:port}. */
    public static ChaosProxy to(String host, int port) {
        int local;
        try (ServerSocket probe = new ServerSocket(0)) {
            local = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
        ChaosProxy proxy = new ChaosProxy(host, port, local);
        proxy.restore();
        return proxy;
    }

    /** The local port clients connect to. */
    public int port() {
        return port;
    }

    /**
     * A network partition: connections stay open and new ones are accepted, but no byte gets
     * through in either direction (packets dropped, not refused), so a client without its own
     * timeouts waits forever. {@link #restore()} ends it; connections open during it are closed.
     */
    public synchronized void blackhole() {
        blackholed = true;
    }

    /** Starts (again) accepting connections on the same port, and ends a {@link #blackhole()}. */
    public synchronized void restore() {
        if (blackholed) {
            blackholed = false;
            // what was held during the partition is gone, as after a real one
            for (Socket socket : open) {
                closeQuietly(socket);
            }
            open.clear();
        }
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            Thread.ofVirtual().start(() -> accept(socket));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
    }

    /** Refuses new connections and tears down every open one. */
    public synchronized void cut() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            listener = null;
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                synchronized (this) {
                    if (listener != socket) {
                        // cut while this connection was being set up: it must not outlive the cut
                        closeQuietly(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            } catch (IOException closedOrRefused) {
                // the listener was cut, or the target refused: the client sees a closed connection
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (blackholed) {
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
