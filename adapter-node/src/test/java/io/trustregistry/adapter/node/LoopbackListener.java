package io.trustregistry.adapter.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host a monitor program may or may not reach, on a loopback address: answers {@code answer}
 * to every connection, closes it, and counts them (a refused destination must count none).
 */
final class LoopbackListener implements AutoCloseable {

    /** An HTTP server's empty success, as a program's {@code fetch} reads it. */
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n";

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();

    private LoopbackListener(ServerSocket socket, String answer) {
        this.socket = socket;
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    accepted.incrementAndGet();
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Listens on {@code loopback} (127.0.0.1, 127.0.0.2, ...) at a free port. */
    static LoopbackListener on(String loopback, String answer) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(loopback), 0));
        return new LoopbackListener(socket, answer);
    }

    int port() {
        return socket.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
