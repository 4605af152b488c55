package io.trustregistry.adapter.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's one way out while a monitor runs: a Unix socket in the run's directory. A program
 * (through the guard) writes {@code host:port} and a newline, and the relay connects to that host
 * if, and only if, it is allowed, then copies bytes both ways. The sandbox has no network of its
 * own, so whatever a program does past the guard reaches nothing but this check.
 */
final class EgressRelay implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EgressRelay.class.getName());
    /** Longest destination line accepted ("host:port\n"). */
    private static final int MAX_LINE = 300;
    /** Connections one run may open. */
    private static final int MAX_CONNECTIONS = 16;
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(5);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final NodeMonitorSettings settings;
    private final ServerSocketChannel server;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private EgressRelay(NodeMonitorSettings settings, ServerSocketChannel server) {
        this.settings = settings;
        this.server = server;
    }

    /** Listens at {@code socket} (created here) until {@link #close()}. */
    static EgressRelay start(NodeMonitorSettings settings, Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        EgressRelay relay = new EgressRelay(settings, server);
        Thread.ofVirtual().name("monitor-egress").start(relay::accept);
        return relay;
    }

    private void accept() {
        int accepted = 0;
        while (!closed) {
            SocketChannel inside;
            try {
                inside = server.accept();
            } catch (IOException e) {
                return;
            }
            if (++accepted > MAX_CONNECTIONS) {
                closeQuietly(inside);
                continue;
            }
            open.add(inside);
            if (closed) {
                closeQuietly(inside);
                return;
            }
            Thread.ofVirtual().name("monitor-egress-connection").start(() -> serve(inside));
        }
    }

    private void serve(SocketChannel inside) {
        SocketChannel outside = null;
        try {
            String line = destinationLine(inside);
            int colon = line.lastIndexOf(':');
            String host = colon > 0 ? line.substring(0, colon).replaceAll("^\\[|\\]$", "") : "";
            int port = colon > 0 && line.substring(colon + 1).matches("[0-9]{1,5}")
                    ? Integer.parseInt(line.substring(colon + 1)) : -1;
            if (port < 1 || port > 65_535 || !settings.allows(host, port)) {
                LOG.log(System.Logger.Level.INFO, "monitor egress refused: " + abbreviate(line));
                return;
            }
            outside = SocketChannel.open();
            open.add(outside);
            if (closed) {
                return;
            }
            outside.socket().connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            SocketChannel target = outside;
            Thread up = Thread.ofVirtual().start(() -> copy(inside, target));
            copy(target, inside);
            up.join(Duration.ofSeconds(1));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "monitor egress connection ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(inside);
            if (outside != null) {
                closeQuietly(outside);
            }
        }
    }

    /** Reads "host:port\n", at most {@link #MAX_LINE} bytes, within {@link #LINE_TIMEOUT}. */
    private String destinationLine(SocketChannel inside) throws IOException {
        Thread deadline = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(LINE_TIMEOUT);
                closeQuietly(inside);
            } catch (InterruptedException done) {
                // the line arrived in time
            }
        });
        try {
            ByteBuffer one = ByteBuffer.allocate(1);
            StringBuilder line = new StringBuilder();
            while (line.length() < MAX_LINE) {
                one.clear();
                if (inside.read(one) < 0) {
                    throw new IOException("closed before its destination");
                }
                char c = (char) (one.get(0) & 0xff);
                if (c == '\n') {
                    return line.toString();
                }
                line.append(c);
            }
            throw new IOException("destination line too long");
        } finally {
            deadline.interrupt();
        }
    }

    private static void copy(ByteChannel from, ByteChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // either side closed: the other is closed by serve()
        } finally {
            if (to instanceof SocketChannel s) {
                try {
                    s.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }

    /** The line as a log may show it: printable ASCII only, at most 80 characters. */
    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }

    private void closeQuietly(AutoCloseable c) {
        open.remove(c);
        try {
            c.close();
        } catch (Exception ignored) {
            // closing
        }
    }

    /** Stops accepting and cuts every connection of the run. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (AutoCloseable c : open) {
            closeQuietly(c);
        }
    }
}
